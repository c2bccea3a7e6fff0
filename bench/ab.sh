#!/usr/bin/env bash
# Two builds of mpilife side by side on one `run`: ROUNDS rounds, each running A then B once, so
# the machine's drift falls on both alike. Prints, for each, the medians over the rounds of
# Gcell-updates/s and halo wait (from --summary), and B's rate relative to A's.
#   bench/ab.sh BUILD_A BUILD_B ROUNDS NP RUN_OPTIONS...
#   e.g. bench/ab.sh old-build build 7 2 --random 0.5 --size 16384x16384 -g 200 --decomp 2x1
set -euo pipefail
A=$1 B=$2 ROUNDS=$3 NP=$4
shift 4
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
source "$(dirname "$0")/common.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A RATE WAIT
for ((r = 0; r < ROUNDS; r++)); do
  for side in A B; do
    build=${!side}
    mpiexec -n "$NP" --bind-to core "$build/mpilife" run -q --force --summary "$tmp/s.json" "$@" \
      </dev/null
    read -r rate wait < <(/usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(j["cell_updates_per_second"] / 1e9, j["halo_wait_fraction"])' "$tmp/s.json")
    echo "BENCH ab side=$side round=$r gcups=$rate halo_wait=$wait" >&2
    RATE[$side]+="$rate "
    WAIT[$side]+="$wait "
  done
done
echo "CPU: $(cpu_name); $NP ranks; run $*"
echo
echo "| build | Gcell-updates/s (median of $ROUNDS) | halo wait | rate / A |"
echo "|---|---|---|---|"
a=$(median 3 <<<"${RATE[A]}")
for side in A B; do
  rate=$(median 3 <<<"${RATE[$side]}")
  wait=$(median 5 <<<"${WAIT[$side]}")
  awk -v s="$side (${!side})" -v r="$rate" -v w="$wait" -v a="$a" \
    'BEGIN { printf "| %s | %.1f | %.1f%% | %.2f |\n", s, r, 100 * w, r / a }'
done
