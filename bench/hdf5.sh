#!/usr/bin/env bash
# Cost of recording: wall time of a 4096x4096 50% soup run, 100 generations, with no output and
# with --output every 10 generations (11 frames) through each writer, at 1 and 2 ranks; the median
# of REPEATS whole runs (process start included) and the file size.
#   bench/hdf5.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
BUILD=${1:-build}
REPEATS=${2:-5}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timed() {  # NP ARGS... -> median seconds
  local np=$1 i t0 t1
  shift
  for i in $(seq "$REPEATS"); do
    rm -f "$tmp"/run.h5 "$tmp"/run.xmf
    t0=$(date +%s.%N)
    mpiexec -n "$np" "$BUILD/mpilife" run --random 0.5 --size 4096x4096 -g 100 -q "$@"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
  done | median
}
echo "| ranks | writer | wall s (median of $REPEATS) | overhead s | file bytes |"
echo "|---|---|---|---|---|"
for np in 1 2; do
  base=$(timed "$np")
  printf "| %s | none | %.2f | - | - |\n" "$np" "$base"
  for io in gather parallel; do
    t=$(timed "$np" --output "$tmp/run.h5" --every 10 --io "$io")
    size=$(stat -c %s "$tmp/run.h5")
    printf "| %s | %s | %.2f | %.2f | %s |\n" "$np" "$io" "$t" "$(awk -v a="$t" -v b="$base" 'BEGIN{print a-b}')" "$size"
    echo "BENCH hdf5 ranks=$np io=$io seconds=$t base=$base bytes=$size" >&2
  done
done
