#!/usr/bin/env bash
# --final / --stats / --summary at several rank counts: documented formats, identical results for
# any rank count, and a --final file that mpilife can load and continue.
source "$(dirname "$0")/common.bash"
GUN=$SRC/patterns/gosper-glider-gun.rle

for np in 1 2 3 4 6; do
  run $np run "$GUN" -g 120 --size 64x48 --final "$WORK/f$np.rle" --stats "$WORK/s$np.csv" \
    --summary "$WORK/j$np.json"
  expect_rc 0 "np$np run"
  expect_err "^mpilife: 120 generations of 64x48 on $np ranks? \([0-9]+x[0-9]+\) in .* = .*cell-updates/s, halo wait [0-9]+%" "np$np summary line"
done
for np in 2 3 4 6; do
  cmp -s "$WORK/f1.rle" "$WORK/f$np.rle" && pass || fail "final grid on $np ranks differs from 1 rank"
  cmp -s "$WORK/s1.csv" "$WORK/s$np.csv" && pass || fail "stats on $np ranks differ from 1 rank"
done
head -1 "$WORK/s1.csv" | grep -qx "generation,population" && pass || fail "stats header"
[ "$(wc -l <"$WORK/s1.csv")" = 122 ] && pass || fail "stats has a row per generation 0..120"
sed -n 2p "$WORK/s1.csv" | grep -qx "0,36" && pass || fail "gun has 36 cells at generation 0"
grep -Eq "^x = 64, y = 48, rule = B3/S23:T64,48$" "$WORK/f1.rle" && pass || fail "final RLE header"
awk 'length > 70 { bad = 1 } END { exit bad }' "$WORK/f1.rle" && pass || fail "RLE lines <= 70"
/usr/bin/python3 - "$WORK/j3.json" <<'PY' && pass || fail "summary JSON fields"
import json, sys
j = json.load(open(sys.argv[1]))
need = ["generations", "width", "height", "ranks", "process_grid", "kernel", "wall_seconds",
        "cell_updates_per_second", "halo_wait_fraction", "final_population"]
missing = [k for k in need if k not in j]
assert not missing, missing
assert j["generations"] == 120 and j["width"] == 64 and j["height"] == 48 and j["ranks"] == 3
assert j["process_grid"][0] * j["process_grid"][1] == 3
assert j["final_population"] > 36
PY

# --halo-depth / --time-block: the same final grid at every ghost depth, time block and rank
# count; a depth of 8 sends an eighth of the halo messages, however the run loop's steps fall
# (they end at the control checks, whose spacing follows the machine's speed): the ghosts last
# from one step to the next.
for np in 1 2 4 6; do
  for hb in "1 1" "4 4" "8 2" "16 16" "auto auto"; do
    read -r depth block <<<"$hb"
    out=$WORK/deep-$np-$depth-$block
    run $np run "$GUN" -g 120 --size 64x48 --halo-depth "$depth" --time-block "$block" \
      --final "$out.rle" --summary "$out.json"
    expect_rc 0 "np$np --halo-depth $depth --time-block $block"
    cmp -s "$WORK/f1.rle" "$out.rle" && pass ||
      fail "final grid on $np ranks with --halo-depth $depth --time-block $block differs"
  done
done
# auto: 32x24 tiles are small (depth 16) and fit in the cache (one generation per sweep).
expect_err "halo wait [0-9]+% \(halo depth 16, time block 1\)" "summary line names the depth"
/usr/bin/python3 - "$WORK"/deep-4-{1-1,8-2,16-16}.json <<'PY' && pass || fail "halo messages fall with the depth"
import json, sys
one, eight, sixteen = (json.load(open(p)) for p in sys.argv[1:])
assert (one["halo_depth"], one["time_block"]) == (1, 1), one
assert (eight["halo_depth"], eight["time_block"]) == (8, 2), eight
assert one["halo_messages"] == 4 * 8 * 120, one["halo_messages"]  # 2x2 ranks, 8 sides each
assert eight["halo_messages"] == one["halo_messages"] // 8, eight  # 15 exchanges
assert sixteen["halo_messages"] == 4 * 8 * 8, sixteen  # at 0, 16, ..., 112
PY

# Continue a --final file: 60 + 60 generations equal 120 straight.
run 2 run "$GUN" -g 60 --size 64x48 --final "$WORK/half.rle"
run 3 run "$WORK/half.rle" -g 60 --final "$WORK/cont.rle"
expect_rc 0 "continue from --final"
diff <(grep -v '^#' "$WORK/cont.rle") <(grep -v '^#' "$WORK/f1.rle") >/dev/null && pass ||
  fail "continuing the --final file differs from the straight run"

# The --final file says where and when it is: "#CXRLE Pos=-32,-24 Gen=60" (Golly centres a bounded
# grid on 0,0).
head -1 "$WORK/half.rle" | grep -qx '#CXRLE Pos=-32,-24 Gen=60' && pass ||
  fail "--final lacks the #CXRLE line: $(head -1 "$WORK/half.rle")"

# Golly loads a --final file and continues the same evolution: 60 generations in mpilife, then
# bgolly from the file's generation 60 to 120 (-m is absolute, so this fails if bgolly did not
# read Gen=60), give the population mpilife has at 120.
if command -v bgolly >/dev/null; then
  (cd "$WORK" && bgolly -q -q -a QuickLife -m 120 -o golly120.rle half.rle >/dev/null 2>&1)
  run 1 run "$WORK/golly120.rle" -g 0 --stats "$WORK/golly.csv"
  expect_rc 0 "mpilife reads bgolly's output"
  [ "$(sed -n 2p "$WORK/golly.csv" | cut -d, -f2)" = "$(tail -1 "$WORK/s1.csv" | cut -d, -f2)" ] && pass ||
    fail "bgolly continuing a --final file disagrees with mpilife"
  grep -q "rule = B3/S23:T64,48" "$WORK/golly120.rle" && pass || fail "bgolly kept the bounded grid"
fi

# The fast kernel on a big plane: acorn reaches 1057 cells at 4408 and 633 at 5206.
run 2 run "$SRC/patterns/acorn.rle" --size 4096x4096 --topology plane -g 5206 --stats "$WORK/acorn.csv"
expect_rc 0 "acorn on a 4096x4096 plane"
grep -qx "4408,1057" "$WORK/acorn.csv" && grep -qx "5206,633" "$WORK/acorn.csv" && pass ||
  fail "acorn populations at 4408/5206"

# Both kernels agree through the CLI.
run 2 run --random 0.45 --seed 7 --size 77x51 -g 40 --kernel reference --final "$WORK/r.rle" --rule B36/S23 --topology plane
run 3 run --random 0.45 --seed 7 --size 77x51 -g 40 --kernel fast --final "$WORK/q.rle" --rule B36/S23 --topology plane
diff <(grep -v '^#' "$WORK/r.rle") <(grep -v '^#' "$WORK/q.rle") >/dev/null && pass || fail "fast != reference via CLI"

# --stop-when-stable stops exactly where the grid dies out or stops changing, on every rank count.
# (--force: the outputs of the previous rank count are overwritten.)
for np in 1 3; do
  run $np run "$SRC/patterns/diehard.rle" --size 64x64 --topology plane -g 1000 --stop-when-stable \
    --summary "$WORK/die.json" --stats "$WORK/die.csv" --force
  expect_rc 0 "np$np diehard stop-when-stable"
  grep -q '"stopped": "died-out"' "$WORK/die.json" && grep -q '"final_generation": 130' "$WORK/die.json" &&
    pass || fail "np$np diehard should stop dying out at 130: $(cat "$WORK/die.json")"
  tail -1 "$WORK/die.csv" | grep -qx "130,0" && pass || fail "np$np stats end at 130,0"
  printf 'x = 2, y = 2\n2o$2o!\n' >"$WORK/block.rle"
  run $np run "$WORK/block.rle" -g 500 --stop-when-stable --summary "$WORK/block.json" --force
  grep -q '"stopped": "stable"' "$WORK/block.json" && grep -q '"final_generation": 1' "$WORK/block.json" &&
    pass || fail "np$np block should be stable at 1"
  run $np run "$SRC/patterns/blinker.rle" -g 50 --stop-when-stable --summary "$WORK/blink.json" --force
  grep -q '"stopped": "completed"' "$WORK/blink.json" && pass || fail "np$np a blinker never stops changing"
done

# An existing --final, --stats or --summary needs --force (the refusals are in bad_inputs/outputs.tsv).
run 2 run "$GUN" -g 120 --size 64x48 --final "$WORK/f1.rle" --stats "$WORK/s1.csv" --summary "$WORK/j1.json" --force
expect_rc 0 "existing outputs with --force"
cmp -s "$WORK/f1.rle" "$WORK/f2.rle" && cmp -s "$WORK/s1.csv" "$WORK/s2.csv" && pass ||
  fail "--force rewrites the outputs"

# Through a symbolic link the target is written and the link kept: text outputs, a recording and a
# checkpoint, which a restart through the link continues (without --force: it is the same file).
mkdir "$WORK/real"
for f in f.rle s.csv j.json rec.h5 ck.h5; do
  echo old >"$WORK/real/$f"
  ln -s "real/$f" "$WORK/link-$f"
done
run 3 run "$GUN" -g 120 --size 64x48 --final "$WORK/link-f.rle" --stats "$WORK/link-s.csv" \
  --summary "$WORK/link-j.json" --output "$WORK/link-rec.h5" --every 60 --checkpoint "$WORK/link-ck.h5" --force
expect_rc 0 "outputs through symbolic links"
for f in f.rle s.csv j.json rec.h5 ck.h5; do
  [ "$(readlink "$WORK/link-$f")" = "real/$f" ] && [ -f "$WORK/real/$f" ] && [ ! -L "$WORK/real/$f" ] &&
    pass || fail "link-$f is no longer a link to real/$f"
done
cmp -s "$WORK/real/f.rle" "$WORK/f1.rle" && cmp -s "$WORK/real/s.csv" "$WORK/s1.csv" && pass ||
  fail "the link targets do not hold the outputs"
grep -q '"final_population"' "$WORK/real/j.json" && pass || fail "the summary's target"
"$MPILIFE" info "$WORK/link-rec.h5" | grep -q "frames" && pass || fail "the recording's target is no recording"
[ -z "$(find "$WORK" "$WORK/real" -maxdepth 1 -name '*.tmp*')" ] && pass || fail "temporary files left"
run 2 run --restart "$WORK/link-ck.h5" -g 150 --checkpoint "$WORK/link-ck.h5" --final "$WORK/ck150.rle"
expect_rc 0 "restart continuing a checkpoint through its link"
[ -L "$WORK/link-ck.h5" ] && [ ! -e "$WORK/real/ck.h5.tmp" ] && pass || fail "the checkpoint link was replaced"
"$MPILIFE" info "$WORK/real/ck.h5" | grep -q "at generation 150$" && pass || fail "the checkpoint's target holds generation 150"

# A FIFO is written through (read here by cat in the background), and stays a FIFO.
mkfifo "$WORK/fifo"
timeout 60 cat "$WORK/fifo" >"$WORK/fifo.out" &
reader=$!
run 3 run "$GUN" -g 120 --size 64x48 --final "$WORK/fifo"
expect_rc 0 "--final into a FIFO"
wait "$reader"
cmp -s "$WORK/fifo.out" "$WORK/f1.rle" && pass || fail "the FIFO's reader got something else than --final"
[ -p "$WORK/fifo" ] && pass || fail "the FIFO was replaced"

# --final /dev/stdout prints the RLE and leaves /dev/stdout alone (root could replace it before):
# through a regular file (the test's redirection), mpiexec's pipe, and a pipe of our own.
before=$(stat -c '%F %i %N' /dev/stdout)
run 0 run "$GUN" -g 120 --size 64x48 --final /dev/stdout -q
expect_rc 0 "--final /dev/stdout (singleton)"
[ "$OUT" = "$(cat "$WORK/f1.rle")" ] && pass || fail "--final /dev/stdout printed something else"
run 3 run "$GUN" -g 120 --size 64x48 --final /dev/stdout --stats /dev/stdout -q
expect_rc 0 "--final /dev/stdout (3 ranks)"
[ "$OUT" = "$(cat "$WORK/s1.csv" "$WORK/f1.rle")" ] && pass || fail "3 ranks printed something else"
"$MPILIFE" run "$GUN" -g 120 --size 64x48 --final /dev/stdout -q 2>/dev/null | cat >"$WORK/piped.rle"
cmp -s "$WORK/piped.rle" "$WORK/f1.rle" && pass || fail "--final /dev/stdout into a pipe"
after=$(stat -c '%F %i %N' /dev/stdout)
if [ "$before" = "$after" ] && { [ -L /dev/stdout ] || [ -c /dev/stdout ]; }; then pass; else
  fail "/dev/stdout changed: '$before' -> '$after'"
  # Put the system's /dev/stdout back if a regression replaced it by a file.
  if [ ! -L /dev/stdout ] && [ -f /dev/stdout ]; then rm -f /dev/stdout && ln -s /proc/self/fd/1 /dev/stdout; fi
fi

# Runs without mpiexec too.
run 0 run "$GUN" -g 120 --size 64x48 --final "$WORK/solo.rle" -q
expect_rc 0 "singleton run"
[ -z "$ERR" ] && pass || fail "--quiet prints nothing"
cmp -s "$WORK/solo.rle" "$WORK/f1.rle" && pass || fail "singleton result differs"
finish
