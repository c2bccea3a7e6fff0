#!/usr/bin/env bash
# Golly's own file kinds run end to end (issue 12 item 3): gzip-compressed input by content,
# macrocell, MCell, Life 1.05 with a bare #P, one-part rules, LifeHistory read as Life with one
# note on stderr. Populations are compared with bgolly's (its "generation: population" lines) on a
# plane large enough that nothing reaches its edge. Hand-written files always; Golly's collection
# (/usr/share/golly/Patterns) and bgolly when installed.
source "$(dirname "$0")/common.bash"
GOLLY=/usr/share/golly/Patterns
BGOLLY=/usr/bin/bgolly

# population_at N: the population of generation N in the last run's --stats file.
population_at() { awk -F, -v g="$1" '$1 == g { print $2 }' "$WORK/s.csv"; }

# golly_population FILE N [ALGO]: bgolly's population of FILE at generation N (without its
# thousands separators).
golly_population() {
  "$BGOLLY" -a "${3:-QuickLife}" -m "$2" -i "$2" "$1" 2>/dev/null |
    awk -F': ' -v g="$2" '$1 == g { gsub(",", "", $2); print $2 }'
}

# check FILE NP N SIZE WHAT: runs FILE for N generations on a SIZE plane and compares the
# populations at 0 and N with bgolly's (when present) or with EXPECT0 (population at 0).
check() {
  local file=$1 np=$2 n=$3 size=$4 what=$5 expect0=${6:-} algo=${7:-QuickLife}
  run "$np" run "$file" -g "$n" --size "$size" --topology plane --stats "$WORK/s.csv" --force -q
  expect_rc 0 "$what np$np"
  [ "$RC" = 0 ] || return
  if [ -n "$expect0" ]; then
    if [ "$(population_at 0)" = "$expect0" ]; then pass; else
      fail "$what np$np: population $(population_at 0) at 0, expected $expect0"
    fi
  fi
  if [ -x "$BGOLLY" ]; then
    for g in 0 "$n"; do
      local theirs
      theirs=$(golly_population "$file" "$g" "$algo")
      if [ "$(population_at "$g")" = "$theirs" ]; then pass; else
        fail "$what np$np: population $(population_at "$g") at $g, bgolly $theirs"
      fi
    done
  fi
}

# Hand-written: a glider, gzip-compressed under names that say nothing about it.
printf 'x = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n' | gzip -n >"$WORK/glider.dat"
check "$WORK/glider.dat" 1 8 32x32 "gzip without a .gz name" 5
# The same glider as macrocell (what bgolly writes for it), gzip-compressed.
printf '[M2] (golly 3.3)\n#R B3/S23\n$$$$..*$...*$.***$\n4 0 0 1 0\n' |
  gzip -n >"$WORK/glider.mc.gz"
check "$WORK/glider.mc.gz" 3 8 32x32 "macrocell, gzip" 5 HashLife
# Life 1.05 with a bare #P and a one-part rule (B234 = B234/S: a block becomes Persian rugs).
printf '#Life 1.05\n#R B234\n#P\n**\n**\n' >"$WORK/rug.lif"
check "$WORK/rug.lif" 3 20 128x128 "Life 1.05 #R B234" 4
# MCell, Life-like, without a board.
printf '#MCell 4.00\n#GAME Life\n#RULE 23/3\n#L .A$..A$3A\n' >"$WORK/glider.mcl"
check "$WORK/glider.mcl" 1 12 40x40 "MCell" 5

# LifeHistory: read as Life, one note from rank 0, the states that are on are alive.
printf 'x = 5, y = 3, rule = LifeHistory:T20,20\n.AB$2.CD$ECF!\n' >"$WORK/history.rle"
for np in 1 3; do
  run "$np" run "$WORK/history.rle" -g 4 --stats "$WORK/s.csv" --force
  expect_rc 0 "LifeHistory np$np"
  n=$(grep -c 'note: rule LifeHistory read as Life' <<<"$ERR")
  if [ "$n" = 1 ]; then pass; else fail "LifeHistory np$np: $n notes on stderr, expected 1"; fi
  if [ "$(population_at 0)" = 4 ]; then pass; else
    fail "LifeHistory np$np: population $(population_at 0) at 0, expected 4 (A, C, E, C)"
  fi
  run "$np" run "$WORK/history.rle" -g 1 -q
  if grep -q 'note:' <<<"$ERR"; then fail "LifeHistory np$np: a note despite -q"; else pass; fi
done

# Golly's own files, when installed.
if [ -d "$GOLLY/Life" ] && [ -x "$BGOLLY" ]; then
  check "$GOLLY/Life/Methuselahs/acorn.lif" 3 200 400x400 "acorn.lif (bare #P)" 7
  check "$GOLLY/Life/Methuselahs/rabbits.lif" 2 100 300x300 "rabbits.lif (bare #P)" 9
  check "$GOLLY/HashLife/jagged.mc" 3 40 512x512 "jagged.mc" 637 HashLife
  check "$GOLLY/HashLife/totalperiodic.mc" 2 60 256x256 "totalperiodic.mc" 196 HashLife
  check "$GOLLY/Life/Rakes/weekender-distaff.rle.gz" 1 8 1024x4096 "plain text named .gz"
  check "$GOLLY/Life/Syntheses/syntheses-of-c2-spaceships.rle.gz" 3 8 2048x2048 ".rle.gz"
  run 1 run "$GOLLY/Life/Bounded-Grids/torus.rle" -g 10
  expect_rc 0 "torus.rle (LifeHistory:T31,20)"
  expect_err 'note: rule LifeHistory read as Life' "torus.rle note"
else
  echo "Golly's patterns or bgolly not found (Debian package golly): those checks skipped"
fi
finish
