# loop_ops.awk: counts the instructions of the hot loop of one function by class, from
#   objdump -d --no-show-raw-insn --start-address=START --stop-address=END BINARY
# (AT&T syntax; bench/limits.sh runs it on step_row_conway of each instruction set). The loop is
# the backward branch inside the function spanning the most instructions; its body is every
# instruction from the branch's target to the branch. Prints one line:
#   lanes=L body=N logic=N shift=N load=N folded=N store=N move=N other=N scalar=N outside=N
# lanes: 64-bit words per vector register the body uses (zmm 8, ymm 4, xmm 2);
# logic: and/andn/or/xor/ternlog; shift: shifts, funnel shifts, permutes, shuffles, aligns;
# load: vector loads (moves from memory); folded: memory operands folded into logic/shift ops
# (each one more load micro-op); store: vector stores; move: vector register-to-register moves
# (no work; may be eliminated at rename but take a dispatch slot); other: any other vector op;
# scalar: integer and branch instructions (the loop's counter, its test and branch);
# outside: the instructions from the function's entry to its first ret not in the body (the
# work done once per row: the first and last vector, the lanes moved across), nops excluded.
function hex(s,    v, i) {  # (mawk has no strtonum)
  v = 0
  for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
  return v
}
function is_vec_move(m) { return m ~ /^v?mov(dq[au](8|16|32|64)?|ap[sd]|up[sd])$/ }
function width(ops) {
  if (ops ~ /%zmm/) return 8
  if (ops ~ /%ymm/) return 4
  if (ops ~ /%xmm/) return 2
  return 0
}
{
  if (!match($0, /^ *[0-9a-f]+:\t/)) next
  line = substr($0, RSTART, RLENGTH - 2); gsub(/ /, "", line)
  addr = hex(line)
  rest = substr($0, RSTART + RLENGTH)
  sub(/ *<.*$/, "", rest)  # symbolic target
  mnem = rest; sub(/ .*/, "", mnem)
  ops = rest; sub(/^[^ ]+ */, "", ops)
  if (mnem ~ /^nop/ || mnem == "") next
  n++
  A[n] = addr; M[n] = mnem; O[n] = ops
  if (!first_ret && mnem == "ret") first_ret = n
  if (mnem ~ /^j/ && ops ~ /^[0-9a-f]+$/) {
    target = hex(ops)
    if (target < addr) { JT[n] = target }
  }
}
END {
  best_from = 0; best_to = 0
  for (j in JT) {
    from = 0
    for (i = 1; i <= n; i++) if (A[i] == JT[j]) { from = i; break }
    if (from && j - from > best_to - best_from) { best_from = from; best_to = j + 0 }
  }
  if (!best_to) { print "no loop found" > "/dev/stderr"; exit 1 }
  lanes = 0
  for (i = best_from; i <= best_to; i++) {
    m = M[i]; o = O[i]
    w = width(o); if (w > lanes) lanes = w
    if (is_vec_move(m)) {
      if (o ~ /\(.*,%[xyz]mm/) load++
      else if (o ~ /,.*\(/) store++
      else move++
    } else if (o ~ /%[xyz]mm/ && (m ~ /^v?p?(and|andn|or|xor)(p[sd]|[dq])?$/ || m ~ /^vpternlog/)) {
      logic++
      if (o ~ /\(/) folded++
    } else if (o ~ /%[xyz]mm/ && m ~ /^v?(ps[lr][la]|psh[lr]d|perm|palignr|align|pshuf|shuf|punpck|unpck|insert|extract|pbroadcast|broadcast|pblend|blend)/) {
      shift++
      if (o ~ /\(/) folded++
    } else if (m ~ /^v/ || o ~ /%[xyz]mm/) {
      other++
      if (o ~ /\(/) folded++
    } else {
      scalar++
    }
  }
  body = best_to - best_from + 1
  outside = (first_ret ? first_ret : n) - body
  printf "lanes=%d body=%d logic=%d shift=%d load=%d folded=%d store=%d move=%d other=%d scalar=%d outside=%d\n", \
    lanes, body, logic, shift, load, folded, store, move, other, scalar, outside
}
