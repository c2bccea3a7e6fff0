#!/usr/bin/env bash
# The live viewer and the replay viewer driven by --view-script: every rank follows the window
# (steps, clicks, quit), screenshots show the grid the run computed, and a build without SDL2 says
# so. Runs headless with SDL's dummy video driver, and in a real X window when Xvfb is installed,
# where xdotool (when installed; the test says it skips otherwise) sends real key and mouse events:
# the pencil, Ctrl+Z, Ctrl+R, select, Ctrl+C and Ctrl+V through the X clipboard.
source "$(dirname "$0")/common.bash"
GUN=$SRC/patterns/gosper-glider-gun.rle
export SDL_VIDEODRIVER=dummy

# check_cells IMAGE.bmp GRID.rle ORIGIN_X ORIGIN_Y PIXELS_PER_CELL: every cell's centre pixel has
# the live colour exactly when the cell is alive in GRID.rle.
check_cells() {
  /usr/bin/python3 - "$@" <<'PY'
import struct, sys
bmp, rle, ox, oy, p = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
data = open(bmp, "rb").read()
offset, = struct.unpack_from("<I", data, 10)
header, width, height, planes, bpp, compression = struct.unpack_from("<IiiHHI", data, 14)
assert bpp == 32, bpp
masks = struct.unpack_from("<IIII", data, 54) if compression == 3 else (0xFF0000, 0xFF00, 0xFF, 0)
def channel(v, m):
    return (v & m) >> ((m & -m).bit_length() - 1) if m else 0
def pixel(x, y):
    row = height - 1 - y if height > 0 else y
    v, = struct.unpack_from("<I", data, offset + (row * width + x) * 4)
    return tuple(channel(v, m) for m in masks[:3])
live = set()
w = h = 0
x = y = 0
n = ""
for line in open(rle):
    if line.startswith("#"):
        continue
    if line.startswith("x"):
        fields = dict(f.split("=") for f in line.replace(" ", "").split(",")[:2])
        w, h = int(fields["x"]), int(fields["y"])
        continue
    for ch in line.strip():
        if ch.isdigit():
            n += ch
            continue
        k = int(n or 1)
        n = ""
        if ch == "!":
            break
        if ch == "$":
            y, x = y + k, 0
        elif ch in "b.":
            x += k
        else:
            live.update((x + i, y) for i in range(k))
            x += k
alive, dead = (0xFF, 0xD2, 0x3F), (0x1B, 0x20, 0x30)
bad = [(cx, cy) for cy in range(h) for cx in range(w)
       if pixel(ox + cx * p + p // 2, oy + cy * p + p // 2) != (alive if (cx, cy) in live else dead)]
assert not bad, f"{len(bad)} cells drawn wrong, e.g. {bad[:5]}"
assert pixel(2, abs(height) // 2) == (0x09, 0x0B, 0x10), "outside the grid"
PY
}

# A build without SDL2: --view and view fail with one clear message and exit 64 on every rank.
run 2 run "$GUN" --view --view-script quit
if grep -q "built without the SDL2 viewer" <<<"$ERR"; then
  expect_rc 64 "--view without the viewer"
  expect_one_message "--view without the viewer"
  run 2 view "$WORK/none.h5"
  expect_rc 64 "view without the viewer"
  expect_err "view: this mpilife was built without the SDL2 viewer" "view without the viewer"
  finish
  exit
fi
expect_rc 0 "--view, quit at once"

# Stop, 30 single steps, screenshot: the picture is the grid the ranks computed, and --final (the
# same grid) equals a batch run's, whatever the number of ranks.
run 1 run "$GUN" --size 64x48 -g 30 --final "$WORK/batch.rle"
for np in 1 2 3; do
  run $np run "$GUN" --size 64x48 --view --window 640x480 --final "$WORK/view$np.rle" \
    --view-script "stop; step 30; screenshot $WORK/gun$np.bmp; print; quit"
  expect_rc 0 "np$np view run"
  grep -q "view: generation=30 population=[0-9]* running=0 speed=0 zoom=1:8 region=0,0,64,48 scale=1" \
    <<<"$OUT" && pass || fail "np$np print after 30 steps: $OUT"
  expect_err "mpilife: viewer showed [0-9]+ frames in" "np$np viewer summary"
  expect_err "^mpilife: 30 generations of 64x48 on $np ranks?" "np$np run summary"
  diff <(grep -v '^#' "$WORK/batch.rle") <(grep -v '^#' "$WORK/view$np.rle") >/dev/null && pass ||
    fail "np$np grid after 30 viewer steps differs from the batch run"
  check_cells "$WORK/gun$np.bmp" "$WORK/batch.rle" 64 48 8 && pass || fail "np$np screenshot pixels"
done

# Clicks toggle cells on the ranks that own them: a blinker drawn with three clicks, then a step,
# equals the batch run of the same cells.
/usr/bin/python3 - "$WORK/drawn.cells" <<'PY'
import sys
rows = [["."] * 40 for _ in range(30)]
for x, y in [(3, 2), (4, 3), (2, 4), (3, 4), (4, 4), (30, 20), (31, 20), (32, 20), (0, 0)]:
    rows[y][x] = "O"
open(sys.argv[1], "w").write("!Name: drawn\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/drawn.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/drawn.rle"
for np in 1 2 3; do
  # 40x30 in 400x400 fits at 1:8 with the grid's corner at (40, 80); cell (x, y) is centred on
  # pixel (44 + 8x, 84 + 8y).
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/clicked$np.rle" \
    --view-script "stop; click 284,244; click 292,244; click 300,244; click 44,84; step 1; quit"
  expect_rc 0 "np$np clicks"
  diff <(grep -v '^#' "$WORK/drawn.rle") <(grep -v '^#' "$WORK/clicked$np.rle") >/dev/null &&
    pass || fail "np$np cells toggled by clicks differ from the batch run"
done

# The pencil across rank boundaries: three strokes, each one jump of the mouse (a long slant, a row
# and a column), then a stroke that starts on a live cell and clears; one step. The batch run of
# the glider with exactly the cells under the strokes (Bresenham's lines, computed here) is the
# same grid, at 2 and 3 ranks.
/usr/bin/python3 - "$WORK/strokes.cells" <<'PY'
import sys
def line(a, b):
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err, out = dx + dy, []
    while True:
        out.append((x0, y0))
        if (x0, y0) == (x1, y1):
            return out
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy
live = {(3, 2), (4, 3), (2, 4), (3, 4), (4, 4)}
for a, b in [((1, 28), (38, 1)), ((0, 15), (39, 15)), ((20, 0), (20, 29))]:
    live.update(line(a, b))
live.difference_update(line((20, 15), (20, 5)))
rows = [["O" if (x, y) in live else "." for x in range(40)] for y in range(30)]
open(sys.argv[1], "w").write("!Name: strokes\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/strokes.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/strokes.rle"
px() { echo "$((44 + 8 * $1)),$((84 + 8 * $2))"; }
for np in 2 3; do
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/stroked$np.rle" --view-script "stop; drag $(px 1 28),$(px 38 1); drag $(px 0 15),$(px 39 15); drag $(px 20 0),$(px 20 29); drag $(px 20 15),$(px 20 5); print; step 1; quit"
  expect_rc 0 "np$np strokes"
  grep -q "generation=0 .* undo=4 redo=0" <<<"$OUT" && pass || fail "np$np four strokes, four edits: $OUT"
  diff <(grep -v '^#' "$WORK/strokes.rle") <(grep -v '^#' "$WORK/stroked$np.rle") >/dev/null && pass ||
    fail "np$np cells under the strokes differ from the batch run"
done
# F5 move mode: the same drag pans and draws nothing.
run 2 run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view --window 400x400 \
  --view-script "stop; key F5; drag $(px 1 28),$(px 38 1); print; quit"
expect_rc 0 "drag in move mode"
grep -q "population=5 .*region=0,17,8,13 .*mode=move .*undo=0" <<<"$OUT" && pass || fail "F5 drag pans, draws nothing: $OUT"

# F4: a selection dragged over cells 0..3 x 0..3 of the glider, Delete clears them (one cell of
# the glider), a step: the batch run of the glider's other four cells. Ctrl+A, Ctrl+C: the ranks
# that own the grid send it to rank 0 (at 3 ranks), the run goes on.
/usr/bin/python3 - "$WORK/deleted.cells" <<'PY'
import sys
rows = [["."] * 40 for _ in range(30)]
for x, y in [(4, 3), (2, 4), (3, 4), (4, 4)]:
    rows[y][x] = "O"
open(sys.argv[1], "w").write("!Name: deleted\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/deleted.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/deleted.rle"
for np in 2 3; do
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/selected$np.rle" --view-script "stop; key F4; drag $(px 0 0),$(px 3 3); print; key Delete; key Ctrl+A; key Ctrl+C; print; step 1; quit"
  expect_rc 0 "np$np select, Delete, Ctrl+A, Ctrl+C"
  mapfile -t lines <<<"$OUT"
  grep -q "population=5 .*mode=select .*selection=0,0,4,4" <<<"${lines[0]:-}" && pass ||
    fail "np$np F4 drag selects 4x4: ${lines[0]:-}"
  grep -q "population=4 .*selection=0,0,40,30" <<<"${lines[1]:-}" && pass ||
    fail "np$np Delete, Ctrl+A: ${lines[1]:-}"
  diff <(grep -v '^#' "$WORK/deleted.rle") <(grep -v '^#' "$WORK/selected$np.rle") >/dev/null &&
    pass || fail "np$np the grid after Delete differs from the batch run"
done

# The issue's session: a glider selected and copied (Ctrl+C through the clipboard), pasted twice
# (Ctrl+V), turned once and twice (r), placed with clicks, then a step: the batch run of the
# glider and its two turned copies, at 2 and 3 ranks.
/usr/bin/python3 - "$WORK/pasted.cells" <<'PY'
import sys
glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
turn = lambda cells: [(2 - y, x) for x, y in cells]  # a quarter clockwise in a 3x3 box
live = {(2 + x, 2 + y) for x, y in glider}
live |= {(20 + x, 10 + y) for x, y in turn(glider)}
live |= {(30 + x, 20 + y) for x, y in turn(turn(glider))}
rows = [["O" if (x, y) in live else "." for x in range(40)] for y in range(30)]
open(sys.argv[1], "w").write("!Name: pasted\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/pasted.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/pasted.rle"
for np in 2 3; do
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/paste$np.rle" --view-script "stop; key F4; drag $(px 2 2),$(px 4 4); key Ctrl+C; key F2; move $(px 20 10); key Ctrl+V; key r; click $(px 20 10); move $(px 30 20); key Ctrl+V; key r; key r; click $(px 30 20); print; step 1; quit"
  expect_rc 0 "np$np copy and paste"
  grep -q "population=15 .*undo=2 " <<<"$OUT" && pass || fail "np$np two pastes: $OUT"
  diff <(grep -v '^#' "$WORK/pasted.rle") <(grep -v '^#' "$WORK/paste$np.rle") >/dev/null &&
    pass || fail "np$np the pasted copies differ from the batch run"
done

# Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y: a blinker drawn, a stray cell, a glider cell cleared; the last two
# undone, two more undone and redone: the grid is the glider and the blinker, stepped as a batch.
/usr/bin/python3 - "$WORK/undo.cells" <<'PY'
import sys
rows = [["."] * 40 for _ in range(30)]
for x, y in [(3, 2), (4, 3), (2, 4), (3, 4), (4, 4), (30, 20), (31, 20), (32, 20)]:
    rows[y][x] = "O"
open(sys.argv[1], "w").write("!Name: undo\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/undo.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/undo.rle"
for np in 2 3; do
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/undone$np.rle" \
    --view-script "stop; click 284,244; click 292,244; click 300,244; click 44,84; click 68,100; print; key Ctrl+Z; key Ctrl+Z; print; key Ctrl+Z; key Ctrl+Z; key Ctrl+Shift+Z; key Ctrl+Y; print; step 1; key Ctrl+Z; print; quit"
  expect_rc 0 "np$np undo and redo"
  mapfile -t lines <<<"$OUT"
  grep -q "population=8 .* undo=5 redo=0" <<<"${lines[0]:-}" && pass || fail "np$np five edits: ${lines[0]:-}"
  grep -q "population=8 .* undo=3 redo=2" <<<"${lines[1]:-}" && pass || fail "np$np two undone: ${lines[1]:-}"
  grep -q "population=8 .* undo=3 redo=2" <<<"${lines[2]:-}" && pass || fail "np$np redone: ${lines[2]:-}"
  grep -q "generation=1 .* undo=0 redo=0" <<<"${lines[3]:-}" && pass || fail "np$np a step forgets: ${lines[3]:-}"
  diff <(grep -v '^#' "$WORK/undo.rle") <(grep -v '^#' "$WORK/undone$np.rle") >/dev/null && pass ||
    fail "np$np grid after undo and redo differs from the batch run"
done

# The glider selected (F4 drag over its 3x3 box), turned clockwise (Shift+. is >) and flipped
# left-right, both undone, then turned and flipped top-bottom; Ctrl+S saves the selection to
# selection-0.rle in the current folder (selection-0-2.rle when that exists); a step: the batch
# run of the glider turned and flipped.
/usr/bin/python3 - "$WORK/turned.cells" <<'PY'
import sys
rows = [["."] * 40 for _ in range(30)]
glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
turned = [(2 - y, x) for x, y in glider]           # clockwise in the 3x3 box
flipped = [(x, 2 - y) for x, y in turned]          # then top to bottom
for x, y in flipped:
    rows[2 + y][2 + x] = "O"
open(sys.argv[1], "w").write("!Name: turned\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
run 1 run "$WORK/turned.cells" --size 40x30 --at 0,0 --topology plane -g 1 --final "$WORK/turned.rle"
mkdir -p "$WORK/saves"
echo taken >"$WORK/saves/selection-0.rle"
for np in 2 3; do
  rm -f "$WORK/saves/selection-0-2.rle"
  pushd "$WORK/saves" >/dev/null
  run $np run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane --view \
    --window 400x400 --final "$WORK/turned$np.rle" --view-script "stop; key F4; drag $(px 2 2),$(px 4 4); key Shift+.; key x; print; key Ctrl+Z; key Ctrl+Z; print; key Shift+.; key y; key Ctrl+S; print; step 1; quit"
  popd >/dev/null
  expect_rc 0 "np$np selection turned and flipped"
  mapfile -t lines <<<"$OUT"
  grep -q "population=5 .* undo=2 redo=0" <<<"${lines[0]:-}" && pass || fail "np$np two edits: ${lines[0]:-}"
  grep -q "population=5 .* undo=0 redo=2" <<<"${lines[1]:-}" && pass || fail "np$np both undone: ${lines[1]:-}"
  grep -q "population=5 .* undo=2 redo=0" <<<"${lines[2]:-}" && pass || fail "np$np two more: ${lines[2]:-}"
  diff <(grep -v '^#' "$WORK/turned.rle") <(grep -v '^#' "$WORK/turned$np.rle") >/dev/null && pass ||
    fail "np$np the turned and flipped glider differs from the batch run"
  [[ "$(cat "$WORK/saves/selection-0.rle")" == taken ]] && pass || fail "np$np Ctrl+S overwrote a file"
  grep -q '^x = 3, y = 3, rule = B3/S23$' "$WORK/saves/selection-0-2.rle" 2>/dev/null && pass ||
    fail "np$np Ctrl+S: no selection-0-2.rle of the 3x3 selection"
done

# Ctrl+R: after 17 generations and two clicks the run is back at generation 0, the pattern placed
# again on every rank (the view kept); 30 steps from there equal the batch run's 30 generations.
for np in 1 2 3; do
  run $np run "$GUN" --size 64x48 --view --window 640x480 --final "$WORK/reset$np.rle" \
    --view-script "stop; key ]; step 17; click 300,200; click 308,200; key Ctrl+R; wait 2; print; step 30; print; quit"
  expect_rc 0 "np$np reset"
  mapfile -t lines <<<"$OUT"
  grep -q "view: generation=0 population=36 running=0 .*zoom=1:16 " <<<"${lines[0]:-}" && pass ||
    fail "np$np Ctrl+R back to generation 0, zoom kept: ${lines[0]:-}"
  grep -q "view: generation=30 " <<<"${lines[1]:-}" && pass || fail "np$np 30 after reset: ${lines[1]:-}"
  diff <(grep -v '^#' "$WORK/batch.rle") <(grep -v '^#' "$WORK/reset$np.rle") >/dev/null && pass ||
    fail "np$np 30 generations after a reset differ from the batch run"
done
# A soup is regenerated from its seed: reset, then 9 steps, equals a batch run of 9.
run 1 run --random 0.4 --seed 7 --size 50x40 -g 9 --final "$WORK/soup9.rle"
run 2 run --random 0.4 --seed 7 --size 50x40 --view --final "$WORK/soupreset.rle" \
  --view-script "stop; step 21; key Ctrl+R; step 9; quit"
expect_rc 0 "soup reset"
diff <(grep -v '^#' "$WORK/soup9.rle") <(grep -v '^#' "$WORK/soupreset.rle") >/dev/null && pass ||
  fail "a reset soup run differs from the batch run"
# Refused while --stats records the run: the generation stays.
run 2 run "$GUN" --size 64x48 --view --stats "$WORK/reset.csv" \
  --view-script "stop; step 5; key Ctrl+R; wait 2; print; quit"
expect_rc 0 "reset refused"
grep -q "view: generation=5 " <<<"$OUT" && pass || fail "Ctrl+R with --stats must not reset: $OUT"

# Keys change the view as documented; -g N pauses there; Esc and q quit every rank.
run 2 run "$GUN" --size 64x48 --view --window 640x480 -g 12 \
  --view-script "until 12; wait 3; print; key ]; print; key [; key [; key [; key [; key [; print; key f; print; key h; print; key Escape"
expect_rc 0 "keys and -g pause"
mapfile -t lines <<<"$OUT"
grep -q "generation=12 .*running=0 .*zoom=1:8 " <<<"${lines[0]}" && pass || fail "-g 12 pauses: ${lines[0]}"
grep -q "zoom=1:16 " <<<"${lines[1]:-}" && pass || fail "] zooms in: ${lines[1]:-}"
grep -q "zoom=2:1 .*scale=2" <<<"${lines[2]:-}" && pass || fail "[ [ zooms out to 2:1: ${lines[2]:-}"
grep -q "zoom=1:8 region=0,0,64,48" <<<"${lines[3]:-}" && pass || fail "f fits: ${lines[3]:-}"
grep -q "help=1" <<<"${lines[4]:-}" && pass || fail "h shows help: ${lines[4]:-}"
# The cell under the pointer in Golly's coordinates. A 64x48 torus is centred on 0,0: at 1:8 in
# 640x480 the grid's corner is at pixel (64, 48), so pixel (100, 100) is cell (4, 6) = (-28, -18).
# In an unbounded universe the glider put at Golly 100,200 sits in a 67x67 starting window (a
# margin of 32) drawn at 1:4 from pixel (186, 106): its top-left cell (32, 32) is at (315, 235).
run 2 run "$GUN" --size 64x48 --view --window 640x480 \
  --view-script "stop; move 100,100; print; key F5; move 63,100; print; quit"
expect_rc 0 "cursor on a torus"
mapfile -t lines <<<"$OUT"
grep -q " mode=draw cursor=-28,-18 " <<<"${lines[0]:-}" && pass || fail "cursor -28,-18: ${lines[0]:-}"
grep -q " mode=move cursor=none " <<<"${lines[1]:-}" && pass || fail "F5, off the grid: ${lines[1]:-}"
run 2 run "$SRC/patterns/glider.rle" --at 100,200 --view --window 640x480 \
  --view-script "stop; move 315,235; print; move 319,239; print; quit"
expect_rc 0 "cursor in an unbounded universe"
mapfile -t lines <<<"$OUT"
grep -q " cursor=100,200 " <<<"${lines[0]:-}" && pass || fail "unbounded cursor 100,200: ${lines[0]:-}"
grep -q " cursor=101,201 " <<<"${lines[1]:-}" && pass || fail "unbounded cursor 101,201: ${lines[1]:-}"
run 3 run --random 0.3 --size 300x200 --view --view-script "sleep 0.3; key q"
expect_rc 0 "np3 q quits a running soup"

# Bad input: one message, exit 64, from every rank count.
run 2 run "$GUN" --view --view-script "jump 3"
expect_rc 64 "unknown script command"
expect_one_message "unknown script command"
expect_err "--view-script: 'jump 3': unknown command" "unknown script command"
run 2 run "$GUN" --view --view-script "key Nope"
expect_rc 64 "unknown key"
expect_one_message "unknown key"
run 2 run "$GUN" --window 300x200
expect_rc 64 "--window needs --view"
SDL_VIDEODRIVER=no-such-driver run 2 run "$GUN" --view --view-script quit
expect_rc 64 "no video driver"
expect_one_message "no video driver"
expect_err "viewer: cannot open a window" "no video driver"

# Replay a recording: jump to a frame, step back, and the picture shows that frame.
run 2 run "$GUN" --size 64x48 -g 40 --every 10 --output "$WORK/rec.h5"
expect_rc 0 "record for replay"
run 1 run "$GUN" --size 64x48 -g 20 --final "$WORK/g20.rle"
run 0 view "$WORK/rec.h5" --window 640x480 \
  --view-script "stop; seek 4; wait 2; key Backspace; wait 2; print; screenshot $WORK/replay.bmp; quit"
expect_rc 0 "view recording"
grep -q "view: generation=20 .*running=0 .*frame=3 " <<<"$OUT" && pass || fail "replay frame 3 (of 5, from 1): $OUT"
check_cells "$WORK/replay.bmp" "$WORK/g20.rle" 64 48 8 && pass || fail "replay screenshot pixels"
# A recording of a point per 4x4 cells: 16x12 points of the 64x48 grid fit at 16 pixels a point,
# which is 4 pixels a cell: the zoom is given in cells, the information names the pattern.
run 2 run "$GUN" --size 64x48 -g 10 --every 5 --frame-scale 4 --output "$WORK/scaled.h5"
expect_rc 0 "record a point per 4x4 cells"
run 0 view "$WORK/scaled.h5" --window 640x480 --view-script "stop; key i; print; quit"
expect_rc 0 "view a scaled recording"
grep -q "view: .* zoom=1:4 .* info=1 " <<<"$OUT" && pass || fail "scaled replay zoom 1:4: $OUT"
run 2 view "$WORK/missing.h5" --view-script quit
expect_rc 66 "view a missing file"
expect_one_message "view a missing file"

# A real window: the same screenshot test on an X server (Xvfb), when one can be started.
if command -v Xvfb >/dev/null && start_xvfb 1280x1024x24; then
  trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
  display=${XDISPLAY#:}
  DISPLAY=":$display" SDL_VIDEODRIVER=x11 run 2 run "$GUN" --size 64x48 --view --window 640x480 \
    --view-script "stop; step 30; wait 2; screenshot $WORK/x11.bmp; quit"
  expect_rc 0 "view run on Xvfb"
  check_cells "$WORK/x11.bmp" "$WORK/batch.rle" 64 48 8 && pass || fail "Xvfb screenshot pixels"

  # Real key and mouse events from xdotool (X events, as a user's): the pencil dragged with the
  # button held, Ctrl+Z, Space, Ctrl+R and q, at 2 ranks; the script only stops the run at first.
  if command -v xdotool >/dev/null; then
    # xdo_view FINAL XDOTOOL-STEPS...: a stopped 40x30 glider run in a 400x400 window (cell x,y
    # centred on window pixel 44+8x, 84+8y), driven by the steps, each a list of xdotool
    # arguments run with the window's id for WIN; q at the end.
    xdo_view() {
      local final=$1
      shift
      DISPLAY=":$display" SDL_VIDEODRIVER=x11 timeout 60 mpiexec -n 2 --oversubscribe --bind-to none \
        "$MPILIFE" run "$SRC/patterns/glider.rle" \
        --size 40x30 --at 2,2 --topology plane --view --window 400x400 --final "$final" \
        --view-script stop </dev/null >"$WORK/xdo.out" 2>&1 &
      local job=$! win="" i
      for i in $(seq 100); do
        win=$(DISPLAY=":$display" xdotool search --name '^mpilife' 2>/dev/null | head -1)
        [ -n "$win" ] && DISPLAY=":$display" xdotool getwindowname "$win" 2>/dev/null |
          grep -q stopped && break
        sleep 0.1
      done
      for step in "$@"; do
        # shellcheck disable=SC2086
        DISPLAY=":$display" xdotool ${step//WIN/$win} 2>/dev/null
        sleep 0.2
      done
      DISPLAY=":$display" xdotool key --window "$win" q 2>/dev/null
      wait $job
    }
    at() { echo "$((44 + 8 * $1)) $((84 + 8 * $2))"; }
    xdo_view "$WORK/xdo_draw.rle" \
      "mousemove --window WIN $(at 1 28) mousedown 1 mousemove --window WIN $(at 38 1) mouseup 1" \
      "mousemove --window WIN $(at 0 15) mousedown 1 mousemove --window WIN $(at 39 15) mouseup 1" \
      "key --window WIN ctrl+z" "key --window WIN space"
    [ "$?" = 0 ] && pass || fail "xdotool: pencil, Ctrl+Z, Space: $(cat "$WORK/xdo.out")"
    /usr/bin/python3 - "$WORK/xdo_draw.cells" <<'PY'
import sys
live = {(3, 2), (4, 3), (2, 4), (3, 4), (4, 4)}
# The slant from cell (1, 28) to (38, 1): Bresenham's cells (37 across, 27 up).
x, y, dx, dy, err = 1, 28, 37, -27, 10
while True:
    live.add((x, y))
    if (x, y) == (38, 1):
        break
    e2 = 2 * err
    if e2 >= dy:
        err, x = err + dy, x + 1
    if e2 <= dx:
        err, y = err + dx, y - 1
rows = [["O" if (c, r) in live else "." for c in range(40)] for r in range(30)]
open(sys.argv[1], "w").write("!Name: xdo\n" + "\n".join("".join(r) for r in rows) + "\n")
PY
    run 1 run "$WORK/xdo_draw.cells" --size 40x30 --at 0,0 --topology plane -g 1 \
      --final "$WORK/xdo_want.rle"
    diff <(grep -v '^#' "$WORK/xdo_want.rle") <(grep -v '^#' "$WORK/xdo_draw.rle") >/dev/null &&
      pass || fail "xdotool: the slant drawn (the row undone), one step, differs from the batch run"
    xdo_view "$WORK/xdo_reset.rle" "key --window WIN space space space" \
      "mousemove --window WIN $(at 0 15) mousedown 1 mousemove --window WIN $(at 39 15) mouseup 1" \
      "key --window WIN ctrl+r" "key --window WIN space"
    [ "$?" = 0 ] && pass || fail "xdotool: Ctrl+R: $(cat "$WORK/xdo.out")"
    run 1 run "$SRC/patterns/glider.rle" --size 40x30 --at 2,2 --topology plane -g 1 \
      --final "$WORK/xdo_g1.rle"
    diff <(grep -v '^#' "$WORK/xdo_g1.rle") <(grep -v '^#' "$WORK/xdo_reset.rle") >/dev/null &&
      pass || fail "xdotool: Ctrl+R then Space differs from the glider's generation 1"
    # Select the glider (F4, a drag), Ctrl+C, then Ctrl+V through the X clipboard, r, a click.
    xdo_view "$WORK/xdo_paste.rle" "key --window WIN F4" \
      "mousemove --window WIN $(at 2 2) mousedown 1 mousemove --window WIN $(at 4 4) mouseup 1" \
      "key --window WIN ctrl+c" "key --window WIN F2" "mousemove --window WIN $(at 20 10)" \
      "key --window WIN ctrl+v" "key --window WIN r" "click --window WIN 1" \
      "mousemove --window WIN $(at 30 20)" "key --window WIN ctrl+v" "key --window WIN r r" \
      "click --window WIN 1" "key --window WIN space"
    [ "$?" = 0 ] && pass || fail "xdotool: copy and paste: $(cat "$WORK/xdo.out")"
    diff <(grep -v '^#' "$WORK/pasted.rle") <(grep -v '^#' "$WORK/xdo_paste.rle") >/dev/null &&
      pass || fail "xdotool: a glider copied and pasted turned twice differs from the batch run"
  else
    echo "SKIP: xdotool is not installed: the real key and mouse events are not tested (apt-get install xdotool)"
  fi
else
  echo "SKIP: no X server (Xvfb missing or it did not start): the real window is not tested"
fi
finish
