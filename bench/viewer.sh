#!/usr/bin/env bash
# Frames per second of the live viewer (`run --view`, SDL's dummy video driver, default window,
# 50% soup, `--view-script "run; sleep SECONDS; print; quit"`, the viewer's own summary line) in
# this build against OLD_BUILD's mpilife, alternated with the order flipped every round. Prints
# the rates, then the medians and the median of the per-round ratios new/old. Wall clock: on a
# shared machine compare the ratios of the same run only.
#   bench/viewer.sh [BUILD] OLD_BUILD [ROUNDS] [N] [RANKS] [SECONDS]
set -euo pipefail
BUILD=${1:-build}
OLD=${2:?usage: bench/viewer.sh [BUILD] OLD_BUILD [ROUNDS] [N] [RANKS] [SECONDS]}
ROUNDS=${3:-4}
N=${4:-16384}
RANKS=${5:-2}
SECONDS_RUN=${6:-10}
export SDL_VIDEODRIVER=dummy
fps() {  # BUILD_DIR -> frames/s
  mpiexec -n "$RANKS" --bind-to none "$1/mpilife" run --random 0.5 --size "${N}x${N}" --view \
    --view-script "run; sleep $SECONDS_RUN; print; quit" </dev/null 2>&1 |
    sed -n 's/.*viewer showed .*(\([0-9.]*\) frames\/s.*/\1/p' | tail -1
}
OLD_RATES=()
NEW_RATES=()
for ((r = 0; r < ROUNDS; r++)); do
  if ((r % 2 == 0)); then
    o=$(fps "$OLD"); n=$(fps "$BUILD")
  else
    n=$(fps "$BUILD"); o=$(fps "$OLD")
  fi
  echo "round $r: old $o new $n frames/s" >&2
  OLD_RATES+=("$o")
  NEW_RATES+=("$n")
done
python3 - "${OLD_RATES[*]}" "${NEW_RATES[*]}" "$N" "$RANKS" <<'PY'
import statistics, sys
old = [float(x) for x in sys.argv[1].split()]
new = [float(x) for x in sys.argv[2].split()]
ratio = statistics.median(n / o for o, n in zip(old, new))
print(f"| {sys.argv[3]}x{sys.argv[3]} | {sys.argv[4]} | {len(old)} | {statistics.median(old):.1f} | "
      f"{statistics.median(new):.1f} | {ratio:.2f} |")
PY
