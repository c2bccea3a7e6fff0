#!/usr/bin/env bash
# The unbounded universe (issue 12 item 1), end to end: with no --size a pattern runs in Golly's
# universe, growing the grid as it needs; --final writes the live cells' box at Golly's
# coordinates (#CXRLE Pos, Gen), which must equal bgolly's result cell for cell and place for
# place (bgolly writes macrocell, whose quadtree fixes the position; mpilife converts it with
# `run X.mc -g 0 --final`). A gun, a puffer and a methuselah on 1, 2 and 3 ranks and several
# decompositions, each across several growth events; recordings and checkpoints while growing;
# --max-cells; the options that contradict a growing grid.
source "$(dirname "$0")/common.bash"
BGOLLY=/usr/bin/bgolly
CELLS="python3 $SRC/tests/cli/rle_cells.py"

# summary KEY: a key of the last run's --summary.
summary() { python3 -c "import json,sys; print(json.load(open('$WORK/s.json'))['$1'])"; }

# same_cells A B WHAT: A and B hold the same live cells at the same Golly coordinates.
same_cells() {
  if diff <($CELLS "$1") <($CELLS "$2") >/dev/null; then pass; else
    fail "$3: the cells differ ($(diff <($CELLS "$1") <($CELLS "$2") | grep -c '^[<>]') cells)"
  fi
}

check_pattern() {
  local file=$1 gens=$2 min_growths=$3 name
  name=$(basename "$file" .rle)
  local want="$WORK/$name.want.rle"
  if [ -x "$BGOLLY" ]; then
    "$BGOLLY" -a HashLife -m "$gens" -o "$WORK/$name.mc" "$file" >/dev/null 2>&1
    run 1 run "$WORK/$name.mc" -g 0 --final "$want" --force -q
    expect_rc 0 "$name: converting bgolly's macrocell"
  fi
  for spec in "1 1d" "2 1d" "2 2d" "3 1d" "3 2d" "3 1x3"; do
    set -- $spec
    run "$1" run "$file" -g "$gens" --decomp "$2" --final "$WORK/got.rle" --summary "$WORK/s.json" --force -q
    expect_rc 0 "$name np$1 $2"
    [ "$RC" = 0 ] || continue
    if grep -q "^#CXRLE Pos=-\?[0-9]*,-\?[0-9]* Gen=$gens\$" "$WORK/got.rle"; then pass; else
      fail "$name np$1 $2: --final lacks '#CXRLE Pos=x,y Gen=$gens': $(head -1 "$WORK/got.rle")"
    fi
    [ "$(summary topology)" = unbounded ] && pass || fail "$name: topology $(summary topology)"
    if [ "$(summary growths)" -ge "$min_growths" ]; then pass; else
      fail "$name np$1 $2: grew $(summary growths) times, expected at least $min_growths"
    fi
    if [ -f "$want" ]; then
      same_cells "$WORK/got.rle" "$want" "$name np$1 $2 vs bgolly"
    else
      # Without bgolly: every rank count and decomposition gives the one-rank result.
      [ "$1" = 1 ] && cp "$WORK/got.rle" "$WORK/$name.np1.rle"
      same_cells "$WORK/got.rle" "$WORK/$name.np1.rle" "$name np$1 $2 vs np1"
    fi
  done
}

# --final X.mc: Golly's macrocell of the same universe, node for node what bgolly writes.
if [ -x "$BGOLLY" ]; then
  for np in 1 3; do
    run "$np" run "$SRC/patterns/acorn.rle" -g 1000 --final "$WORK/acorn.mc" --force -q
    expect_rc 0 "--final .mc np$np"
    "$BGOLLY" -a HashLife -m 1000 -o "$WORK/acorn.golly.mc" "$SRC/patterns/acorn.rle" >/dev/null 2>&1
    if diff <(grep -v '^\[M2\]\|^#C' "$WORK/acorn.mc") \
            <(grep -v '^\[M2\]\|^#C' "$WORK/acorn.golly.mc") >/dev/null; then pass; else
      fail "--final .mc np$np: not bgolly's macrocell of generation 1000"
    fi
  done
fi
# A bounded grid's .mc keeps its suffix and Golly's placement; mpilife reads it back.
run 2 run "$SRC/patterns/glider.rle" --size 20x16 -g 37 --final "$WORK/t.mc" --force -q
run 2 run "$SRC/patterns/glider.rle" --size 20x16 -g 37 --final "$WORK/t.rle" --force -q
if grep -q '^#R B3/S23:T20,16$' "$WORK/t.mc"; then pass; else fail "torus .mc: $(grep '^#R' "$WORK/t.mc")"; fi
run 1 run "$WORK/t.mc" -g 37 --final "$WORK/t2.rle" --force -q
expect_rc 0 "reading our torus .mc back"

check_pattern "$SRC/patterns/gosper-glider-gun.rle" 1000 3
check_pattern "$SRC/patterns/puffer-train.rle" 600 3
check_pattern "$SRC/patterns/r-pentomino.rle" 1103 3

# The default: unbounded without --size; a torus with it.
run 2 run "$SRC/patterns/glider.rle" -g 4 --summary "$WORK/s.json" --force -q
[ "$(summary topology)" = unbounded ] && pass || fail "default topology $(summary topology)"
run 2 run "$SRC/patterns/glider.rle" -g 4 --size 32x32 --summary "$WORK/s.json" --force -q
[ "$(summary topology)" = torus ] && pass || fail "--size topology $(summary topology)"

# --at places the pattern in Golly's coordinates (negative too).
run 2 run "$SRC/patterns/glider.rle" -g 0 --at -100,50 --final "$WORK/at.rle" --force -q
expect_rc 0 "--at in an unbounded universe"
if [ "$($CELLS "$WORK/at.rle" | head -1)" = "-99 50" ]; then pass; else
  fail "--at -100,50: first cell $($CELLS "$WORK/at.rle" | head -1), expected -99 50"
fi

# Recording while growing: the frames show the grid the run started with (a fixed window of the
# universe, at the recording's origin_x/origin_y); the last frame is the final state inside it.
GUN="$SRC/patterns/gosper-glider-gun.rle"
run 3 run "$GUN" -g 400 --output "$WORK/rec.h5" --every 100 --checkpoint "$WORK/ck.h5" \
  --checkpoint-every 200 --final "$WORK/final.rle" --summary "$WORK/s.json" --force -q
expect_rc 0 "recording while growing"
if [ "$(summary growths)" -ge 2 ]; then pass; else fail "recording: grew $(summary growths) times"; fi
run 0 export "$WORK/rec.h5" --frame -1 --out "$WORK/frame.rle"
expect_rc 0 "export of the last frame"
header=$(grep '^x = ' "$WORK/frame.rle")
if [ "$header" = "x = 108, y = 81, rule = B3/S23" ]; then pass; else
  fail "frame size: '$header', expected the starting grid 108x81 (the 36x9 gun, a 36-cell margin)"
fi
if diff <($CELLS "$WORK/frame.rle") <($CELLS "$WORK/final.rle" --window-of "$WORK/frame.rle") >/dev/null; then
  pass
else
  fail "the last frame is not the final state inside the recorded window"
fi
n=$($CELLS "$WORK/final.rle" | wc -l)
m=$($CELLS "$WORK/frame.rle" | wc -l)
if [ "$m" -lt "$n" ]; then pass; else fail "gliders left the window: frame $m cells, final $n"; fi

# A checkpoint of a grown universe continues exactly, its recording appended in the same window.
run 3 run "$GUN" -g 200 --output "$WORK/rec2.h5" --every 100 --checkpoint "$WORK/ck2.h5" --force -q
expect_rc 0 "first half"
run 2 run --restart "$WORK/ck2.h5" -g 400 --output "$WORK/rec2.h5" --every 100 --final "$WORK/resumed.rle" -q
expect_rc 0 "restart of an unbounded universe on 2 ranks"
same_cells "$WORK/resumed.rle" "$WORK/final.rle" "restarted run vs uninterrupted"
run 0 export "$WORK/rec2.h5" --frame -1 --out "$WORK/frame2.rle"
same_cells "$WORK/frame2.rle" "$WORK/frame.rle" "appended recording's last frame"

# --max-cells: growth past it stops the run with its outputs written, exit 75.
run 2 run "$GUN" -g 3000 --max-cells 40000 --final "$WORK/lim.rle" --summary "$WORK/s.json" --force
expect_rc 75 "--max-cells reached"
expect_err "had to grow from [0-9]+x[0-9]+ to [0-9]+x[0-9]+ cells, beyond --max-cells 40000" "--max-cells message"
[ "$(summary stopped)" = cell-limit ] && pass || fail "stopped: $(summary stopped)"
g=$(summary final_generation)
if [ "$g" -gt 100 ] && [ "$g" -lt 3000 ] && grep -q "Gen=$g\$" "$WORK/lim.rle"; then pass; else
  fail "--max-cells: final at generation $g"
fi
if [ -x "$BGOLLY" ]; then
  "$BGOLLY" -a HashLife -m "$g" -o "$WORK/lim.mc" "$GUN" >/dev/null 2>&1
  run 1 run "$WORK/lim.mc" -g 0 --final "$WORK/lim.want.rle" --force -q
  same_cells "$WORK/lim.rle" "$WORK/lim.want.rle" "exact up to the cell limit"
fi

# Options that contradict a growing grid.
run 2 run "$GUN" --size 64x64 --max-cells 100000
expect_rc 64 "--max-cells on a torus"
expect_err "limits an unbounded universe" "--max-cells on a torus: message"
run 2 run "$GUN" --max-cells 100
expect_rc 64 "--max-cells below the starting grid"
run 2 run "$GUN" --output "$WORK/p.h5" --io parallel
expect_rc 64 "--io parallel recording of an unbounded universe"
expect_err "rank 0 writes" "--io parallel: message"
finish
