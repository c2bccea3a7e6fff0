#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed tree on its own: the binary runs an
# installed pattern from another folder after the prefix is moved (nothing read from the source or
# build tree), the man page renders without warnings, the bash completion parses and completes,
# and every long option `mpilife <command> --help` prints is in the man page and the completion
# (a new option fails here until it is documented in docs/man/mpilife.1.in and
# docs/completion/mpilife.bash). Also `bash -n` on the Slurm example of docs/cluster.md.
source "$(dirname "$0")/common.bash"
RC="" OUT="" ERR=""  # fail() prints ERR, which only run() sets
BUILD=$(dirname "$MPILIFE")

if ! cmake --install "$BUILD" --prefix "$WORK/staged" >"$WORK/install.log" 2>&1; then
  cat "$WORK/install.log"
  echo "FAIL: cmake --install"
  exit 1
fi
# Move the prefix: the installed binary may depend neither on the build tree nor on where it was
# installed.
mv "$WORK/staged" "$WORK/prefix"
P=$WORK/prefix
for f in bin/mpilife share/mpilife/patterns/glider.rle share/mpilife/patterns/gosper-glider-gun.rle \
  share/man/man1/mpilife.1 share/bash-completion/completions/mpilife share/doc/mpilife/README.md \
  share/doc/mpilife/cluster.md share/doc/mpilife/examples/mpilife.sbatch; do
  [ -f "$P/$f" ] && pass || fail "not installed: $f"
done
[ -x "$P/bin/mpilife" ] && pass || fail "bin/mpilife is not executable"
if [ "${#SRC}" -ge 8 ] && strings "$P/bin/mpilife" | grep -qF -- "$SRC"; then
  fail "the installed binary names the source tree $SRC"
else
  pass
fi

# The installed binary on an installed pattern, from a folder that is neither tree. A glider on a
# 16x16 torus is back where it started after 64 generations (4 per cell, 16 cells) and elsewhere
# after 4; 5 cells throughout.
mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere" || exit 1
MPILIFE=$P/bin/mpilife
GLIDER=$P/share/mpilife/patterns/glider.rle
run 2 run "$GLIDER" --size 16x16 -g 0 --final g0.rle -q
expect_rc 0 "installed binary, -g 0"
run 2 run "$GLIDER" --size 16x16 -g 4 --final g4.rle --stats g4.csv -q
expect_rc 0 "installed binary, -g 4"
run 2 run "$GLIDER" --size 16x16 -g 64 --final g64.rle -q
expect_rc 0 "installed binary, -g 64"
body() { grep -v '^#' "$1"; }
[ -s g0.rle ] && diff <(body g0.rle) <(body g64.rle) >/dev/null && pass ||
  fail "installed binary: the glider is not back after 64 generations on a 16x16 torus"
diff <(body g0.rle) <(body g4.rle) >/dev/null && fail "installed binary: the glider did not move" ||
  pass
[ "$(tail -1 g4.csv)" = "4,5" ] && pass || fail "installed binary: population at 4 is not 5"
run 0 --version
expect_rc 0 "installed --version"
grep -q "^mpilife " <<<"$OUT" && pass || fail "installed --version prints no version"

# The man page renders without warnings (groff -ww), and man -l shows it.
PAGE=$P/share/man/man1/mpilife.1
if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z -Tutf8 "$PAGE" 2>&1)
  [ -z "$warnings" ] && pass || fail "groff warnings on mpilife.1: $warnings"
else
  echo "SKIP: groff is missing (apt-get install groff-base): the man page is not rendered"
fi
if command -v man >/dev/null; then
  rendered=$(MANWIDTH=80 man -l "$PAGE" 2>"$WORK/man.err")
  [ ! -s "$WORK/man.err" ] && pass || fail "man -l mpilife.1 warns: $(head -3 "$WORK/man.err")"
  grep -q "Game of Life" <<<"$rendered" && pass || fail "man -l mpilife.1 shows no NAME"
  grep -q "EXIT STATUS" <<<"$rendered" && pass || fail "man -l mpilife.1 shows no EXIT STATUS"
else
  echo "SKIP: man is missing (apt-get install man-db): man -l not tried"
fi

# Every long option of every command's --help is in the man page and in the completion.
MAN_TEXT=$(sed 's/\\-/-/g' "$PAGE")
COMPLETION=$P/share/bash-completion/completions/mpilife
for sub in "" run view info export census; do
  # shellcheck disable=SC2086
  "$MPILIFE" $sub --help >"$WORK/help" 2>&1 || fail "mpilife $sub --help exits non-zero"
  options=$(grep -E '^ +-' "$WORK/help" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
  [ -n "$options" ] && pass || fail "mpilife $sub --help lists no long options"
  for opt in $options; do
    grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" <<<"$MAN_TEXT" && pass ||
      fail "mpilife $sub: $opt is missing from the man page (docs/man/mpilife.1.in)"
    grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" "$COMPLETION" && pass ||
      fail "mpilife $sub: $opt is missing from the completion (docs/completion/mpilife.bash)"
  done
  [ -z "$sub" ] && continue
  grep -qE "^\.B $sub\$" "$PAGE" && pass || fail "the man page does not describe the command $sub"
done

# The completion parses and completes commands, options, option values and file names.
bash -n "$COMPLETION" && pass || fail "bash -n on the completion"
cp "$GLIDER" "$WORK/elsewhere/glider-copy.rle"
: >"$WORK/elsewhere/notes.txt"
complete_words() {
  bash -c 'source "$1"; shift; complete -p mpilife >/dev/null || exit 9
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mpilife; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$COMPLETION" "$@"
}
[ "$(complete_words mpilife ru)" = run ] && pass || fail "completion: mpilife ru<TAB>"
[ "$(complete_words mpilife run --top)" = --topology ] && pass ||
  fail "completion: mpilife run --top<TAB> gave '$(complete_words mpilife run --top)'"
[ "$(complete_words mpilife run --topology p)" = plane ] && pass ||
  fail "completion: --topology p<TAB>"
[ "$(complete_words mpilife run --io p)" = parallel ] && pass || fail "completion: --io p<TAB>"
[ "$(complete_words mpilife run --kernel r)" = reference ] && pass ||
  fail "completion: --kernel r<TAB>"
[ "$(complete_words mpilife run --decomp 1)" = 1d ] && pass || fail "completion: --decomp 1<TAB>"
[ "$(complete_words mpilife export x.h5 --fr)" = --frame ] && pass ||
  fail "completion: export --fr<TAB>"
[ "$(complete_words mpilife run gl)" = glider-copy.rle ] && pass ||
  fail "completion: run gl<TAB> gave '$(complete_words mpilife run gl)' (patterns only)"
[ -z "$(complete_words mpilife run no)" ] && pass || fail "completion: run no<TAB> offers notes.txt"

# The Slurm example of docs/cluster.md parses.
bash -n "$SRC/docs/examples/mpilife.sbatch" && pass || fail "bash -n docs/examples/mpilife.sbatch"
finish
