# bash completion for mpilife; installed as share/bash-completion/completions/mpilife.
# tests/cli/install.sh checks that every long option printed by `mpilife <command> --help` is
# listed here. One more option: add it to its command's list below (and, if it takes one of a
# few values, a case in _mpilife_values).

_mpilife_commands="run view info export census"
_mpilife_global="--help --help-all --version"
_mpilife_run="--help --help-all --generations --size --rule --topology --max-cells --random --seed --at --decomp --kernel --isa
  --halo-depth --time-block
  --final --stats --summary --stop-when-stable --quiet --progress --output --every --frame-scale
  --io --checkpoint --checkpoint-every --restart --force --compression --view --window
  --view-script --max-time"
_mpilife_view="--help --help-all --window --view-script"
_mpilife_info="--help --help-all"
_mpilife_export="--help --help-all --frame --out"
_mpilife_census="--help --help-all --soups --seed --rule --csv --json --chunk --show-soup --samples
  --rare --quiet --force"

# Completes the value of option $1 from the current word $2; returns 1 when $1 takes no value.
_mpilife_values() {
  local opt=$1 cur=$2
  case $opt in
    --topology) COMPREPLY=($(compgen -W "torus plane unbounded" -- "$cur")) ;;
    --decomp) COMPREPLY=($(compgen -W "1d 2d" -- "$cur")) ;;  # or CxR, e.g. 4x2
    --kernel) COMPREPLY=($(compgen -W "fast reference" -- "$cur")) ;;
    --isa) COMPREPLY=($(compgen -W "auto avx512vbmi2 avx512 avx2 portable native" -- "$cur")) ;;
    --io) COMPREPLY=($(compgen -W "gather parallel auto" -- "$cur")) ;;
    --compression) COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9" -- "$cur")) ;;
    --rule) COMPREPLY=($(compgen -W "B3/S23 B36/S23 B3678/S34678 B2/S B1357/S1357" -- "$cur")) ;;
    --final | --out) _mpilife_files '@(rle)' "$cur" ;;
    --stats | --csv) _mpilife_files '@(csv)' "$cur" ;;
    --summary | --json) _mpilife_files '@(json)' "$cur" ;;
    --output | --checkpoint | --restart) _mpilife_files '@(h5)' "$cur" ;;
    --view-script) _mpilife_files '' "$cur" ;;
    --samples) COMPREPLY=($(compgen -d -- "$cur")) ;;
    --generations | -g | --size | --random | --seed | --at | --max-cells | --progress | --every | \
      --frame-scale | \
      --checkpoint-every | --window | --max-time | --frame | --soups | --seed | --chunk | \
      --show-soup | --rare)
      COMPREPLY=() ;;  # a number or a free-form value
    *) return 1 ;;
  esac
  return 0
}

# File names ending in the extglob $1 (any file when empty), and directories, matching $2.
_mpilife_files() {
  local IFS=$'\n' f
  COMPREPLY=()
  for f in $(compgen -d -- "$2"); do COMPREPLY+=("$f/"); done
  if [ -n "$1" ]; then
    local old_extglob
    old_extglob=$(shopt -p extglob)
    shopt -s extglob
    for f in $(compgen -f -X "!*.$1" -- "$2"); do [ -d "$f" ] || COMPREPLY+=("$f"); done
    eval "$old_extglob"
  else
    for f in $(compgen -f -- "$2"); do [ -d "$f" ] || COMPREPLY+=("$f"); done
  fi
  compopt -o nospace -o filenames 2>/dev/null
}

_mpilife() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      run | view | info | export | census) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "$_mpilife_commands $_mpilife_global" -- "$cur"))
    return
  fi
  # --option=value: bash splits it into --option, = and value.
  if [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 2 ]; then prev=${COMP_WORDS[COMP_CWORD - 2]}; fi
  if [ "$cur" = "=" ]; then cur=""; fi
  if [ "$COMP_CWORD" -gt 1 ] && _mpilife_values "$prev" "$cur"; then return; fi
  if [[ $cur == -* ]]; then
    local options=_mpilife_$cmd
    COMPREPLY=($(compgen -W "${!options}" -- "$cur"))
    return
  fi
  case $cmd in
    run) _mpilife_files '@(rle|cells|lif|life)' "$cur" ;;
    view | info | export) _mpilife_files '@(h5)' "$cur" ;;
    census) _mpilife_files '@(rle|cells|lif|life|mc|mcl|gz)' "$cur" ;;
  esac
}
complete -F _mpilife mpilife
