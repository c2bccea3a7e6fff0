#!/usr/bin/env bash
# Temporal blocking on one core: bench_kernel (fast kernel, one tile, 50% soup, torus, B3/S23) at
# each size with the time block mpilife picks (auto: 1 while the tile fits in the last-level
# cache, up to 64 beyond) and with sweeps of one generation (--time-block 1, what every size ran
# before issue 13), side by side: ROUNDS rounds, each running every case once in turn (REPEATS timed
# repeats), so the machine's load falls on all cases alike. Prints a Markdown table of CPU-time
# medians over the rounds and each case's rate relative to the first size's automatic one, and
# the BENCH lines on stderr.
#   bench/blocking.sh [BUILD] [ROUNDS] [REPEATS] ["N:GENS ..."] ["ISA ..."]
set -euo pipefail
BUILD=${1:-build}
ROUNDS=${2:-5}
REPEATS=${3:-3}
SIZES=${4:-"4096:200 16384:32 65536:16"}
ISAS=${5:-auto}
B="$BUILD/bench/bench_kernel"
declare -A CPU BLOCK
cases=()
for size in $SIZES; do
  for isa in $ISAS; do
    cases+=("$size:$isa:auto" "$size:$isa:1")
  done
done
for ((r = 0; r < ROUNDS; r++)); do
  for c in "${cases[@]}"; do
    IFS=: read -r n gens isa block <<<"$c"
    args=(--isa "$isa" --size "$n" -g "$gens" --repeats "$REPEATS" --warmup 2)
    [ "$block" = auto ] || args+=(--time-block "$block")
    line=$("$B" "${args[@]}" | grep '^BENCH')
    echo "$line" >&2
    CPU[$c]+="$(sed -n 's/.*cpu_median_gcups=\([0-9.]*\).*/\1/p' <<<"$line") "
    BLOCK[$c]=$(sed -n 's/.*time_block=\([0-9]*\).*/\1/p' <<<"$line")
  done
done
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name)"
echo
echo "| size | --isa | time block | Gcell-updates/s (CPU time, median of $ROUNDS) | / first size, auto |"
echo "|---|---|---|---|---|"
base=""
for c in "${cases[@]}"; do
  IFS=: read -r n _ isa block <<<"$c"
  rate=$(median 3 <<<"${CPU[$c]}")
  [ -n "$base" ] || base=$rate
  label="${BLOCK[$c]}"
  [ "$block" = auto ] && label="${BLOCK[$c]} (auto)"
  printf "| %sx%s | %s | %s | %s | %s |\n" "$n" "$n" "$isa" "$label" "$rate" \
    "$(awk -v a="$rate" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
done
