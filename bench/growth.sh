#!/usr/bin/env bash
# The cost of an unbounded universe growing: `mpilife run --random 0.3 --size NxN --topology
# unbounded` fills the whole starting grid, so the first check (generation 0) grows it on all four
# sides to 2N x 2N, moving the N x N cells rank to rank (regrid); the summary's growth_seconds is
# that one growth. Printed next to the time of one generation of the grown grid in the same run
# ((wall - growth) / GENS), so the ratio says how many generations a growth costs. ROUNDS runs per
# case, medians; BENCH lines on stderr.
#   bench/growth.sh [BUILD] [ROUNDS] ["N:GENS ..."] ["RANKS ..."]
set -euo pipefail
BUILD=${1:-build}
ROUNDS=${2:-5}
SIZES=${3:-"4096:20 16384:4"}
RANKS=${4:-"1 2"}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "$0")/common.bash"
echo "CPU: $(cpu_name), $(nproc) cores"
echo
echo "| start grid | grown to | ranks | growth, s (median of $ROUNDS) | one generation of the grown grid, s | growth / generation |"
echo "|---|---|---|---|---|---|"
for size in $SIZES; do
  n=${size%%:*}
  gens=${size##*:}
  for p in $RANKS; do
    grow="" gen=""
    for ((r = 0; r < ROUNDS; r++)); do
      mpiexec -n "$p" --bind-to none "$BUILD/mpilife" run --random 0.3 --size "${n}x${n}" \
        --topology unbounded -g "$gens" --summary "$WORK/s.json" --force -q
      read -r g w grew width <<<"$(python3 -c "import json; d = json.load(open('$WORK/s.json'))
print(d['growth_seconds'], d['wall_seconds'], d['growths'], d['width'])")"
      echo "BENCH growth n=$n ranks=$p growths=$grew width=$width growth_s=$g wall_s=$w gens=$gens" >&2
      grow+="$g "
      gen+="$(awk -v w="$w" -v g="$g" -v k="$gens" 'BEGIN { printf "%.5f", (w - g) / k }') "
    done
    mg=$(median 4 <<<"$grow")
    ms=$(median 4 <<<"$gen")
    printf "| %sx%s | %sx%s | %s | %s | %s | %s |\n" "$n" "$n" "$width" "$width" "$p" "$mg" "$ms" \
      "$(awk -v a="$mg" -v b="$ms" 'BEGIN { printf "%.1f", a / b }')"
  done
done
