#!/usr/bin/env bash
# write_macrocell against Golly: files of Golly's collection, a generated sparse soup, a pattern
# with rule, position and generation, an empty one, and patterns placed out to +-2^61, written as
# .mc by tests/tools/macrocell_tool and loaded by bgolly, which must find the same cells at the
# same Golly coordinates: the same bounding box ("edges"), the same RLE of that box (where Golly
# can write RLE: within +-10^9) and the same population; and Golly's own .mc of the same cells, or
# of our file, has our node lines. Skipped (77) without bgolly or Golly's patterns.
# Usage: macrocell_golly.sh MPILIFE SOURCE_DIR MACROCELL_TOOL
source "$(dirname "$0")/common.bash"
TOOL=$3
BGOLLY=/usr/bin/bgolly
LIFE=/usr/share/golly/Patterns/Life
if [ ! -x "$BGOLLY" ] || [ ! -d "$LIFE" ]; then
  echo "bgolly or Golly's patterns not found (Debian package golly): skipped"
  exit 77
fi
printf 'edges\n' >"$WORK/edges.txt"
ERR=""  # what fail() shows: the tool's stderr when it fails

# golly ARGS...: bgolly with HashLife (the algorithm that reads and writes macrocell), quiet.
golly() { timeout 120 "$BGOLLY" -q -q -a HashLife "$@" 2>&1; }

# golly_box FILE: Golly's bounding box of FILE's live cells, "left top right bottom" without
# thousands separators, or "empty".
golly_box() {
  golly --exec "$WORK/edges.txt" "$1" | awk '/^Bounding box/ {
    gsub(",", ""); print ($3 > $6 || $4 > $7) ? "empty" : $3 " " $4 " " $6 " " $7 }'
}

# golly_population FILE: Golly's population of FILE at generation 0.
golly_population() {
  timeout 120 "$BGOLLY" -a HashLife -m 0 -i 0 "$1" 2>/dev/null |
    awk -F': ' '$1 == 0 { gsub(",", "", $2); print $2 }'
}

# golly_rle FILE: the RLE Golly writes for FILE at generation 0 (its live cells' bounding box),
# without comment lines.
golly_rle() {
  golly -m 0 -o "$WORK/golly.rle" "$1" >/dev/null
  grep -v '^#' "$WORK/golly.rle"
}

# node_lines FILE: the leaves and nodes of a macrocell file.
node_lines() { grep -v '^[[#]' "$1"; }

# same WHAT OURS THEIRS: one check that two texts are equal.
same() {
  if [ "$2" = "$3" ]; then pass; else fail "$1: ours '${2:0:200}', Golly's '${3:0:200}'"; fi
}

# write WHAT OUT.mc IN DX DY ...: our .mc of the placed files; sets BOX (the box the tool
# placed the cells in).
write() {
  local what=$1
  shift
  if BOX=$("$TOOL" "$@" 2>"$WORK/err"); then pass; else
    ERR=$(cat "$WORK/err")
    fail "$what: macrocell_tool $*"
  fi
}

# check_file FILE WHAT: FILE written as .mc where Golly puts it; bgolly finds the same box, the
# same cells, the same population, and its own .mc of FILE has our node lines.
check_file() {
  local file=$1 what=$2
  write "$what" "$WORK/ours.mc" "$file" 0 0
  same "$what: Golly's box of the original" "$BOX" "$(golly_box "$file")"
  same "$what: Golly's box of our .mc" "$BOX" "$(golly_box "$WORK/ours.mc")"
  same "$what: Golly's RLE" "$(golly_rle "$WORK/ours.mc")" "$(golly_rle "$file")"
  same "$what: population" "$(golly_population "$WORK/ours.mc")" "$(golly_population "$file")"
  golly -m 0 -o "$WORK/theirs.mc" "$file" >/dev/null
  same "$what: node lines" "$(node_lines "$WORK/ours.mc")" "$(node_lines "$WORK/theirs.mc")"
}

check_file "$LIFE/Guns/gun-p165mwss.rle" "gun-p165mwss.rle"
check_file "$LIFE/Methuselahs/acorn.lif" "acorn.lif (Life 1.05)"
check_file "$LIFE/Breeders/breeder.lif" "breeder.lif"
check_file "$LIFE/Guns/infinite-Corderships-gun.rle.gz" "infinite-Corderships-gun.rle.gz"
check_file "$LIFE/Signal-Circuitry/constructor-memory-loop.rle" "constructor-memory-loop.rle"

# A generated sparse soup (Life 1.06, whose coordinates Golly takes as they are): dense patches
# and scattered cells over 200000 x 200000 cells around negative coordinates, some repeated.
awk 'BEGIN {
  srand(1234); print "#Life 1.06"
  for (p = 0; p < 6; ++p) {
    px = int(rand() * 200000) - 150000; py = int(rand() * 200000) - 120000
    for (i = 0; i < 400; ++i) print px + int(rand() * 30), py + int(rand() * 30)
  }
  for (i = 0; i < 1500; ++i) print int(rand() * 200000) - 150000, int(rand() * 200000) - 120000
}' >"$WORK/soup.lif"
check_file "$WORK/soup.lif" "generated soup"

# Rule, position and generation: Golly continues our file under its rule at its generation.
printf '#CXRLE Pos=-5000,7000 Gen=12\nx = 5, y = 4, rule = B36/S23\nbo2bo$o$o3bo$4o!\n' \
  >"$WORK/placed.rle"
check_file "$WORK/placed.rle" "B36/S23 at -5000,7000, generation 12"
golly -m 0 -o "$WORK/back.mc" "$WORK/ours.mc" >/dev/null
same "generation 12" "$(grep '^#G' "$WORK/ours.mc")" "$(grep '^#G' "$WORK/back.mc")"
same "rule B36/S23" "$(grep '^#R' "$WORK/ours.mc")" "$(grep '^#R' "$WORK/back.mc")"

# A bounded grid (a torus of 20 x 16, which Golly centres on 0,0, as RlePlacement places --final's
# grid): the rule keeps its suffix, and 37 generations later, the glider having wrapped around,
# Golly's result from our .mc is its result from the RLE.
printf '#CXRLE Pos=-10,-8\nx = 20, y = 16, rule = B3/S23:T20,16\n$$17bo$18bo$16b3o!\n' \
  >"$WORK/torus.rle"
check_file "$WORK/torus.rle" "glider on a 20x16 torus"
golly -m 37 -o "$WORK/ours37.rle" "$WORK/ours.mc" >/dev/null
golly -m 37 -o "$WORK/theirs37.rle" "$WORK/torus.rle" >/dev/null
same "torus, generation 37" "$(cat "$WORK/ours37.rle")" "$(cat "$WORK/theirs37.rle")"
{
  echo edges
  for ((g = 0; g < 37; ++g)); do echo "step 1"; done
  echo edges
} >"$WORK/steps.txt"
same "torus, boxes at 0 and 37 (wrapped)" \
  "$(golly --exec "$WORK/steps.txt" "$WORK/ours.mc" | grep '^Bounding box')" \
  "$(golly --exec "$WORK/steps.txt" "$WORK/torus.rle" | grep '^Bounding box')"
same "torus rule" "$(grep '^#R' "$WORK/ours.mc")" "#R B3/S23:T20,16"

# An empty universe: the header alone, which Golly reads as empty.
printf 'x = 0, y = 0, rule = B3/S23\n!\n' >"$WORK/empty.rle"
write "empty" "$WORK/ours.mc" "$WORK/empty.rle" 0 0
same "empty: box" "$BOX" "empty"
same "empty: Golly's box" "$(golly_box "$WORK/ours.mc")" "empty"
same "empty: population" "$(golly_population "$WORK/ours.mc")" "0"

# Far out (Golly cannot write RLE there, nor read such a position from RLE or Life 1.06): Golly
# finds our box and population, and writes our file back with our node lines.
# check_far WHAT IN DX DY ...: the placed files as one .mc.
check_far() {
  local what=$1
  shift
  write "$what" "$WORK/ours.mc" "$@"
  same "$what: Golly's box" "$(golly_box "$WORK/ours.mc")" "$BOX"
  golly -m 0 -o "$WORK/back.mc" "$WORK/ours.mc" >/dev/null
  same "$what: node lines" "$(node_lines "$WORK/back.mc")" "$(node_lines "$WORK/ours.mc")"
  local expected=0 i
  for ((i = 1; i < $#; i += 3)); do
    expected=$((expected + $(golly_population "${!i}")))
  done
  same "$what: population" "$(golly_population "$WORK/ours.mc")" "$expected"
}
gun=$LIFE/Guns/gun-p165mwss.rle
acorn=$LIFE/Methuselahs/acorn.lif
check_far "gun at 2^40,-2^40" "$gun" 1099511627776 -1099511627776
check_far "gun at -2^61,-2^61+1 (the top-left reach)" "$gun" -2305843009213693952 \
  -2305843009213693951
check_far "gun ending at 2^61-1,2^61 (the bottom-right reach)" "$gun" 2305843009213693774 \
  2305843009213693735
check_far "gun at -2^60 and acorn at 2^60" "$gun" -1152921504606846976 -1152921504606846976 \
  "$acorn" 1152921504606846976 1152921504606846976
check_far "the soup moved by -2^50,2^45" "$WORK/soup.lif" -1125899906842624 35184372088832

# Beyond the reach the tool refuses, saying so.
if "$TOOL" "$WORK/ours.mc" "$gun" 2305843009213693952 0 >/dev/null 2>"$WORK/err"; then
  fail "a cell at x = 2^61 was written"
else
  ERR=$(cat "$WORK/err")
  expect_err 'beyond the largest macrocell universe' "a cell at x = 2^61"
fi
finish
