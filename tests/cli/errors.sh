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

# A tile allocation that fails although the memory check passed (here: a 3 GB address-space limit,
# as a ulimit or a busy node gives) is one agreed 64 on every rank, not an abort. Each rank's tile
# (byte-per-cell kernel) needs over 6 GiB; the check passes on any machine with 20 GiB or more.
mem_gib=$(($(getconf _PHYS_PAGES) * $(getconf PAGESIZE) / 1073741824))
if (ulimit -v 3000000 && timeout 60 "$MPILIFE" run --random 0.5 --size 64x64 -g 1 -q) 2>/dev/null &&
  [ "$mem_gib" -ge 20 ]; then
  for np in 1 3; do
    (
      ulimit -v 3000000
      run $np run --random 0.5 --size 100000x100000 --kernel reference -g 1 --decomp 1d \
        --final "$WORK/oom.rle"
      echo "$RC" >"$WORK/rc"
    )
    RC=$(cat "$WORK/rc") ERR=$(cat "$WORK/err")
    expect_rc 64 "np$np tile allocation fails"
    expect_err "out of memory on rank [0-9]: the 100000x100000 grid needs .* per rank" "np$np oom msg"
    expect_one_message "np$np tile allocation fails"
    grep -Eq 'terminate called|Aborted|MPI_ABORT|\*\*\* ' <<<"$ERR" && fail "np$np oom: crash output" || pass
    [ ! -e "$WORK/oom.rle" ] && pass || fail "np$np oom: --final written"
  done
else
  echo "skipped the allocation-failure check: needs ulimit -v under MPI and 20 GiB of memory"
fi

ls "$WORK" | grep -q tmp && fail "temporary files left behind" || pass
finish
