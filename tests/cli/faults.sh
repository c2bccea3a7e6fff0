#!/usr/bin/env bash
# Fault tests: a long run on 2 ranks stopped by SIGTERM, SIGINT (one rank only), SIGUSR1 (to the
# ranks, and to mpiexec, which forwards it), --max-time, and SIGKILL of one rank. Each case checks
# the exit code (130, 75; non-zero for SIGKILL), that every process is gone within seconds, and
# the files: h5py opens the checkpoint and the recording, --stats holds every generation from 0 up
# to where the run stopped (equal to an uninterrupted run's rows), --summary names the stop
# reason, and a restart from the checkpoint on 3 ranks ends with a --final bit-identical to an
# uninterrupted run's. Prints the fault table at the end.
source "$(dirname "$0")/common.bash"
PY=/usr/bin/python3
RUN=(--random 0.35 --seed 5 --size 512x512 --decomp 1d -q)
OUTS=(--checkpoint ck.h5 --checkpoint-every 500 --stats s.csv --summary s.json --output rec.h5
  --every 2000 --final f.rle)
TABLE=()

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# mpiexec NP ARGS... in the current folder, under a timeout.
launch() {
  local np=$1
  shift
  timeout 60 mpiexec -n "$np" --oversubscribe --bind-to none "$MPILIFE" "$@"
}

# The PIDs of the ranks running in folder $1 (their command line starts with the binary).
rank_pids() {
  local pid
  for pid in $(pgrep -f "^$MPILIFE run"); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$1" ] && echo "$pid"
  done
}

# Waits until the run in folder $1 has streamed $2 rows of --stats (at most 30 s).
wait_rows() {
  for _ in $(seq 300); do
    [ -f "$1/s.csv" ] && [ "$(wc -l <"$1/s.csv")" -gt "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# Waits until file $1 exists (at most 30 s).
wait_file() {
  for _ in $(seq 300); do
    [ -e "$1" ] && return 0
    sleep 0.1
  done
}

# What the files of folder $1 hold, checked with h5py: prints "ckgen rows frames status".
inspect() {
  "$PY" - "$1" <<'PY'
import csv, h5py, sys
d = sys.argv[1]
with h5py.File(f"{d}/ck.h5", "r") as f:
    ck = int(f.attrs["generation"])
    assert f["grid"].shape == (512, 512), f["grid"].shape
    assert int(f["grid"][()].sum()) == int(f.attrs["population"]), "checkpoint population"
with h5py.File(f"{d}/rec.h5", "r") as f:
    frames = f["frames"].shape[0]
    status = f.attrs["status"]
    status = status.decode() if isinstance(status, bytes) else str(status)
    assert f["generations"].shape[0] >= frames and f["population"].shape[0] >= frames
    pop = f["population"][()]
    for i in range(frames):
        assert int(f["frames"][i].sum()) == int(pop[i]), f"frame {i} is not whole"
rows = list(csv.reader(open(f"{d}/s.csv")))
assert rows[0] == ["generation", "population"], rows[0]
gens = [int(r[0]) for r in rows[1:]]
assert gens == list(range(len(gens))), "stats rows are not 0, 1, 2, ..."
print(ck, len(gens) - 1, frames, status)
PY
}

# check_case NAME SIGNAL EXPECTED_RC STOPPED : after the run in $D ended with RC in SECS seconds.
check_case() {
  local name=$1 sig=$2 code=$3 stopped=$4
  if [ "$code" = nonzero ]; then
    if [ "$RC" != 0 ] && [ "$RC" != 124 ]; then pass; else fail "$name: exit $RC, expected non-zero"; fi
  else
    expect_rc "$code" "$name"
  fi
  if awk -v s="$SECS" 'BEGIN { exit !(s < 10) }'; then pass; else fail "$name: took $SECS s to exit"; fi
  if [ -z "$(rank_pids "$D")" ]; then pass; else fail "$name: ranks still running"; fi
  local facts
  if ! facts=$(inspect "$D" 2>&1); then
    fail "$name: files: $facts"
    return
  fi
  pass
  read -r ckgen last frames status <<<"$facts"
  local summary="-"
  if [ -n "$stopped" ]; then
    summary=$(grep -o '"stopped": "[a-z-]*"' "$D/s.json" | cut -d'"' -f4)
    [ "$summary" = "$stopped" ] && pass || fail "$name: summary says stopped '$summary'"
    [ "$ckgen" = "$last" ] && pass || fail "$name: checkpoint at $ckgen, stats end at $last"
    grep -q "^#C generation $last " "$D/f.rle" && pass || fail "$name: --final is not generation $last"
  fi
  # An uninterrupted run to 40 generations past the checkpoint (and the last row of --stats,
  # which runs ahead of the last checkpoint after SIGKILL), and the restart on 3 ranks.
  local target=$((ckgen > last ? ckgen + 40 : last + 40))
  mkdir -p "$D/ref"
  (cd "$D/ref" && launch 2 run "${RUN[@]}" -g "$target" --stats ref.csv --final ref.rle) \
    >/dev/null 2>&1
  (cd "$D" && launch 3 run --restart ck.h5 -g "$target" -q --final restart.rle) >/dev/null 2>&1
  if cmp -s <(grep -v '^#' "$D/ref/ref.rle") <(grep -v '^#' "$D/restart.rle"); then pass; else
    fail "$name: restart from generation $ckgen differs from the uninterrupted run"
  fi
  if [ "$(head -n "$((last + 2))" "$D/ref/ref.csv")" = "$(cat "$D/s.csv")" ]; then pass; else
    fail "$name: --stats rows differ from the uninterrupted run's"
  fi
  local leftovers
  leftovers=$(cd "$D" && ls -- *.tmp* 2>/dev/null | tr '\n' ' ')
  TABLE+=("$(printf '%-22s %5s %6s   ck gen %-6s stats 0..%-6s frames %-3s status %-11s summary %s%s' \
    "$sig" "$RC" "$SECS" "$ckgen" "$last" "$frames" "$status" "$summary" \
    "${leftovers:+  left: $leftovers}")")
}

# run_case NAME SIGNAL-LABEL EXPECTED_RC STOPPED HOW [EXTRA-ARGS...] : HOW is a shell snippet run
# once the run streams rows ($RANKS = rank PIDs, $LAUNCHER = the mpiexec PID).
run_case() {
  local name=$1 label=$2 code=$3 stopped=$4 how=$5
  shift 5
  D=$WORK/$name
  mkdir -p "$D"
  (cd "$D" && exec timeout 60 mpiexec -n 2 --oversubscribe --bind-to none "$MPILIFE" run \
    "${RUN[@]}" -g 100000000 "${OUTS[@]}" "$@" >out 2>err) &
  local job=$!
  local t0
  t0=$(now)
  if [ -n "$how" ] && ! wait_rows "$D" 600; then
    fail "$name: the run never started"
    kill -- "$job" 2>/dev/null
    wait "$job"
    return
  fi
  RANKS=$(rank_pids "$D" | tr '\n' ' ')
  LAUNCHER=$(pgrep -P "$job" -f "^mpiexec")
  [ -n "$how" ] && t0=$(now) && eval "$how"
  wait "$job"
  RC=$?
  SECS=$(seconds_since "$t0")
  ERR=$(cat "$D/err")
  check_case "$name" "$label" "$code" "$stopped"
}

run_case term "SIGTERM to the ranks" 130 interrupted 'kill -TERM $RANKS'
run_case int "SIGINT to one rank" 130 interrupted 'kill -INT ${RANKS%% *}'
run_case usr1 "SIGUSR1 to the ranks" 75 time-limit 'kill -USR1 $RANKS'
run_case usr1-mpiexec "SIGUSR1 to mpiexec" 75 time-limit 'kill -USR1 $LAUNCHER'
run_case maxtime "--max-time 2s" 75 time-limit '' --max-time 2s
grep -q 'stopped by --max-time' "$WORK/maxtime/err" && pass || fail "max-time: no stop note"
run_case kill "SIGKILL to one rank" nonzero '' 'wait_file "$D/ck.h5"; kill -KILL ${RANKS%% *}'

# The viewer. Without a screen (DISPLAY and WAYLAND_DISPLAY unset, no SDL_VIDEODRIVER, no script)
# SDL would pick its invisible offscreen driver and the run would never end: refused with 64
# before any output is written, by run --view and by view alike.
NOSCREEN=(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER)
mkdir -p "$WORK/noscreen"
cd "$WORK/noscreen" || exit 1
"${NOSCREEN[@]}" timeout 60 mpiexec -n 3 --oversubscribe --bind-to none "$MPILIFE" run \
  "$SRC/patterns/glider.rle" --view --stats s.csv --output r.h5 --final f.rle >/dev/null 2>"$WORK/err"
RC=$?
ERR=$(cat "$WORK/err")
if grep -q 'built without the SDL2 viewer' <<<"$ERR"; then
  echo "faults: no SDL2 viewer in this build; viewer cases skipped"
else
  expect_rc 64 "run --view without a screen"
  expect_err 'viewer: no screen to show a window on .*set DISPLAY' "run --view without a screen"
  expect_one_message "run --view without a screen"
  [ -z "$(ls -A)" ] && pass || fail "run --view without a screen left files: $(ls -A)"
  run 0 view "$WORK/term/rec.h5"
  expect_rc 64 "view without a screen"
  expect_err 'no screen to show a window on' "view without a screen"
  # Losing the X server (xkill, a dropped ssh -X) quits like q: exit 0 and every output written.
  if command -v Xvfb >/dev/null && start_xvfb 800x600x24; then
    display=${XDISPLAY#:}
    D=$WORK/xlost
    mkdir -p "$D"
    (cd "$D" && DISPLAY=":$display" exec timeout 60 mpiexec -n 2 --oversubscribe --bind-to none \
      "$MPILIFE" run "${RUN[@]}" -g 100000000 "${OUTS[@]}" --view >out 2>err) &
    job=$!
    wait_rows "$D" 20 || fail "xlost: the viewer never ran"
    t0=$(now)
    kill "$XVFB"
    wait "$job"
    RC=$?
    SECS=$(seconds_since "$t0")
    ERR=$(cat "$D/err")
    expect_err 'lost the connection to the display' "xlost"
    check_case xlost "X server killed (--view)" 0 completed
  else
    echo "faults: no Xvfb (or it did not start); the lost X connection case is skipped"
  fi
fi

echo "fault                   exit   secs   files"
printf '%s\n' "${TABLE[@]}"
finish
