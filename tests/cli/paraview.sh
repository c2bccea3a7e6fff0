#!/usr/bin/env bash
# The XDMF sidecar in a real reader: recordings (frame scale 1 and 4, and one continued by
# --restart) opened with ParaView's three XDMF readers (legacy XDMFReader, Xdmf3ReaderS/T) through pvpython (Debian python3-paraview), every
# time step's cell array compared with h5py's /frames and /generations. Exits 77 (skipped) without
# pvpython. meshio is not tried: meshio 7 reads only unstructured meshes (explicit XY/XYZ points and
# cells) with whole-dataset arrays, not a structured grid whose frames are hyperslabs of /frames.
source "$(dirname "$0")/common.bash"
GUN=$SRC/patterns/gosper-glider-gun.rle
CHECK=$SRC/tests/cli/paraview_frames.py
W=$WORK
if ! command -v pvpython >/dev/null; then
  echo "SKIP: no pvpython (apt-get install python3-paraview); the sidecar is not opened in ParaView"
  exit 77
fi
# pvpython may bring its own Python; it needs h5py and numpy from the system's.
export PYTHONPATH=/usr/lib/python3/dist-packages${PYTHONPATH:+:$PYTHONPATH}
READERS=(XDMFReader Xdmf3ReaderS Xdmf3ReaderT)

# check H5 ARRAY WHAT : opens H5's sidecar with both readers and compares every frame.
check() {
  local xmf=${1%.h5}.xmf out
  if out=$(timeout 300 pvpython --force-offscreen-rendering "$CHECK" "$xmf" "$1" "$2" \
    "${READERS[@]}" 2>&1); then
    pass
    # The readers' complaints go to the output, not to the exit code.
    if grep -Eq 'HDF5-DIAG|XDMF Error|ERR\||Skipping|unrecognized' <<<"$out"; then
      ERR=$out
      fail "$3: a reader complained"
    else
      pass
    fi
    grep -E '^(XDMFReader|Xdmf3Reader[ST]):' <<<"$out"
  else
    ERR=$out
    fail "$3: pvpython comparison"
  fi
}

# Glider gun, 64x48, 10 frames (generations 0..45), 2 ranks, one frame per cell.
run 2 run "$GUN" -g 45 --size 64x48 --every 5 --output "$W/gun.h5"
expect_rc 0 "record the gun"
check "$W/gun.h5" cells "frame scale 1"

# Frame scale 4 (16x12 pixels of density), parallel writer on 3 ranks.
run 3 run "$GUN" -g 45 --size 64x48 --every 5 --frame-scale 4 --output "$W/d4.h5" --io parallel
expect_rc 0 "record at frame scale 4"
check "$W/d4.h5" density "frame scale 4"

# A recording continued by --restart: the sidecar is rewritten with every frame, old and new.
run 2 run "$GUN" -g 20 --size 64x48 --every 5 --output "$W/rs.h5" --checkpoint "$W/rs-ck.h5"
expect_rc 0 "first part"
run 2 run --restart "$W/rs-ck.h5" -g 45 --every 5 --output "$W/rs.h5"
expect_rc 0 "restart appending"
h5diff "$W/gun.h5" "$W/rs.h5" /frames >/dev/null && pass || fail "continued /frames differ"
check "$W/rs.h5" cells "continued recording"

finish
