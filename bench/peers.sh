#!/usr/bin/env bash
# mpilife against its peers on the same dense 50% torus soup, in one run:
#   - Golly 3.3's bgolly with QuickLife (the soup written by mpilife as B3/S23:T<N>,<N> RLE; the
#     time to load the pattern, measured with -m 0, is subtracted),
#   - the talk's numpy + mpi4py approach (bench/numpy_life.py, one rank),
#   - mpilife --kernel fast and --kernel reference, one rank.
# Medians of REPEATS runs; prints a Markdown table and greppable BENCH lines.
#   bench/peers.sh [BUILD_DIR] [N] [GENERATIONS] [REPEATS]
set -euo pipefail
BUILD=${1:-build}
N=${2:-4096}
GENS=${3:-100}
REPEATS=${4:-3}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

mpilife_rate() {  # KERNEL GENS -> median Gcell-updates/s
  local i
  for i in $(seq "$REPEATS"); do
    "$BUILD/mpilife" run --random 0.5 --seed 1 --size "${N}x${N}" -g "$2" --kernel "$1" -q \
      --summary "$tmp/s.json" --force
    /usr/bin/python3 -c "import json;print(json.load(open('$tmp/s.json'))['cell_updates_per_second']/1e9)"
  done | median
}

"$BUILD/mpilife" run --random 0.5 --seed 1 --size "${N}x${N}" -g 0 -q --final "$tmp/soup.rle"
golly_seconds() {  # GENS -> median wall seconds of bgolly
  local i t0 t1
  for i in $(seq "$REPEATS"); do
    t0=$(now)
    bgolly -q -q -a QuickLife -m "$1" "$tmp/soup.rle" >/dev/null
    t1=$(now)
    calc "$t1 - $t0"; echo
  done | median
}
g_load=$(golly_seconds 0)
g_run=$(golly_seconds "$GENS")
golly=$(calc "$GENS * $N * $N / ($g_run - $g_load) / 1e9")
numpy_gens=$((GENS < 20 ? GENS : 20))
numpy=$(for i in $(seq "$REPEATS"); do
  mpiexec -n 1 /usr/bin/python3 "$(dirname "$0")/numpy_life.py" --size "$N" --generations "$numpy_gens" |
    sed -n 's/.*gcups=\([0-9.]*\).*/\1/p'
done | median)
fast=$(mpilife_rate fast "$GENS")
ref=$(mpilife_rate reference $((GENS < 10 ? GENS : 10)))

echo "| ${N}x${N} torus, 50% soup, one core | Gcell-updates/s (median of $REPEATS) | mpilife fast / this |"
echo "|---|---|---|"
for row in "mpilife --kernel fast:$fast" "mpilife --kernel reference:$ref" "bgolly QuickLife ($GENS gens):$golly" "numpy + mpi4py (talk):$numpy"; do
  name=${row%%:*}
  rate=${row##*:}
  printf "| %s | %.3f | %.0fx |\n" "$name" "$rate" "$(calc "$fast / $rate")"
done
echo "BENCH peers size=${N}x${N} gens=$GENS fast=$fast reference=$ref golly=$golly numpy=$numpy fast_over_golly=$(calc "$fast / $golly") fast_over_numpy=$(calc "$fast / $numpy")" >&2
