# Shared helpers for the command-line tests: source it with the mpilife binary and source dir.
set -uo pipefail
MPILIFE=$1
SRC=$2
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
PASSES=0

# run NP ARGS... : runs mpilife on NP ranks (NP=0: without mpiexec); sets RC, OUT, ERR.
run() {
  local np=$1
  shift
  if [ "$np" = 0 ]; then
    timeout 120 "$MPILIFE" "$@" >"$WORK/out" 2>"$WORK/err"
  else
    timeout 120 mpiexec -n "$np" --oversubscribe --bind-to none "$MPILIFE" "$@" >"$WORK/out" 2>"$WORK/err"
  fi
  RC=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
}

pass() { PASSES=$((PASSES + 1)); }
fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL: $*"
  echo "  stderr was: $ERR" | head -5
}

# expect_rc CODE WHAT : checks the last run's exit code.
expect_rc() { if [ "$RC" = "$1" ]; then pass; else fail "$2: exit $RC, expected $1"; fi; }

# expect_err REGEX WHAT : checks stderr matches.
expect_err() { if grep -Eq -- "$1" <<<"$ERR"; then pass; else fail "$2: stderr lacks /$1/"; fi; }

# expect_one_message WHAT : exactly one "mpilife:" error line on stderr (not one per rank).
expect_one_message() {
  local n
  n=$(grep -c '^mpilife: ' <<<"$ERR")
  if [ "$n" = 1 ]; then pass; else fail "$1: $n 'mpilife:' lines on stderr, expected 1"; fi
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" = 0 ]
}

# start_xvfb SCREEN: starts an X server (Xvfb, screen WxHxD) on a display number it picks itself
# (-displayfd: no race with other tests starting one) and waits until it accepts connections, up
# to 30 s; sets XDISPLAY (":N") and XVFB (its pid). Returns 1 if it does not come up.
start_xvfb() {
  local fd_file
  fd_file=$(mktemp "$WORK/xvfb.XXXXXX")
  Xvfb -displayfd 3 -screen 0 "$1" -nolisten tcp 3>"$fd_file" >/dev/null 2>&1 &
  XVFB=$!
  for _ in $(seq 300); do
    [ -s "$fd_file" ] && break
    kill -0 "$XVFB" 2>/dev/null || return 1
    sleep 0.1
  done
  [ -s "$fd_file" ] || return 1
  XDISPLAY=":$(head -1 "$fd_file")"
}

