#!/usr/bin/env bash
# HDF5 output end to end: recordings from both writers are identical and readable by h5py and
# h5dump, the XDMF sidecar is well-formed, info/export work, outputs are created before the first
# generation (73), checkpoints restart on any rank count bit-identically, and a run killed with
# SIGKILL while writing checkpoints leaves the previous checkpoint valid.
source "$(dirname "$0")/common.bash"
GUN=$SRC/patterns/gosper-glider-gun.rle
PY=/usr/bin/python3
W=$WORK

# Recording: gather on 1 rank, parallel on 3, auto on 2 (-> gather for this size); identical data.
run 1 run "$GUN" -g 30 --size 64x48 --every 10 --output "$W/g1.h5" --io gather --final "$W/g1.rle"
expect_rc 0 "record with --io gather"
run 3 run "$GUN" -g 30 --size 64x48 --every 10 --output "$W/p3.h5" --io parallel
expect_rc 0 "record with --io parallel"
run 2 run "$GUN" -g 30 --size 64x48 --every 10 --output "$W/a2.h5" --decomp 1d
expect_rc 0 "record with --io auto"
for f in p3 a2; do
  # The datasets (the root attributes differ: each file records its own command line).
  for ds in frames generations population; do
    h5diff "$W/g1.h5" "$W/$f.h5" /$ds >/dev/null && pass || fail "h5diff g1.h5 $f.h5 /$ds differs"
  done
done
for ds in frames generations population; do
  h5dump -d "/$ds" "$W/p3.h5" >/dev/null 2>&1 && pass || fail "h5dump cannot read /$ds"
done
h5dump -A "$W/p3.h5" >"$W/attrs.txt" 2>&1 && pass || fail "h5dump cannot read the attributes"
for a in rule topology width height every seed pattern mpilife_version frame_scale status; do
  grep -q "ATTRIBUTE \"$a\"" "$W/attrs.txt" && pass || fail "attribute $a missing"
done
[ -e "$W/g1.xmf" ] && pass || fail "no XDMF sidecar g1.xmf"

$PY - "$W/p3.h5" "$W/g1.xmf" <<'PY' && pass || fail "h5py / XDMF checks"
import sys, h5py, numpy as np
import xml.etree.ElementTree as ET
f = h5py.File(sys.argv[1], "r")
fr, gen, pop = f["frames"], f["generations"], f["population"]
assert fr.shape == (4, 48, 64) and fr.dtype == np.uint8, (fr.shape, fr.dtype)
assert fr.maxshape == (None, 48, 64) and fr.chunks is not None and fr.compression == "gzip" and fr.shuffle
assert list(gen[:]) == [0, 10, 20, 30], gen[:]
assert all(int(fr[i].sum()) == int(pop[i]) for i in range(4))
assert int(pop[0]) == 36 and set(np.unique(fr[:])) <= {0, 1}
a = f.attrs
assert a["rule"] == "B3/S23:T64,48" and a["topology"] == "torus" and a["width"] == 64
assert a["height"] == 48 and a["every"] == 10 and a["frame_scale"] == 1 and a["status"] == "completed"
assert a["pattern"] == "Gosper glider gun" and a["mpilife_kind"] == "recording" and a["seed"] == 1
root = ET.parse(sys.argv[2]).getroot()
grids = root.findall("./Domain/Grid/Grid")
assert len(grids) == 4
assert [g.find("Time").get("Value") for g in grids] == ["0", "10", "20", "30"]
assert root.get("Version") == "3.0"
for i, g in enumerate(grids):
    assert g.find("Topology").get("Dimensions") == "49 65"
    slab = g.find("Attribute/DataItem")
    assert slab.get("Dimensions") == "48 64" and slab.get("NumberType") == "UChar"
    assert slab.text.strip() == f"g1.h5:/frames|{i} 0 0:1 1 1:1 48 64:4 48 64", slab.text
    sel, src = slab.findall("DataItem")
    assert sel.text.split() == [str(i), "0", "0", "1", "1", "1", "1", "48", "64"]
    assert src.get("Dimensions") == "4 48 64" and src.text == "g1.h5:/frames"
PY

# info and export: the last frame exported equals --final.
run 0 info "$W/g1.h5"
expect_rc 0 "info"
grep -q "mpilife recording (completed)" <<<"$OUT" && pass || fail "info kind line"
grep -Eq "frames +4 of 64x48 cells" <<<"$OUT" && pass || fail "info frames line"
grep -Eq "generations +0\.\.30, every 10" <<<"$OUT" && pass || fail "info generations line"
grep -Eq "storage +/frames: chunks 1x48x64, shuffle\+deflate" <<<"$OUT" && pass || fail "info storage"
run 0 export "$W/g1.h5" --frame -1 --out "$W/last.rle"
expect_rc 0 "export the last frame"
diff <(grep -v '^#' "$W/last.rle") <(grep -v '^#' "$W/g1.rle") >/dev/null && pass ||
  fail "exported last frame differs from --final"
run 2 export "$W/g1.h5" --frame 0
expect_rc 0 "export frame 0 to stdout"
grep -q "^x = 64, y = 48, rule = B3/S23:T64,48" <<<"$OUT" && pass || fail "export header"
run 2 export "$W/g1.h5" --frame 4
expect_rc 64 "export a frame out of range"; expect_one_message "frame out of range"
run 0 info "$W/missing.h5"
expect_rc 66 "info of a missing file"
echo "not hdf5" >"$W/junk.h5"
run 2 info "$W/junk.h5"
expect_rc 65 "info of a non-HDF5 file"; expect_err "not an HDF5 file" "non-HDF5 message"
$PY -c "import h5py; h5py.File('$W/other.h5', 'w')['x'] = [1]"
run 0 export "$W/other.h5"
expect_rc 65 "export of a foreign HDF5 file"; expect_err "not an mpilife file" "foreign file message"

# Outputs exist before the first generation: existing file without --force, unwritable paths.
run 2 run "$GUN" -g 5 --output "$W/g1.h5"
expect_rc 73 "existing --output without --force"; expect_err "already exists" "73 message"
expect_one_message "existing --output"
run 2 run "$GUN" -g 5 --output "$W/g1.h5" --force
expect_rc 0 "existing --output with --force"
run 2 run "$GUN" -g 5 --output "$W/no/such/dir/x.h5"
expect_rc 73 "unwritable --output"
run 1 run "$GUN" -g 5 --checkpoint "$W"
expect_rc 73 "--checkpoint naming a folder"
run 1 run "$GUN" -g 5 --every 3
expect_rc 64 "--every without --output"

# Frame scale: block densities, identical from both writers.
run 1 run --random 0.3 --size 203x97 -g 8 --every 4 --frame-scale 7 --output "$W/s1.h5" --io gather
run 3 run --random 0.3 --size 203x97 -g 8 --every 4 --frame-scale 7 --output "$W/s3.h5" --io parallel
expect_rc 0 "scaled recording"
h5diff "$W/s1.h5" "$W/s3.h5" /frames >/dev/null && pass || fail "scaled frames differ between writers"
$PY - "$W/s1.h5" <<'PY' && pass || fail "scaled frame shape"
import sys, h5py
f = h5py.File(sys.argv[1], "r")
assert f["frames"].shape == (3, 14, 29) and f.attrs["frame_scale"] == 7
assert f["frames"][0].max() > 1
PY
run 0 export "$W/s1.h5"
expect_rc 64 "export of a scaled recording"

# Checkpoint at 20 on 3 ranks, restart on 2 and 4 ranks to 40 = a straight 40-generation run.
RND=(--random 0.4 --seed 3 --size 97x61 --rule B36/S23)
run 1 run "${RND[@]}" -g 40 --final "$W/straight.rle"
run 3 run "${RND[@]}" -g 20 --checkpoint "$W/ck.h5" --checkpoint-every 7 --io parallel
expect_rc 0 "checkpointed run"
run 0 info "$W/ck.h5"
grep -q "mpilife checkpoint at generation 20" <<<"$OUT" && pass || fail "checkpoint info"
for np in 2 4; do
  for io in gather parallel; do
    run $np run --restart "$W/ck.h5" -g 40 --final "$W/r$np$io.rle" --io $io
    expect_rc 0 "restart on $np ranks ($io)"
    expect_err "^mpilife: 20 generations of 97x61" "restart runs 20 generations"
    diff <(grep -v '^#' "$W/r$np$io.rle") <(grep -v '^#' "$W/straight.rle") >/dev/null && pass ||
      fail "restart on $np ranks ($io) differs from the straight run"
  done
done
run 2 run --restart "$W/ck.h5" -g 10 --final "$W/past.rle"
expect_rc 64 "restart with a target before the checkpoint"
expect_err "checkpoint .* is at generation 20 .*give -g 20 or more" "target before checkpoint msg"
[ ! -e "$W/past.rle" ] && pass || fail "a refused restart wrote --final"
run 2 run --restart "$W/ck.h5" -g 20 --final "$W/past.rle"
expect_rc 0 "restart at the checkpoint's own generation"
expect_err "^mpilife: 0 generations" "restart at the target runs nothing"
run 0 export "$W/ck.h5" --out "$W/ck.rle"
diff <(grep -v '^#' "$W/past.rle") <(grep -v '^#' "$W/ck.rle") >/dev/null && pass ||
  fail "a restart at the target does not keep the checkpoint's grid"
run 2 run --restart "$W/ck.h5" -g 30 --checkpoint "$W/ck.h5" --checkpoint-every 5
expect_rc 0 "continue into the same checkpoint without --force"
run 0 info "$W/ck.h5"
grep -q "checkpoint at generation 30" <<<"$OUT" && pass || fail "checkpoint advanced to 30"
run 2 run --restart "$W/ck.h5" --size 64x64
expect_rc 64 "--size contradicting the checkpoint"; expect_err "contradicts the checkpoint" "64 msg"
run 2 run --restart "$W/ck.h5" --rule B3/S23
expect_rc 64 "--rule contradicting the checkpoint"
run 2 run --restart "$W/ck.h5" "$GUN"
expect_rc 64 "a pattern with --restart"
run 2 run --restart "$W/g1.h5"
expect_rc 65 "restart from a recording"; expect_err "not a checkpoint" "recording msg"
run 2 run --restart "$W/missing.h5"
expect_rc 66 "restart from a missing file"

# SIGINT: exit 130, the last generation recorded and checkpointed, status "interrupted".
timeout 60 "$MPILIFE" run --random 0.4 --size 256x256 -g 100000000 --every 1000 --kernel reference \
  --output "$W/int.h5" --checkpoint "$W/int-ck.h5" -q 2>/dev/null &
pid=$!
for _ in $(seq 100); do [ -e "$W/int.xmf" ] && break; sleep 0.05; done
sleep 0.5
kill -INT $pid
wait $pid
RC=$?
expect_rc 130 "SIGINT"
$PY - "$W/int.h5" "$W/int-ck.h5" <<'PY' && pass || fail "interrupted run's files"
import sys, h5py
r, c = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
assert r.attrs["status"] == "interrupted"
assert r["generations"][-1] == c.attrs["generation"] > 0
assert r["population"][-1] == c.attrs["population"] == r["frames"][-1].sum()
PY

# SIGKILL of the whole job while it writes a checkpoint every generation: the previous checkpoint
# stays valid and a restart from it ends where the uninterrupted run ends.
setsid mpiexec -n 2 --oversubscribe --bind-to none "$MPILIFE" run --random 0.4 --seed 9 \
  --size 300x200 -g 100000000 --checkpoint "$W/kill.h5" --checkpoint-every 1 --io parallel -q \
  >/dev/null 2>&1 &
job=$!
for _ in $(seq 200); do [ -e "$W/kill.h5" ] && break; sleep 0.05; done
sleep 0.3
for _ in $(seq 100); do [ -e "$W/kill.h5.tmp" ] && break; sleep 0.005; done
kill -9 $job $(pgrep -P $job) 2>/dev/null
wait $job 2>/dev/null
run 0 info "$W/kill.h5"
expect_rc 0 "checkpoint readable after SIGKILL"
gen=$(sed -n 's/.*checkpoint at generation \([0-9]*\).*/\1/p' <<<"$OUT")
if [ -n "$gen" ] && [ "$gen" -gt 0 ]; then pass; else fail "no generation in the killed checkpoint"; fi
target=$((${gen:-0} + 17))
run 3 run --restart "$W/kill.h5" -g $target --final "$W/kill-restart.rle"
expect_rc 0 "restart after SIGKILL"
run 1 run --random 0.4 --seed 9 --size 300x200 -g $target --final "$W/kill-straight.rle"
diff <(grep -v '^#' "$W/kill-restart.rle") <(grep -v '^#' "$W/kill-straight.rle") >/dev/null &&
  pass || fail "restart after SIGKILL differs from the straight run"

# A restart appends to its recording: an interrupted run (stopped at 22, not a multiple of
# --every) continued from its checkpoint gives the uninterrupted run's recording, at 1 rank
# (gather) and 3 ranks (parallel); the frames recorded after the checkpoint are dropped first.
SOUP=(--random 0.3 --seed 7 --size 64x64 --every 5)
run 1 run "${SOUP[@]}" -g 40 --output "$W/whole.h5"
expect_rc 0 "uninterrupted recording"
for np in 1 3; do
  io=gather
  [ $np = 3 ] && io=parallel
  run $np run "${SOUP[@]}" -g 22 --output "$W/ap$np.h5" --checkpoint "$W/ap$np-ck.h5" --io $io
  expect_rc 0 "np$np: first part"
  run $np run "${SOUP[@]}" -g 31 --output "$W/ap$np-ahead.h5" --io $io
  expect_rc 0 "np$np: a recording past the checkpoint (25, 30 and 31 must go)"
  run $np run --restart "$W/ap$np-ck.h5" -g 40 --output "$W/ap$np.h5" --every 5 --io $io
  expect_rc 0 "np$np: restart appending"
  run $np run --restart "$W/ap$np-ck.h5" -g 40 --output "$W/ap$np-ahead.h5" --every 5 --io $io
  expect_rc 0 "np$np: restart appending to a recording that ran past the checkpoint"
  for f in ap$np ap$np-ahead; do
    for ds in frames generations population; do
      h5diff "$W/whole.h5" "$W/$f.h5" "/$ds" >/dev/null && pass || fail "$f.h5 /$ds differs"
    done
  done
  run $np run --restart "$W/ap$np-ck.h5" -g 40 --output "$W/ap$np.h5" --every 4 --io $io
  expect_rc 64 "np$np: appending with another --every"
  expect_err "give --every 5 to continue it" "np$np: --every mismatch message"
done

# Provenance: command line, soup density and seed, version, kernel and ISA; info shows them.
$PY - "$W/whole.h5" "$W/ap1-ck.h5" <<'PY' && pass || fail "provenance attributes"
import sys, h5py
for name in sys.argv[1:]:
    a = h5py.File(name, "r").attrs
    assert "--random 0.3 --seed 7" in a["command_line"], a["command_line"]
    assert abs(a["soup_density"] - 0.3) < 1e-12 and a["seed"] == 7
    assert a["kernel"] == "fast" and a["kernel_isa"] in ("native", "avx512vbmi2", "avx512", "avx2", "portable")
    assert a["mpilife_version"]
PY
run 0 info "$W/whole.h5"
expect_rc 0 "info of a recording"
grep -q "random soup of density 0.3, seed 7" <<<"$OUT" && grep -q "kernel       fast (" <<<"$OUT" &&
  grep -q "command      .*--random 0.3" <<<"$OUT" && pass || fail "info lacks the provenance: $OUT"

# --compression: 0 = no filter, 9 = deflate(9), for recordings and checkpoints.
for level in 0 9; do
  run 3 run "$GUN" -g 3 --size 64x48 --output "$W/z$level.h5" --checkpoint "$W/zc$level.h5" \
    --compression $level
  expect_rc 0 "--compression $level"
done
$PY - "$W" <<'PY' && pass || fail "--compression levels"
import sys, h5py
w = sys.argv[1]
for d in (h5py.File(w + "/z0.h5")["frames"], h5py.File(w + "/zc0.h5")["grid"]):
    assert d.compression is None and not d.shuffle, d
for d in (h5py.File(w + "/z9.h5")["frames"], h5py.File(w + "/zc9.h5")["grid"]):
    assert d.compression == "gzip" and d.compression_opts == 9, d
PY

# A stale checkpoint temporary (ours: an mpilife checkpoint under the temp name) is removed.
cp "$W/zc9.h5" "$W/st.h5.tmp"
run 3 run "$GUN" -g 2 --size 64x48 --checkpoint "$W/st.h5" -q
expect_rc 0 "run with a stale checkpoint temporary"
expect_err "removed '.*st.h5.tmp'" "note about the stale temporary"
[ ! -e "$W/st.h5.tmp" ] && [ -e "$W/st.h5" ] && pass || fail "stale temporary left behind"

# A full disk (small tmpfs) during a recording: the run fails (74) without a hang, every frame
# h5py sees as complete is whole, and info/export trust only those. Gathered writes run into
# ENOSPC mid-frame; parallel writes are refused before the frame (collective writes that fail on
# some ranks only would never return).
FULL=$W/full
mkdir -p "$FULL"
if mount -t tmpfs -o size=900k tmpfs "$FULL" 2>/dev/null; then
  for case in "1 gather" "3 gather" "3 parallel"; do
    set -- $case
    rm -f "$FULL"/*
    run $1 run --random 0.5 --size 512x512 -g 100 --output "$FULL/r.h5" --compression 0 --io $2 -q
    expect_rc 74 "np$1 $2: full disk"
    expect_err "cannot write frame [0-9]+ to" "np$1 $2: full disk message"
    $PY - "$FULL/r.h5" <<'PY' && pass || fail "np$1 $2: complete frames are not whole"
import sys, h5py
f = h5py.File(sys.argv[1], "r")
n = int(f.attrs["frames_complete"])
assert n >= 1 and f["frames"].shape[0] >= n, (n, f["frames"].shape)
for i in range(n):
    assert int(f["frames"][i].sum()) == int(f["population"][i]), i
PY
    run 0 export "$FULL/r.h5" --frame -1 --out "$W/last.rle"
    expect_rc 0 "np$1 $2: export of the last complete frame"
    run 0 info "$FULL/r.h5"
    expect_rc 0 "np$1 $2: info of a recording cut by a full disk"
  done
  umount "$FULL"
else
  echo "SKIP: full-disk tests (cannot mount a tmpfs here)"
fi
finish
