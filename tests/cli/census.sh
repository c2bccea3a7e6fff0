#!/usr/bin/env bash
# `mpilife census` end to end: Catagolue's soups (--show-soup equals apgsearch's soup k_mpilife0),
# the census of 5000 soups equal to apgsearch's object for object at 3 ranks, samples of the rare
# objects' soups, the same census for
# any rank count and chunk size, pattern files and folders with a bad file as an error row, CSV and
# JSON outputs, refusals, and SIGTERM ending the census with the soups finished so far written.
source "$(dirname "$0")/common.bash"
REF=$SRC/tests/data/census/apgsearch-k_mpilife-5000.txt

# --show-soup: the soup apgsearch derives for k_mpilife0 (the reference file's RLE).
run 0 census --show-soup k_mpilife 0
expect_rc 0 "--show-soup"
want='o5b3o5b2o$5b2ob3ob2obo$2b3ob7ob2o$ob3ob3o2bo2b2o$o2b2ob2obo3b3o$2obo2b6ob2o$b2o2b2ob4obobo$bo3b6o3bo$b3obobobo2b2obo$2b3ob4o2b2o$2bo2b2o2bobo3bo$3o2b10o$2bobo2bo2bobob2o$b2o3b4o2b2o$5bob3ob2o2bo$2bo3b2o5b2o!'
got=$(grep -v '^[#x]' <<<"$OUT" | tr -d '\n')
[ "$got" = "$want" ] && pass || fail "--show-soup k_mpilife 0: $got"

# The census of apgsearch's 5000 soups, object for object.
run 3 census --soups 5000 --seed k_mpilife --csv "$WORK/c5000.csv" --json "$WORK/c5000.json" -q
expect_rc 0 "census of 5000 soups"
if diff <(sed -n '/^@CENSUS TABLE/,$p' "$REF" | tail -n +2 | grep . | sort) \
        <(tail -n +2 "$WORK/c5000.csv" | cut -d, -f1,2 | tr , ' ' | sort) >/dev/null; then
  pass
else
  fail "the census of k_mpilife0..4999 differs from apgsearch's"
fi
python3 -c "
import json; j = json.load(open('$WORK/c5000.json'))
assert j['objects'] == 105777 and j['tasks'] == 5000 and not j['errors'], j
assert j['census'][0] == {'apgcode': 'xs4_33', 'count': 32530, 'first_soup': 'k_mpilife0'}, j['census'][0]
" && pass || fail "census JSON"

# --samples: one RLE per apgcode seen at most --rare times, holding the first soup that gave it;
# censused alone, each sample gives its apgcode again, and --show-soup with the numbers its
# comment names prints the same soup.
run 2 census --soups 2000 --seed k_mpilife --samples "$WORK/samples" --rare 5 --csv "$WORK/c2000.csv" -q
expect_rc 0 "census with --samples"
want=$(awk -F, 'NR > 1 && $2 <= 5 { print $1 ".rle" }' "$WORK/c2000.csv" | sort)
got=$(ls "$WORK/samples" | sort)
[ -n "$want" ] && [ "$got" = "$want" ] && pass || fail "--samples files: $got, want: $want"
for f in "$WORK"/samples/*.rle; do
  code=$(basename "$f" .rle)
  run 1 census "$f" --csv "$WORK/one.csv" --force -q
  grep -q "^$code," "$WORK/one.csv" && pass || fail "the sample $code.rle does not give $code"
  again=$(sed -n 's/^#C again: mpilife census --show-soup //p' "$f")
  run 1 census --show-soup $again
  [ "$(grep -v '^#C' <<<"$OUT")" = "$(grep -v '^#C' "$f")" ] && pass ||
    fail "--show-soup $again differs from $code.rle"
done
run 2 census --soups 20 --seed k_mpilife --samples "$WORK/samples" -q
expect_rc 73 "--samples into a folder that is not empty"
run 2 census --soups 20 --seed k_mpilife --samples "$WORK/samples" --force -q
expect_rc 0 "--samples --force"
run 2 census --soups 20 --rare 3 -q
expect_rc 64 "--rare without --samples"

# The same census for any rank count and chunk size.
run 1 census --soups 1000 --seed k_mpilife --csv "$WORK/ref.csv" -q
expect_rc 0 "census np1"
for spec in "2 0" "3 1" "4 7" "4 1000"; do
  set -- $spec
  if [ "$2" = 0 ]; then chunk=(); else chunk=(--chunk "$2"); fi
  run "$1" census --soups 1000 --seed k_mpilife "${chunk[@]}" --csv "$WORK/c.csv" --force -q
  expect_rc 0 "census np$1 chunk $2"
  cmp -s "$WORK/ref.csv" "$WORK/c.csv" && pass || fail "census np$1 chunk $2 differs from np1"
done

# Pattern files: a folder of known objects and one bad file (an error row; the census goes on).
mkdir -p "$WORK/objects/sub"
printf 'x = 2, y = 2, rule = B3/S23\n2o$2o!\n' >"$WORK/objects/block.rle"
printf 'x = 12, y = 8, rule = B3/S23\n3o7b2o$10b2o5$5bo!\n' >"$WORK/objects/sub/mixed.rle"
printf 'x = 3, y = 3\nbo$2bo$3q!\n' >"$WORK/objects/sub/zbad.rle"
run 2 census "$WORK/objects" --csv "$WORK/o.csv" --force
expect_rc 65 "a bad pattern file"
expect_err "census of 3 of 3 tasks" "the census went on past the bad file"
grep -q "^error .*zbad.rle" <<<"$OUT" && pass || fail "no error row for zbad.rle: $OUT"
want_rows=$'apgcode,count,first_soup\nxs4_33,2,'"$WORK/objects/block.rle"$'\nxp2_7,1,'"$WORK/objects/sub/mixed.rle"
# The lone cell of mixed.rle dies; the blinker and the block are the objects.
[ "$(cat "$WORK/o.csv")" = "$want_rows" ] && pass || fail "pattern census: $(cat "$WORK/o.csv")"

# Refusals.
run 2 census
expect_rc 64 "census without work"
run 2 census --soups 10 --rule B0/S8
expect_rc 64 "a B0 rule"
run 2 census "$WORK/missing-folder"
expect_rc 66 "a missing input"
run 2 census --soups 10 --csv "$WORK/o.csv"
expect_rc 73 "an existing --csv without --force"

# SIGTERM: the census of the soups finished so far is written, exit 130.
(cd "$WORK" && exec timeout 60 mpiexec -n 2 --oversubscribe --bind-to none "$MPILIFE" census \
  --soups 100000000 --seed k_mpilife --csv part.csv >out 2>err) &
job=$!
sleep 3
pkill -TERM -f "^$MPILIFE census --soups 100000000" 2>/dev/null  # the ranks, not mpiexec
wait "$job"
RC=$?
ERR=$(cat "$WORK/err")
expect_rc 130 "SIGTERM"
expect_err "stopped early" "SIGTERM: summary line"
if [ -s "$WORK/part.csv" ] && head -2 "$WORK/part.csv" | grep -q '^xs4_33,'; then pass; else
  fail "SIGTERM: no partial census in part.csv"
fi
finish
