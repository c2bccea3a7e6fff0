"""Opens an mpilife recording's XDMF sidecar with ParaView (run with pvpython) and compares every
time step's cell array with h5py's /frames and /generations.

usage: pvpython paraview_frames.py REC.xmf REC.h5 ARRAY READER...
READER: XDMFReader (the legacy reader), Xdmf3ReaderS, Xdmf3ReaderT. Prints one line per reader;
exits 1 on the first mismatch.
"""
import os
import sys

import h5py
import numpy as np
from paraview import servermanager, simple
from paraview.vtk.util.numpy_support import vtk_to_numpy

xmf, h5, name = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
with h5py.File(h5, "r") as f:
    frames = f["frames"][:]
    generations = [int(g) for g in f["generations"][:]]
    count = int(f.attrs.get("frames_complete", len(generations)))
    scale = float(f.attrs["frame_scale"])
frames, generations = frames[:count], generations[:count]
T, H, W = frames.shape


def first_leaf(data):
    """The data set itself, or the first leaf of a composite (the Xdmf3 readers' multiblock)."""
    if data.IsA("vtkCompositeDataSet"):
        it = data.NewIterator()
        it.InitTraversal()
        return it.GetCurrentDataObject()
    return data


for reader_name in sys.argv[4:]:
    if reader_name == "XDMFReader":
        reader = simple.XDMFReader(FileNames=[xmf])
    else:
        reader = getattr(simple, reader_name)(FileName=[xmf])
    reader.UpdatePipelineInformation()
    times = [float(t) for t in reader.TimestepValues or []]
    if times != [float(g) for g in generations]:
        sys.exit(f"{reader_name}: time steps {times} != /generations {generations}")
    for k, t in enumerate(times):
        reader.UpdatePipeline(t)
        data = first_leaf(servermanager.Fetch(reader))
        if data is None or data.GetCellData().GetArray(name) is None:
            sys.exit(f"{reader_name}: no cell array '{name}' at time {t}")
        dims = data.GetDimensions()
        # The 2D mesh lies in the y-z plane: columns along y, rows along z.
        if tuple(dims) != (1, W + 1, H + 1):
            sys.exit(f"{reader_name}: grid of {dims} points at time {t}, expected {(1, W + 1, H + 1)}")
        if tuple(data.GetSpacing())[1:] != (scale, scale) or tuple(data.GetOrigin()) != (0, 0, 0):
            sys.exit(f"{reader_name}: spacing {data.GetSpacing()}, origin {data.GetOrigin()}, "
                     f"expected {scale} and 0 (one pixel = {scale:g} cells)")
        values = vtk_to_numpy(data.GetCellData().GetArray(name))
        if values.dtype != np.uint8 or values.size != H * W:
            sys.exit(f"{reader_name}: {values.size} values of {values.dtype} at time {t}, "
                     f"expected {H * W} uint8")
        if not np.array_equal(values.reshape(H, W), frames[k]):
            sys.exit(f"{reader_name}: frame {k} (generation {generations[k]}) differs from /frames")
    print(f"{reader_name}: {len(times)} frames of {W}x{H} equal to /frames")
    simple.Delete(reader)
