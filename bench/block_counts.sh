#!/usr/bin/env bash
# The reduction of a tile to block counts (bench_block_counts: gather_block_counts for the live
# viewer, frame_pixels::local_pixels for --frame-scale) in this build against a build of the old
# code, side by side: ROUNDS rounds, each running both builds once (REPEATS timed repeats per
# case), the order flipped every round, so the machine's load falls on both alike. Prints a
# Markdown table of the medians over the rounds (CPU time, which other processes sharing the core
# do not inflate, and the wall clock) with the median of the per-round ratios old/new, and the
# BENCH lines on stderr. The totals (the tile's population) of the two builds must agree.
#   bench/block_counts.sh [BUILD] OLD_BUILD [ROUNDS] [REPEATS] [SIZE] [SCALES]
# OLD_BUILD: e.g. git archive <old commit> | tar -x -C /tmp/old, copy bench/bench_block_counts.cpp
#   and bench/CMakeLists.txt there, cmake -S /tmp/old -B /tmp/old/build -DMPILIFE_BENCH=ON
#   -DMPILIFE_TESTS=OFF && cmake --build /tmp/old/build --target bench_block_counts
set -euo pipefail
BUILD=${1:-build}
OLD=${2:?usage: bench/block_counts.sh [BUILD] OLD_BUILD [ROUNDS] [REPEATS] [SIZE] [SCALES]}
ROUNDS=${3:-5}
REPEATS=${4:-5}
SIZE=${5:-16384}
SCALES=${6:-"16 32 64 100"}
LINES=$(mktemp)
trap 'rm -f "$LINES"' EXIT
run() {  # LABEL BUILD_DIR
  mpiexec -n 1 "$2/bench/bench_block_counts" --size "$SIZE" --repeats "$REPEATS" \
    --scales $SCALES </dev/null | grep '^BENCH' | sed "s/^/$1 /" | tee -a "$LINES" >&2
}
for ((r = 0; r < ROUNDS; r++)); do
  if ((r % 2 == 0)); then run old "$OLD"; run new "$BUILD"; else run new "$BUILD"; run old "$OLD"; fi
done
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name); $ROUNDS rounds of $REPEATS repeats, ${SIZE}x${SIZE} tile, 50% soup"
echo
python3 - "$LINES" "$ROUNDS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    build, rest = line.split(" ", 1)
    f = dict(re.findall(r"(\w+)=(\S+)", rest))
    key = (f["path"], int(f["scale"]))
    rows.setdefault(key, {"old": [], "new": []})[build].append(
        (float(f["cpu_median_ms"]), float(f["median_ms"]), f["total"]))
print("| path | scale | old CPU ms | new CPU ms | old/new (median of rounds) | old wall ms | new wall ms |")
print("|---|---|---|---|---|---|---|")
for (path, scale), r in sorted(rows.items()):
    old, new = r["old"], r["new"]
    assert {t for _, _, t in old} == {t for _, _, t in new}, f"totals differ: {path} {scale}"
    ratio = statistics.median(o[0] / n[0] for o, n in zip(old, new))
    med = lambda v, i: statistics.median(x[i] for x in v)
    print(f"| {path} | {scale} | {med(old, 0):.1f} | {med(new, 0):.1f} | {ratio:.2f} | "
          f"{med(old, 1):.1f} | {med(new, 1):.1f} |")
PY
