#!/usr/bin/env bash
# Soups per second of `mpilife census` (the task farm with the per-soup census) at each rank count,
# ROUNDS runs each, medians; speed-up against one rank and the load balance (the busiest working
# rank's busy time over the least busy one's). Then one core without MPI (bench_census, the
# per-soup engine a worker runs) and, where APGLUXE names an apgsearch 5.2 binary built for b3s23/C1
# (bench/README.md says how), apgsearch on the same soups, one thread and one per core, side by
# side in the same run. BENCH lines on stderr.
#   [APGLUXE=path/to/apgluxe] bench/census.sh [BUILD] [SOUPS] [ROUNDS] ["RANKS ..."]
set -euo pipefail
BUILD=${1:-build}
SOUPS=${2:-10000}
ROUNDS=${3:-3}
RANKS=${4:-"1 2 3"}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name), $(nproc) cores"
echo
echo "| ranks | working ranks | soups/s (median of $ROUNDS) | per working rank | speed-up vs 1 rank | balance (busiest / least busy) |"
echo "|---|---|---|---|---|---|"
base=""
for p in $RANKS; do
  rates="" balances="" workers=0
  for ((r = 0; r < ROUNDS; r++)); do
    line=$(mpiexec -n "$p" --bind-to none "$BUILD/mpilife" census --soups "$SOUPS" --seed bench \
      2>&1 >/dev/null | grep '^mpilife: census of')
    echo "BENCH census ranks=$p $line" >&2
    rates+="$(sed -n 's/.* = \([0-9.]*\) tasks\/s.*/\1/p' <<<"$line") "
    busy=$(grep -o '[0-9]*: [0-9]* in [0-9.]* s' <<<"$line" | awk '{ print $4 }')
    workers=$(wc -l <<<"$busy")
    balances+="$(awk 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 }
      END { printf "%.3f", hi / lo }' <<<"$busy") "
  done
  rate=$(median 1 <<<"$rates")
  [ -z "$base" ] && base=$rate
  printf "| %s | %s | %s | %s | %s | %s |\n" "$p" "$workers" "$rate" \
    "$(awk -v a="$rate" -v w="$workers" 'BEGIN { printf "%.0f", a / w }')" \
    "$(awk -v a="$rate" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "$(median 1 <<<"$balances")"
done

echo
echo "| one core, soups of seed bench | soups/s (median of $ROUNDS) | vs apgsearch |"
echo "|---|---|---|"
engine=""
for ((r = 0; r < ROUNDS; r++)); do
  line=$("$BUILD/bench/bench_census" --seed bench --soups "$SOUPS" --repeats 1)
  echo "$line" >&2
  engine+="$(sed -n 's/.* median_soups_per_s=\([0-9]*\).*/\1/p' <<<"$line") "
done
engine=$(median 0 <<<"$engine")
# apgluxe: -t 1 testing mode (no login, no upload), -L 0 no log file, -v 0 no peer review.
apg_rate() {
  local rates="" line
  for ((r = 0; r < ROUNDS; r++)); do
    line=$("$APGLUXE" -n "$1" -s bench -t 1 -L 0 -v 0 -p "$2" </dev/null 2>&1 | grep overall | tail -1)
    echo "BENCH apgluxe threads=$2 $line" >&2
    rates+="$(sed -n 's/.*, \([0-9.]*\) overall.*/\1/p' <<<"$line") "
  done
  median 0 <<<"$rates"
}
if [ -n "${APGLUXE:-}" ]; then
  apg1=$(apg_rate "$SOUPS" 1)
  printf "| mpilife (bench_census) | %s | %s |\n" "$engine" \
    "$(awk -v a="$engine" -v b="$apg1" 'BEGIN { printf "%.2f", a / b }')"
  printf "| apgsearch 5.2 (apgluxe -p 1) | %.0f | 1.00 |\n" "$apg1"
  apgn=$(apg_rate "$SOUPS" "$(nproc)")
  printf "| apgsearch 5.2 (apgluxe -p %s), all cores | %.0f | %.2f |\n" "$(nproc)" "$apgn" \
    "$(awk -v a="$apgn" -v b="$apg1" 'BEGIN { printf "%.2f", a / b }')"
else
  printf "| mpilife (bench_census) | %s | (APGLUXE not set) |\n" "$engine"
fi
