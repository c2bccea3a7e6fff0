#!/usr/bin/env bash
# Kernel rates on one core (bench_kernel: one tile, in-process torus halo, 50% soup), median of
# the repeats after a warm-up; prints a Markdown table and bench_kernel's BENCH lines on stderr.
#   bench/kernels.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
BUILD=${1:-build}
REPEATS=${2:-5}
B="$BUILD/bench/bench_kernel"
row() {  # LABEL ARGS... -> table row from the BENCH line
  local label=$1
  shift
  local line
  line=$("$B" --repeats "$REPEATS" "$@" | grep '^BENCH')
  echo "$line" >&2
  local rate bpc
  rate=$(sed -n 's/.*median_gcups=\([0-9.]*\).*/\1/p' <<<"$line")
  bpc=$(sed -n 's/.*bytes_per_cell=\([0-9.]*\).*/\1/p' <<<"$line")
  printf "| %s | %s | %s |\n" "$label" "$rate" "$bpc"
}
echo "| case | Gcell-updates/s (median of $REPEATS) | bytes of tile storage per cell |"
echo "|---|---|---|"
row "fast B3/S23 1024x1024" --kernel fast --size 1024 -g 2000
row "fast B3/S23 4096x4096" --kernel fast --size 4096 -g 200
row "fast B3/S23 16384x16384" --kernel fast --size 16384 -g 20
row "reference B3/S23 1024x1024" --kernel reference --size 1024 -g 20 --warmup 2
row "reference B3/S23 4096x4096" --kernel reference --size 4096 -g 2 --warmup 1
for rule in B36/S23 B3678/S34678 B36/S24 B2/S B0/S8 B1357/S1357; do
  row "fast $rule 4096x4096" --kernel fast --size 4096 -g 200 --rule "$rule"
done
