# A 65536 x 65536 plane (2^32 cells; tiles of 2^31 cells on 2 ranks, 0.25 byte per cell in the
# fast kernel's two buffers) with a glider near a corner: --final, one frame at --frame-scale 64,
# a checkpoint and its restart at 3 ranks, each in the other --io mode too; rank 0's peak
# resident memory stays near the simulation's own (the outputs stream in bands, README "Output").
# Label `large`: about 1.2 GiB of memory and half a minute.
source "$(dirname "$0")/common.bash" "$@"
PY=/usr/bin/python3

N=65536
AT=2
# The glider's live cells shifted by DX,DY, one "x,y" per line, sorted (patterns/glider.rle).
glider_at() {
  $PY - "$1" <<'EOF'
import sys
d = int(sys.argv[1])
cells = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
print("\n".join(sorted(f"{x + d},{y + d}" for x, y in cells)))
EOF
}
# The live cells of an RLE file, one "x,y" per line, sorted; and its header line.
rle_cells() {
  $PY - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
lines = [l for l in text.splitlines() if not l.startswith("#")]
body = "".join(lines[1:])
x = y = 0
out = []
for count, tag in re.findall(r"(\d*)([bo$!])", body):
    n = int(count or 1)
    if tag == "b":
        x += n
    elif tag == "o":
        out += [f"{x + i},{y}" for i in range(n)]
        x += n
    elif tag == "$":
        y += n
        x = 0
    else:
        break
print("\n".join(sorted(out)))
EOF
}
rle_header() { grep -v '^#' "$1" | head -1; }

# Generation 8 on 2 ranks: --final through the banded gather, one frame at scale 64 and a
# checkpoint written by rank 0 band by band (--io gather), each rank's peak memory in --summary.
T0=$SECONDS
run 2 run "$SRC/patterns/glider.rle" --size ${N}x${N} --topology plane --decomp 1d --at $AT,$AT \
  -g 8 --final "$WORK/g8.rle" --output "$WORK/f.h5" --every 8 --frame-scale 64 \
  --checkpoint "$WORK/c.h5" --io gather --compression 1 --quiet --summary "$WORK/s.json"
echo "2 ranks, -g 8 with --final, a frame and a gathered checkpoint: $((SECONDS - T0)) s"
expect_rc 0 "the 65536x65536 run"
if [ "$(rle_cells "$WORK/g8.rle")" = "$(glider_at $((AT + 2)))" ]; then pass; else
  fail "--final: the glider is not 2 cells on after 8 generations"; fi
if [ "$(rle_header "$WORK/g8.rle")" = "x = $N, y = $N, rule = B3/S23:P$N,$N" ]; then pass; else
  fail "--final header: $(rle_header "$WORK/g8.rle")"; fi
if $PY - "$WORK/f.h5" <<'EOF'; then pass; else fail "the frame at scale 64"; fi
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    frames = f["frames"]
    assert frames.shape == (2, 1024, 1024), frames.shape
    last = frames[1]
    # 5 live cells of 4096: density round(255 * 5 / 4096) = 0, shown as 1 since a cell lives.
    assert last[0, 0] == 1 and int(last.sum()) == 1, (last[0, 0], int(last.sum()))
    assert list(f["generations"][:]) == [0, 8]
EOF

# Rank 0 holds its tile (2^31 cells in two bit-packed buffers, 512 MiB) like rank 1, plus at most
# two bands of 16 MiB and HDF5's buffers: its peak stays within 96 MiB of rank 1's.
RANK0=$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["peak_memory_bytes"][0])' "$WORK/s.json")
OTHERS=$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["peak_memory_bytes"][1])' "$WORK/s.json")
echo "peak RSS: rank 0 $((RANK0 >> 20)) MiB, rank 1 $((OTHERS >> 20)) MiB"
if [ -n "$RANK0" ] && [ "$RANK0" -le $((OTHERS + (96 << 20))) ]; then pass; else
  fail "rank 0 peak ${RANK0} bytes, more than rank 1's ${OTHERS} + 96 MiB"; fi

# Restart at 3 ranks (2d decomposition, collective reads and a parallel checkpoint) to 12.
T0=$SECONDS
run 3 run --restart "$WORK/c.h5" -g 12 --decomp 2d --final "$WORK/g12.rle" \
  --checkpoint "$WORK/c12.h5" --io parallel --compression 1 --quiet
echo "3 ranks, restart to 12 with a parallel checkpoint: $((SECONDS - T0)) s"
expect_rc 0 "the restart at 3 ranks"
if [ "$(rle_cells "$WORK/g12.rle")" = "$(glider_at $((AT + 3)))" ]; then pass; else
  fail "restart: the glider is not 3 cells on after 12 generations"; fi

# The parallel checkpoint read back by rank 0 band by band on 2 ranks, one period further.
T0=$SECONDS
run 2 run --restart "$WORK/c12.h5" -g 16 --final "$WORK/g16.rle" --io gather --quiet
echo "2 ranks, restart to 16 read by rank 0: $((SECONDS - T0)) s"
expect_rc 0 "the restart from the parallel checkpoint"
if [ "$(rle_cells "$WORK/g16.rle")" = "$(glider_at $((AT + 4)))" ]; then pass; else
  fail "restart from the parallel checkpoint: the glider is not 4 cells on at 16"; fi

finish
