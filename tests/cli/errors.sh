#!/usr/bin/env bash
# Bad input of every kind: one clear message from rank 0, the documented exit code on every rank,
# no hang (each run has a timeout), no output file left behind.
source "$(dirname "$0")/common.bash"
GLIDER=$SRC/patterns/glider.rle

for np in 1 3; do
  run $np run "$GLIDER" --size 0x5
  expect_rc 64 "np$np --size 0x5"; expect_err "--size: width and height must be at least 1" "np$np size msg"
  expect_one_message "np$np --size 0x5"

  run $np run "$GLIDER" --rule B9/S23
  expect_rc 65 "np$np bad rule"; expect_err 'invalid rule "B9/S23" at column 2' "np$np rule msg"
  expect_one_message "np$np bad rule"

  run $np run "$WORK/missing.rle"
  expect_rc 66 "np$np missing file"; expect_err "cannot open '.*missing.rle'" "np$np missing msg"
  expect_one_message "np$np missing file"

  printf 'x = 3, y = 3, rule = B3/S23\nbo$2bo$3oz!\n' >"$WORK/bad.rle"
  run $np run "$WORK/bad.rle"
  expect_rc 65 "np$np malformed RLE"; expect_err "bad.rle:2:10: " "np$np RLE position"
  expect_one_message "np$np malformed RLE"

  run $np run "$SRC/patterns/gosper-glider-gun.rle" --size 20x20
  expect_rc 64 "np$np pattern larger than grid"; expect_err "does not fit the 20x20 grid" "np$np fit msg"

  run $np run "$GLIDER" --at 9,0 --size 10x10
  expect_rc 64 "np$np --at off the grid"

  run $np run "$GLIDER" --final "$WORK/no/such/dir/out.rle"
  expect_rc 73 "np$np unwritable --final"; expect_err "cannot create" "np$np 73 msg"

  run $np run "$GLIDER" --bogus
  expect_rc 64 "np$np unknown option"; expect_one_message "np$np unknown option"

  run $np run
  expect_rc 64 "np$np nothing to run"

  run $np run "$GLIDER" --decomp 5x7
  expect_rc 64 "np$np bad CxR"; expect_err "needs 35 ranks" "np$np CxR msg"
done

run 4 run --random 0.5 --size 64x3 --decomp 1d
expect_rc 64 "more ranks than rows in 1d"; expect_err "4 process rows for a grid of 3 rows" "1d rows msg"
expect_one_message "1d rows"
run 2 run --random 0.5 --size 1x64 --decomp 2x1
expect_rc 64 "tile thinner than the halo"; expect_err "thinner than the one-cell halo" "thin msg"
run 1 run --random 1.5
expect_rc 64 "density out of range"

run 0 --help
expect_rc 0 "--help"; grep -q "run" <<<"$OUT" && pass || fail "--help lists run"
run 0 run --help
expect_rc 0 "run --help"; grep -q -- "--generations" <<<"$OUT" && pass || fail "run --help lists options"
run 0 --version
expect_rc 0 "--version"; grep -Eq "^mpilife [0-9]+\.[0-9]+\.[0-9]+" <<<"$OUT" && pass || fail "version text"
run 0
expect_rc 64 "no command"

ls "$WORK" | grep -q tmp && fail "temporary files left behind" || pass
finish
