#!/usr/bin/env bash
# Table-driven bad inputs: every row of tests/cli/bad_inputs/*.tsv runs at 1 and 3 ranks in a fresh
# folder and must give the documented exit code, exactly one "mpilife:" line from rank 0 matching
# the row's message, no crash output (backtrace, abort, MPI error dump), no hang (timeout), and
# leave the folder exactly as the row's setup made it (nothing created, replaced or deleted).
#
# Row format (tab-separated; lines starting with # are comments):
#   name    exit-code    message-regex (grep -E)    setup (bash, run in the folder, or -)    args
# `args` is evaluated by bash after the setup, with $PAT = the pattern library, $DATA =
# tests/data; the folder is the current directory. Optional env: BAD_INPUTS_ONLY=regex on names,
# BAD_INPUTS_RANKS="1 3", BAD_INPUTS_TABLE=name (one table; ctest runs each table as its own test).
source "$(dirname "$0")/common.bash"
# Every row exits non-zero on purpose; Open MPI's launcher then waits for a grace period
# (odls_base_sigkill_timeout, 1 s twice) before it reaps the job. The ranks have already agreed and
# are exiting, so the grace period only costs time here.
export OMPI_MCA_odls_base_sigkill_timeout=0
PAT=$SRC/patterns
DATA=$SRC/tests/data
CASES=0

# The folder's state: type, size, content hash and link target of every entry.
snapshot() {
  (cd "$1" && find . -mindepth 1 -printf '%y %p %s %l\n' | sort &&
    find . -type f -exec md5sum {} + 2>/dev/null | sort)
}

run_row() {
  local np=$1 name=$2 code=$3 regex=$4 setup=$5 args=$6
  local dir
  dir=$(mktemp -d "$WORK/case.XXXXXX")
  (cd "$dir" && { [ "$setup" = - ] || bash -c "$setup"; }) || {
    fail "np$np $name: setup failed"
    return
  }
  local before
  before=$(snapshot "$dir")
  local -a argv
  eval "argv=($args)"
  if [ "$np" = 0 ]; then
    (cd "$dir" && timeout 60 "$MPILIFE" "${argv[@]}" </dev/null >"$WORK/out" 2>"$WORK/err")
  else
    (cd "$dir" && timeout 60 mpiexec -n "$np" --oversubscribe --bind-to none "$MPILIFE" \
      "${argv[@]}" </dev/null >"$WORK/out" 2>"$WORK/err")
  fi
  RC=$?
  ERR=$(cat "$WORK/err")
  CASES=$((CASES + 1))
  expect_rc "$code" "np$np $name"
  expect_err "$regex" "np$np $name"
  expect_one_message "np$np $name"
  if grep -Eq 'terminate called|Aborted|backtrace|Segmentation|core dumped|MPI_ABORT|\*\*\* ' \
    <<<"$ERR"; then
    fail "np$np $name: crash output on stderr"
  else
    pass
  fi
  if [ "$(snapshot "$dir")" = "$before" ]; then pass; else
    fail "np$np $name: the folder changed"
    diff <(echo "$before") <(snapshot "$dir") | head -5
  fi
  rm -rf "$dir"
}

for table in "$SRC"/tests/cli/bad_inputs/${BAD_INPUTS_TABLE:-*}.tsv; do
  while IFS=$'\t' read -r name code regex setup args; do
    [ -z "$name" ] && continue
    case $name in \#*) continue ;; esac
    if [ -n "${BAD_INPUTS_ONLY:-}" ] && ! grep -Eq -- "$BAD_INPUTS_ONLY" <<<"$name"; then continue; fi
    for np in ${BAD_INPUTS_RANKS:-1 3}; do run_row "$np" "$name" "$code" "$regex" "$setup" "$args"; done
  done <"$table"
done
echo "bad inputs: $CASES runs"
[ "$CASES" -gt 0 ] || fail "no rows found in tests/cli/bad_inputs/*.tsv"
finish
