#!/usr/bin/env bash
# The fast kernel's instruction sets (issue 10 item 4): --version lists them; MPMD runs whose
# ranks use different --isa values end with a --final bit-identical to a single-rank run (1d and
# 2d decompositions, torus and plane), and --summary and the HDF5 kernel_isa attribute name the
# mix; an instruction set this CPU or binary lacks, asked for by any rank, is refused with exit 64
# and one message naming what the CPU supports. An ISA this CPU lacks is skipped with a message.
source "$(dirname "$0")/common.bash"
cd "$WORK" || exit 1

run 0 --version
expect_rc 0 "--version"
expect_err '' "--version"
grep -Eq '^fast kernel instruction sets: .*portable$' <<<"$OUT" && pass ||
  fail "--version lacks the compiled instruction sets: $OUT"
grep -Eq '^this CPU supports: .*portable; --isa auto picks [a-z0-9]+$' <<<"$OUT" && pass ||
  fail "--version lacks what this CPU supports: $OUT"
COMPILED=$(sed -n 's/^fast kernel instruction sets: //p' <<<"$OUT")
SUPPORTED=$(sed -n 's/^this CPU supports: \(.*\);.*/\1/p' <<<"$OUT" | tr -d ',')
BEST=$(sed -n 's/.*--isa auto picks //p' <<<"$OUT")
echo "compiled: $COMPILED; this CPU: $SUPPORTED; auto: $BEST"

# The ranks' instruction sets, in the issue's order, those this CPU runs.
ISAS=()
for isa in avx512vbmi2 portable avx512 avx2; do
  if grep -qw "$isa" <<<"$SUPPORTED"; then
    ISAS+=("$isa")
  else
    echo "SKIP --isa $isa: this CPU or binary lacks it (compiled: $COMPILED; CPU: $SUPPORTED)"
  fi
done

# mpmd NP ARGS... : NP ranks, rank i with --isa ISAS[i % n], all in one MPMD mpiexec.
mpmd() {
  local np=$1
  shift
  local cmd=(timeout 120 mpiexec --oversubscribe --bind-to none)
  for ((i = 0; i < np; i++)); do
    [ "$i" -gt 0 ] && cmd+=(:)
    cmd+=(-n 1 "$MPILIFE" "$@" --isa "${ISAS[i % ${#ISAS[@]}]}")
  done
  "${cmd[@]}" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  ERR=$(cat "$WORK/err")
}

# The distinct ISAs of NP ranks, best first, comma-separated (what --summary reports).
expected_mix() {
  local np=$1 out="" isa i
  for isa in native avx512vbmi2 avx512 avx2 portable; do
    for ((i = 0; i < np && i < ${#ISAS[@]}; i++)); do
      if [ "${ISAS[i]}" = "$isa" ]; then
        out+="${out:+,}$isa"
        break
      fi
    done
  done
  echo "$out"
}

SOUP=(--random 0.4 --seed 3 --size 203x157 -g 60 -q)
for topology in torus plane; do
  run 0 run "${SOUP[@]}" --topology "$topology" --isa portable --final "one-$topology.rle"
  expect_rc 0 "single rank, $topology"
  for layout in "3 1d" "4 2d" "4 1x4" "6 3x2"; do
    read -r np decomp <<<"$layout"
    what="MPMD $np ranks --decomp $decomp $topology ($(expected_mix "$np"))"
    mpmd "$np" run "${SOUP[@]}" --topology "$topology" --decomp "$decomp" \
      --final mix.rle --summary mix.json --force
    expect_rc 0 "$what"
    if cmp -s "one-$topology.rle" mix.rle; then pass; else fail "$what: --final differs"; fi
    isa=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kernel_isa"])' \
      mix.json 2>/dev/null)
    if [ "$isa" = "$(expected_mix "$np")" ]; then pass; else
      fail "$what: summary kernel_isa '$isa', expected '$(expected_mix "$np")'"
    fi
  done
done

# A glider through the point where four tiles of different ISAs meet, on a 2x2 plane.
run 0 run "$SRC/patterns/glider.rle" --size 130x130 --at 60,60 --topology plane -g 40 \
  --final glider-one.rle -q
expect_rc 0 "glider, one rank"
mpmd 4 run "$SRC/patterns/glider.rle" --size 130x130 --at 60,60 --topology plane -g 40 \
  --decomp 2x2 --final glider-mix.rle -q
expect_rc 0 "glider, MPMD 2x2"
if cmp -s glider-one.rle glider-mix.rle; then pass; else fail "glider MPMD 2x2: --final differs"; fi

# The HDF5 recording's kernel_isa attribute names the mix.
mpmd 3 run "${SOUP[@]}" --output rec.h5 --every 30
expect_rc 0 "MPMD --output"
run 0 info rec.h5
if grep -q "($(expected_mix 3))" <<<"$OUT"; then pass; else
  fail "info rec.h5 lacks kernel_isa ($(expected_mix 3)): $OUT"
fi
run 0 run "${SOUP[@]}" --summary auto.json
isa=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kernel_isa"])' \
  auto.json 2>/dev/null)
if [ "$isa" = "$BEST" ]; then pass; else fail "--isa auto ran '$isa', --version said $BEST"; fi

# Refusals: a bad value on a rank other than 0, and an ISA this CPU or binary lacks (if any).
timeout 60 mpiexec --oversubscribe --bind-to none -n 1 "$MPILIFE" run "${SOUP[@]}" : \
  -n 1 "$MPILIFE" run "${SOUP[@]}" --isa sse9 >"$WORK/out" 2>"$WORK/err"
RC=$?
ERR=$(cat "$WORK/err")
expect_rc 64 "rank 1 --isa sse9"
expect_err "^mpilife: rank 1: --isa: unknown value 'sse9'" "rank 1 --isa sse9"
expect_one_message "rank 1 --isa sse9"
LACKING=""
for isa in avx512vbmi2 avx512 avx2 native; do
  grep -qw "$isa" <<<"$SUPPORTED" || { LACKING=$isa; break; }
done
if [ -z "$LACKING" ]; then
  echo "SKIP unsupported --isa: this CPU runs every instruction set of this binary and native is built in"
else
  for np in 0 3; do
    run "$np" run "${SOUP[@]}" --isa "$LACKING"
    expect_rc 64 "--isa $LACKING on $np ranks"
    expect_err "^mpilife: --isa $LACKING: .*this CPU supports $(sed 's/ /, /g' <<<"$SUPPORTED")" \
      "--isa $LACKING on $np ranks"
    expect_one_message "--isa $LACKING on $np ranks"
  done
  timeout 60 mpiexec --oversubscribe --bind-to none -n 2 "$MPILIFE" run "${SOUP[@]}" : \
    -n 1 "$MPILIFE" run "${SOUP[@]}" --isa "$LACKING" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  ERR=$(cat "$WORK/err")
  expect_rc 64 "rank 2 --isa $LACKING"
  expect_err "^mpilife: rank 2: --isa $LACKING: " "rank 2 --isa $LACKING"
  expect_one_message "rank 2 --isa $LACKING"
fi
finish
