#!/usr/bin/env bash
# The cost of rules outside the compiled-in list: bench_kernel (fast kernel, one tile, 50% soup,
# torus) under B3/S23 and a spread of other rules, for each instruction set this CPU supports,
# side by side: ROUNDS rounds, each running every (instruction set, rule) case once in turn
# (REPEATS timed repeats), so the machine's load falls on all cases alike. Prints a Markdown table
# of CPU-time medians over the rounds and each rule's time relative to B3/S23's on the same
# instruction set (> 1: slower), and the BENCH lines on stderr.
#   bench/rules.sh [BUILD] [ROUNDS] [REPEATS] [SIZE:GENS] ["RULE ..."] ["ISA ..."]
set -euo pipefail
BUILD=${1:-build}
ROUNDS=${2:-5}
REPEATS=${3:-3}
SIZE=${4:-4096:200}
# B36/S24, B0/S8: the issue's examples; B0123478/S34678: B0 with many births; B3/S12345678:
# Life without death minus S0; three drawn at random (Python's random.Random(13)); B0124/S01367:
# the dearest tables without vpternlogq (8 operations a side) and both t3 corrections.
RULES=${5:-"B3/S23 B36/S24 B0/S8 B0123478/S34678 B3/S12345678 B04567/S023478 B08/S145678 B68/S0134678 B0124/S01367"}
B="$BUILD/bench/bench_kernel"
if [ -x "$BUILD/mpilife" ]; then
  SUPPORTED=$("$BUILD/mpilife" --version | sed -n 's/^this CPU supports: \(.*\);.*/\1/p' | tr -d ',')
else
  SUPPORTED="avx512vbmi2 avx512 avx2 portable"
fi
ISAS=${6:-$SUPPORTED}
n=${SIZE%%:*}
gens=${SIZE##*:}
declare -A CPU
for ((r = 0; r < ROUNDS; r++)); do
  for isa in $ISAS; do
    for rule in $RULES; do
      line=$("$B" --isa "$isa" --rule "$rule" --size "$n" -g "$gens" --repeats "$REPEATS" |
        grep '^BENCH')
      echo "$line" >&2
      CPU[$isa,$rule]+="$(sed -n 's/.*cpu_median_gcups=\([0-9.]*\).*/\1/p' <<<"$line") "
    done
  done
done
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name)"
echo
printf "| rule |"
for isa in $ISAS; do printf " %s Gcups | %s time / B3/S23 |" "$isa" "$isa"; done
echo
printf "|---|"
for _ in $ISAS; do printf -- "---|---|"; done
echo
for rule in $RULES; do
  printf "| %s |" "$rule"
  for isa in $ISAS; do
    rate=$(median 3 <<<"${CPU[$isa,$rule]}")
    base=$(median 3 <<<"${CPU[$isa,B3/S23]}")
    printf " %s | %s |" "$rate" "$(awk -v a="$rate" -v b="$base" 'BEGIN { printf "%.2f", b / a }')"
  done
  echo
done
