#!/usr/bin/env bash
# Strong scaling of `mpilife run` on a dense 50% torus soup: 1 and 2 ranks (this machine has 2
# cores), horizontal strips (1d, which is also what 2d picks for a square grid on 2 ranks) and
# vertical strips (2x1). Each point is the median of REPEATS runs; prints a Markdown
# table and one greppable BENCH line per point.
#   bench/scaling.sh [BUILD_DIR] [SIZES] [REPEATS]
#   e.g. bench/scaling.sh build "4096:2000 16384:200" 5      (size:generations)
set -euo pipefail
BUILD=${1:-build}
SIZES=${2:-"4096:2000 16384:200"}
REPEATS=${3:-5}
KERNEL=${KERNEL:-fast}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# point NP DECOMP N GENS -> "gcups wait"
point() {
  local np=$1 decomp=$2 n=$3 gens=$4 i
  : >"$tmp/rates"; : >"$tmp/waits"
  for i in $(seq "$REPEATS"); do
    mpiexec -n "$np" --bind-to core "$BUILD/mpilife" run --random 0.5 --seed "$i" --size "${n}x${n}" \
      -g "$gens" --decomp "$decomp" --kernel "$KERNEL" -q --summary "$tmp/s.json"
    /usr/bin/python3 -c "import json;j=json.load(open('$tmp/s.json'));print(j['cell_updates_per_second']/1e9)" >>"$tmp/rates"
    /usr/bin/python3 -c "import json;j=json.load(open('$tmp/s.json'));print(j['halo_wait_fraction'])" >>"$tmp/waits"
  done
  echo "$(median <"$tmp/rates") $(median <"$tmp/waits")"
}

echo "| grid | generations | ranks | decomp | Gcell-updates/s (median of $REPEATS) | speed-up | efficiency | halo wait |"
echo "|---|---|---|---|---|---|---|---|"
for spec in $SIZES; do
  n=${spec%%:*}
  gens=${spec##*:}
  read -r base _ < <(point 1 1d "$n" "$gens")
  printf "| %sx%s | %s | 1 | - | %.1f | 1.00 | 100%% | - |\n" "$n" "$n" "$gens" "$base"
  echo "BENCH scaling size=${n}x${n} ranks=1 decomp=- gcups=$base" >&2
  for decomp in 1d 2x1; do
    read -r rate wait < <(point 2 "$decomp" "$n" "$gens")
    awk -v n="$n" -v g="$gens" -v d="$decomp" -v r="$rate" -v b="$base" -v w="$wait" 'BEGIN {
      printf "| %sx%s | %s | 2 | %s | %.1f | %.2f | %.0f%% | %.1f%% |\n", n, n, g, d, r, r / b, 50 * r / b, 100 * w }'
    echo "BENCH scaling size=${n}x${n} ranks=2 decomp=$decomp gcups=$rate efficiency=$(awk -v r="$rate" -v b="$base" 'BEGIN{printf "%.3f", r/(2*b)}') halo_wait=$wait" >&2
  done
done
