#!/usr/bin/env bash
# The cost of one portable binary: bench_kernel forced to each instruction set (--isa) of this
# build against bench_kernel of a separate build of the old code with -march=native (the fast
# kernel before run-time dispatch), measured side by side: ROUNDS rounds, each running every case
# once (REPEATS timed repeats), in turn, so the machine's load falls on all cases alike. Prints a
# Markdown table of the medians over the rounds (wall clock and CPU time) and the BENCH lines on
# stderr.
#   bench/isa.sh [BUILD] OLD_NATIVE_BUILD [ROUNDS] [REPEATS] [SIZES]
# OLD_NATIVE_BUILD: e.g. git worktree add /tmp/old <commit before dispatch> &&
#   cmake -S /tmp/old -B /tmp/old/build -DMPILIFE_NATIVE=ON -DMPILIFE_BENCH=ON -DMPILIFE_TESTS=OFF
#   && cmake --build /tmp/old/build --target bench_kernel
set -euo pipefail
BUILD=${1:-build}
OLD=${2:?usage: bench/isa.sh [BUILD] OLD_NATIVE_BUILD [ROUNDS] [REPEATS] [SIZES]}
ROUNDS=${3:-5}
REPEATS=${4:-5}
SIZES=${5:-"4096:200 16384:10"}
NEW="$BUILD/bench/bench_kernel"
SUPPORTED=$("$BUILD/mpilife" --version | sed -n 's/^this CPU supports: \(.*\);.*/\1/p' | tr -d ',')
CASES=("old-native")
for isa in $SUPPORTED; do CASES+=("$isa"); done
declare -A WALL CPU
for size in $SIZES; do
  n=${size%%:*}
  gens=${size##*:}
  for ((r = 0; r < ROUNDS; r++)); do
    for c in "${CASES[@]}"; do
      if [ "$c" = old-native ]; then
        line=$("$OLD/bench/bench_kernel" --size "$n" -g "$gens" --repeats "$REPEATS" | grep '^BENCH')
      else
        line=$("$NEW" --isa "$c" --size "$n" -g "$gens" --repeats "$REPEATS" | grep '^BENCH')
      fi
      echo "$c $line" >&2
      WALL[$n,$c]+="$(sed -n 's/.* median_gcups=\([0-9.]*\).*/\1/p' <<<"$line") "
      CPU[$n,$c]+="$(sed -n 's/.*cpu_median_gcups=\([0-9.]*\).*/\1/p' <<<"$line") "
    done
  done
done
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name)"
echo
echo "| size | kernel | Gcell-updates/s, wall (median of $ROUNDS) | by CPU time (median) | CPU-time rate / old native |"
echo "|---|---|---|---|---|"
for size in $SIZES; do
  n=${size%%:*}
  base=$(median 3 <<<"${CPU[$n,old-native]}")
  for c in "${CASES[@]}"; do
    label=$c
    [ "$c" = old-native ] && label="old code, -march=native" || label="--isa $c"
    w=$(median 3 <<<"${WALL[$n,$c]}")
    cpu=$(median 3 <<<"${CPU[$n,$c]}")
    printf "| %sx%s | %s | %s | %s | %s |\n" "$n" "$n" "$label" "$w" "$cpu" \
      "$(awk -v a="$cpu" -v b="$base" 'BEGIN { printf "%.3f", a / b }')"
  done
done
