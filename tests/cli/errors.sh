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

# The memory plan refuses up front, on every rank, with one message: here the address-space
# limit of a process (ulimit -v, 3 GB) against a byte-per-cell tile of over 6 GiB per rank.
# A tile allocation that fails although the plan passed (a data-segment limit, ulimit -d, which
# the plan does not know) is one agreed 64 on every rank too, never an abort.
avail_gib=$(($(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1048576))
for limit in v d; do
  size=100000x100000 want="grid needs .* per rank .* more than the address-space limit"
  if [ "$limit" = d ]; then
    size=40000x40000 want="out of memory on rank [0-9]: the 40000x40000 grid needs .* per rank"
  fi
  if ! (ulimit -$limit 3000000 && timeout 60 "$MPILIFE" run --random 0.5 --size 64x64 -g 1 -q) \
    2>/dev/null || [ "$avail_gib" -lt 8 ]; then
    echo "skipped the ulimit -$limit check: needs ulimit -$limit under MPI and 8 GiB available"
    continue
  fi
  ulimit_value=3000000
  [ "$limit" = d ] && ulimit_value=1000000
  for np in 1 3; do
    (
      ulimit -$limit $ulimit_value
      run $np run --random 0.5 --size $size --kernel reference -g 1 --decomp 1d \
        --final "$WORK/oom.rle"
      echo "$RC" >"$WORK/rc"
    )
    RC=$(cat "$WORK/rc") ERR=$(cat "$WORK/err")
    expect_rc 64 "np$np ulimit -$limit"
    expect_err "$want" "np$np ulimit -$limit message"
    expect_one_message "np$np ulimit -$limit"
    grep -Eq 'terminate called|Aborted|MPI_ABORT|\*\*\* ' <<<"$ERR" && fail "np$np ulimit -$limit: crash output" || pass
    [ ! -e "$WORK/oom.rle" ] && pass || fail "np$np ulimit -$limit: --final written"
  done
done

# An unbounded universe grows only as far as memory allows: under ulimit -v (3 GB) a 20000x20000
# byte-per-cell soup cannot grow to 40000x40000 (3.2 GB per rank), so the run stops at once with
# its outputs written and exit 75 instead of failing an allocation.
if (ulimit -v 3000000 && timeout 60 "$MPILIFE" run --random 0.5 --size 64x64 -g 1 -q) 2>/dev/null &&
  [ "$avail_gib" -ge 8 ]; then
  (
    ulimit -v 3000000
    run 1 run --random 0.3 --size 20000x20000 --topology unbounded --kernel reference -g 5 \
      --summary "$WORK/grow.json"
    echo "$RC" >"$WORK/rc"
  )
  RC=$(cat "$WORK/rc") ERR=$(cat "$WORK/err")
  expect_rc 75 "unbounded growth under ulimit -v"
  expect_err "had to grow from 20000x20000 to 40000x40000 cells, beyond the [0-9]+ cells the nodes' memory holds" \
    "unbounded growth under ulimit -v: message"
  grep -q '"stopped": "cell-limit"' "$WORK/grow.json" && pass || fail "ulimit -v growth: summary"
else
  echo "skipped the unbounded ulimit -v check: needs ulimit -v under MPI and 8 GiB available"
fi

# Grids too big for any machine: refused by the plan with the bytes per rank and available.
for np in 1 3; do
  run $np run --random 0.5 --size 3000000x3000000 -g 1
  expect_rc 64 "np$np huge grid"
  expect_err "the 3000000x3000000 grid needs .* per rank on $np ranks? .*this node has .* available .*use more ranks" "np$np huge grid message"
  expect_one_message "np$np huge grid"
done

ls "$WORK" | grep -q tmp && fail "temporary files left behind" || pass
finish
