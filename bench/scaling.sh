#!/usr/bin/env bash
# Scaling of `mpilife run` on a dense 50% torus soup. Each point is the median of REPEATS runs;
# prints a Markdown table and one greppable BENCH line per point. RANKS (default "1 2") are the
# rank counts; more ranks than cores run oversubscribed (only to show what that costs).
#   bench/scaling.sh [BUILD_DIR] [SIZES] [REPEATS]
#
# MODE=strong (default): a fixed N x N grid on every rank count; SIZES are "N:GENERATIONS ...".
#   Each P > 1 runs horizontal strips (1d) and a C x R process grid with C >= R (2x1 on 2 ranks:
#   vertical strips; 2x2 on 4).
#   e.g. bench/scaling.sh build "4096:2000 16384:200" 5
# MODE=weak: a fixed N x N tile per rank; SIZES are "N:GENERATIONS ..."; P ranks run an
#   N x (P*N) grid in strips (1d) and a (C*N) x (R*N) grid on C x R ranks.
#   e.g. MODE=weak RANKS="1 2 4" bench/scaling.sh build "4096:1000" 5
# MODE=halo: the time per generation of a tiny torus (SIZES "N:GENERATIONS", e.g. "64:200000"),
#   where the halo exchange is almost all the work, against one rank (which copies its ghosts in
#   memory): the per-generation cost of the exchange on this machine (shared memory).
#   e.g. MODE=halo RANKS="1 2" bench/scaling.sh build "64:200000" 5
# MODE=depth: many small tiles: an N x N torus on each rank count of RANKS with each --halo-depth
#   of DEPTHS (default "1 8"; --time-block 1, so only the exchanges differ): halo messages per
#   generation per rank, halo wait and time per generation (oversubscribed rank counts: the
#   messages and the wait are the figures, not the time).
#   e.g. MODE=depth RANKS="8 16" bench/scaling.sh build "1024:2000" 5
# EXTRA: more options for every `mpilife run`, e.g. EXTRA="--halo-depth 1 --time-block 1".
set -euo pipefail
BUILD=${1:-build}
SIZES=${2:-"4096:2000 16384:200"}
REPEATS=${3:-5}
KERNEL=${KERNEL:-fast}
MODE=${MODE:-strong}
RANKS=${RANKS:-"1 2"}
DEPTHS=${DEPTHS:-"1 8"}
read -r -a EXTRA <<<"${EXTRA:-}"
CORES=$(nproc)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# C x R with C >= R, as balanced as possible (MPI_Dims_create's factors).
grid_of() {
  local p=$1 a small=1
  for ((a = 1; a * a <= p; a++)); do ((p % a == 0)) && small=$a; done
  echo "$((p / small))x$small"
}

# point NP DECOMP W H GENS [RUN OPTIONS...] -> "gcups wait seconds_per_generation
#   messages_per_generation_per_rank"
point() {
  local np=$1 decomp=$2 w=$3 h=$4 gens=$5 i bind=core
  shift 5
  [ "$np" -gt "$CORES" ] && bind=none
  : >"$tmp/rates"; : >"$tmp/waits"; : >"$tmp/secs"; : >"$tmp/msgs"
  for i in $(seq "$REPEATS"); do
    mpiexec -n "$np" --oversubscribe --bind-to "$bind" "$BUILD/mpilife" run --random 0.5 \
      --seed "$i" --size "${w}x${h}" -g "$gens" --decomp "$decomp" --kernel "$KERNEL" -q --force \
      --summary "$tmp/s.json" ${EXTRA[@]+"${EXTRA[@]}"} "$@"
    /usr/bin/python3 - "$tmp/s.json" "$gens" >>"$tmp/all" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
g = int(sys.argv[2])
print(j["cell_updates_per_second"] / 1e9, j["halo_wait_fraction"], j["wall_seconds"] / g,
      j["halo_messages"] / g / j["ranks"])
PY
    tail -1 "$tmp/all" | awk '{ print $1 }' >>"$tmp/rates"
    tail -1 "$tmp/all" | awk '{ print $2 }' >>"$tmp/waits"
    tail -1 "$tmp/all" | awk '{ print $3 }' >>"$tmp/secs"
    tail -1 "$tmp/all" | awk '{ print $4 }' >>"$tmp/msgs"
  done
  echo "$(median <"$tmp/rates") $(median <"$tmp/waits") $(median <"$tmp/secs") $(median <"$tmp/msgs")"
}

note() { [ "$1" -gt "$CORES" ] && echo " (oversubscribed)" || true; }

case $MODE in
strong)
  echo "| grid | generations | ranks | decomp | Gcell-updates/s (median of $REPEATS) | speed-up | efficiency | halo wait |"
  echo "|---|---|---|---|---|---|---|---|"
  for spec in $SIZES; do
    n=${spec%%:*} gens=${spec##*:}
    read -r base _ _ < <(point 1 1d "$n" "$n" "$gens")
    printf "| %sx%s | %s | 1 | - | %.1f | 1.00 | 100%% | - |\n" "$n" "$n" "$gens" "$base"
    echo "BENCH scaling mode=strong size=${n}x${n} ranks=1 decomp=- gcups=$base" >&2
    for np in $RANKS; do
      [ "$np" = 1 ] && continue
      for decomp in 1d "$(grid_of "$np")"; do
        read -r rate wait _ < <(point "$np" "$decomp" "$n" "$n" "$gens")
        awk -v n="$n" -v g="$gens" -v p="$np" -v d="$decomp" -v r="$rate" -v b="$base" -v w="$wait" -v o="$(note "$np")" 'BEGIN {
          printf "| %sx%s | %s | %s%s | %s | %.1f | %.2f | %.0f%% | %.1f%% |\n", n, n, g, p, o, d, r, r / b, 100 * r / (p * b), 100 * w }'
        echo "BENCH scaling mode=strong size=${n}x${n} ranks=$np decomp=$decomp gcups=$rate efficiency=$(awk -v r="$rate" -v b="$base" -v p="$np" 'BEGIN{printf "%.3f", r/(p*b)}') halo_wait=$wait" >&2
      done
    done
  done
  ;;
weak)
  echo "| tile per rank | generations | ranks | decomp | grid | Gcell-updates/s (median of $REPEATS) | per rank | weak efficiency | halo wait |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for spec in $SIZES; do
    n=${spec%%:*} gens=${spec##*:}
    read -r base _ _ < <(point 1 1d "$n" "$n" "$gens")
    printf "| %sx%s | %s | 1 | - | %sx%s | %.1f | %.1f | 100%% | - |\n" "$n" "$n" "$gens" "$n" "$n" "$base" "$base"
    echo "BENCH scaling mode=weak tile=${n}x${n} ranks=1 gcups=$base" >&2
    for np in $RANKS; do
      [ "$np" = 1 ] && continue
      grid=$(grid_of "$np")
      for decomp in 1d "$grid"; do
        if [ "$decomp" = 1d ]; then w=$n h=$((n * np)); else w=$((n * ${grid%x*})) h=$((n * ${grid#*x})); fi
        read -r rate wait _ < <(point "$np" "$decomp" "$w" "$h" "$gens")
        awk -v n="$n" -v g="$gens" -v p="$np" -v d="$decomp" -v W="$w" -v H="$h" -v r="$rate" -v b="$base" -v wt="$wait" -v o="$(note "$np")" 'BEGIN {
          printf "| %sx%s | %s | %s%s | %s | %sx%s | %.1f | %.1f | %.0f%% | %.1f%% |\n", n, n, g, p, o, d, W, H, r, r / p, 100 * r / (p * b), 100 * wt }'
        echo "BENCH scaling mode=weak tile=${n}x${n} ranks=$np decomp=$decomp grid=${w}x${h} gcups=$rate efficiency=$(awk -v r="$rate" -v b="$base" -v p="$np" 'BEGIN{printf "%.3f", r/(p*b)}') halo_wait=$wait" >&2
      done
    done
  done
  ;;
halo)
  echo "| grid | generations | ranks | decomp | us per generation (median of $REPEATS) | more than 1 rank |"
  echo "|---|---|---|---|---|---|"
  for spec in $SIZES; do
    n=${spec%%:*} gens=${spec##*:}
    read -r _ _ one < <(point 1 1d "$n" "$n" "$gens")
    awk -v n="$n" -v g="$gens" -v s="$one" 'BEGIN { printf "| %sx%s | %s | 1 | - | %.2f | - |\n", n, n, g, 1e6 * s }'
    for np in $RANKS; do
      [ "$np" = 1 ] && continue
      for decomp in 1d "$(grid_of "$np")"; do
        read -r _ _ secs < <(point "$np" "$decomp" "$n" "$n" "$gens")
        awk -v n="$n" -v g="$gens" -v p="$np" -v d="$decomp" -v s="$secs" -v b="$one" -v o="$(note "$np")" 'BEGIN {
          printf "| %sx%s | %s | %s%s | %s | %.2f | %+.2f |\n", n, n, g, p, o, d, 1e6 * s, 1e6 * (s - b) }'
        echo "BENCH scaling mode=halo size=${n}x${n} ranks=$np decomp=$decomp us_per_generation=$(awk -v s="$secs" 'BEGIN{printf "%.3f", 1e6*s}') one_rank=$(awk -v s="$one" 'BEGIN{printf "%.3f", 1e6*s}')" >&2
      done
    done
  done
  ;;
depth)
  echo "| grid | generations | ranks | decomp | --halo-depth | messages per generation per rank | halo wait | us per generation (median of $REPEATS) |"
  echo "|---|---|---|---|---|---|---|---|"
  for spec in $SIZES; do
    n=${spec%%:*} gens=${spec##*:}
    for np in $RANKS; do
      decomp=$(grid_of "$np")
      for depth in $DEPTHS; do
        read -r _ wait secs msgs < <(point "$np" "$decomp" "$n" "$n" "$gens" --halo-depth "$depth" --time-block 1)
        awk -v n="$n" -v g="$gens" -v p="$np" -v d="$decomp" -v k="$depth" -v m="$msgs" -v w="$wait" -v s="$secs" -v o="$(note "$np")" 'BEGIN {
          printf "| %sx%s | %s | %s%s | %s | %s | %.3f | %.1f%% | %.1f |\n", n, n, g, p, o, d, k, m, 100 * w, 1e6 * s }'
        echo "BENCH scaling mode=depth size=${n}x${n} ranks=$np decomp=$decomp halo_depth=$depth messages_per_generation=$msgs halo_wait=$wait us_per_generation=$(awk -v s="$secs" 'BEGIN{printf "%.3f", 1e6*s}')" >&2
      done
    done
  done
  ;;
*)
  echo "MODE must be strong, weak, halo or depth, not '$MODE'" >&2
  exit 64
  ;;
esac
