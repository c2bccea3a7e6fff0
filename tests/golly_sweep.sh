#!/usr/bin/env bash
# Runs every pattern file of Golly's Life/ folder as a newcomer would, with no options on several
# ranks, and compares the result with bgolly's at the same generation, cell for cell and place for
# place (bgolly writes macrocell, which mpilife converts with `run X.mc -g 0 --final`). Prints one
# TSV row per file (file, outcome, detail) and the counts; not part of ctest (minutes), run by hand:
#   tests/golly_sweep.sh build/mpilife [RANKS] [GENERATIONS] [FOLDER] > sweep.tsv
# Outcomes: matched, differs, refused (mpilife's message: a rule family it does not run...),
# failed (another exit code), timeout (over 120 s).
set -uo pipefail
MPILIFE=$(realpath "$1")
RANKS=${2:-3}
GENS=${3:-100}
FOLDER=${4:-/usr/share/golly/Patterns/Life}
HERE=$(dirname "$(realpath "$0")")
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
declare -A COUNT
while IFS= read -r -d '' file; do
  rel=${file#"$FOLDER"/}
  rm -f "$WORK"/*
  timeout 120 mpiexec -n "$RANKS" --bind-to none "$MPILIFE" run "$file" -g "$GENS" \
    --final "$WORK/ours.rle" -q </dev/null >/dev/null 2>"$WORK/err"
  rc=$?
  if [ $rc = 124 ]; then outcome=timeout; detail="over 120 s"
  elif [ $rc = 65 ] || [ $rc = 64 ]; then
    outcome=refused; detail=$(grep -m1 '^mpilife: ' "$WORK/err" | cut -c1-160)
  elif [ $rc != 0 ]; then outcome=failed; detail="exit $rc: $(head -c 160 "$WORK/err")"
  else
    # bgolly has no LifeHistory: give it the same cells as Life (as mpilife reads them).
    input=$file
    if zcat -f "$file" | grep -q 'rule *= *LifeHistory'; then
      zcat -f "$file" | sed 's/LifeHistory/B3\/S23/' >"$WORK/as-life.rle"
      input=$WORK/as-life.rle
    fi
    /usr/bin/bgolly -a HashLife -m "$GENS" -o "$WORK/golly.mc" "$input" </dev/null >/dev/null 2>&1
    "$MPILIFE" run "$WORK/golly.mc" -g 0 --final "$WORK/golly.rle" -q </dev/null 2>/dev/null
    if [ ! -s "$WORK/golly.rle" ]; then outcome=failed; detail="no bgolly result to compare"
    elif grep -q '^x = .*rule = .*:[TP]' "$WORK/ours.rle"; then
      # A bounded grid: mpilife reads bgolly's macrocell of it into the grid's middle, not at
      # its place, so only the shape (the cells up to a translation) is compared.
      shape() { python3 "$HERE/cli/rle_cells.py" "$1" | awk 'NR == 1 { x = $1; y = $2 }
        { print $1 - x, $2 - y }'; }
      if diff <(shape "$WORK/ours.rle") <(shape "$WORK/golly.rle") >/dev/null; then
        outcome=matched; detail="bounded grid: same cells up to a translation"
      else
        outcome=differs; detail="bounded grid: the cells differ"
      fi
    elif diff <(python3 "$HERE/cli/rle_cells.py" "$WORK/ours.rle") \
              <(python3 "$HERE/cli/rle_cells.py" "$WORK/golly.rle") >/dev/null; then
      outcome=matched; detail=$(grep -m1 '^#CXRLE' "$WORK/ours.rle")
    else
      outcome=differs; detail="$(grep -m1 '^#CXRLE' "$WORK/ours.rle") vs $(grep -m1 '^#CXRLE' "$WORK/golly.rle")"
    fi
  fi
  COUNT[$outcome]=$(( ${COUNT[$outcome]:-0} + 1 ))
  printf '%s\t%s\t%s\n' "$rel" "$outcome" "$detail"
done < <(find "$FOLDER" -type f ! -name '*.zip' ! -name '*.lua' ! -name '*.html' ! -name '*.txt' -print0 | sort -z)
for k in "${!COUNT[@]}"; do echo "# $k: ${COUNT[$k]}"; done | sort
