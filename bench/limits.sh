#!/usr/bin/env bash
# How close the fast kernel runs to this machine's limits (issue 13), for each instruction set of
# the build, in three Markdown tables (BENCH lines on stderr):
#  1. the hot loop of step_row_conway (B3/S23) as compiled, from the disassembly of bench_kernel
#     (objdump + loop_ops.awk): instructions per iteration by class, per 64 cells, and the fewest
#     cycles per iteration the core's ports allow (the assumptions below);
#  2. measured rates (bench_kernel --isa X, CPU-time medians over ROUNDS interleaved rounds) at
#     cache-resident sizes, turned into cycles per vector with the clock, and the fraction of the
#     vector ALUs' peak issue rate and of the loop's port bound they reach;
#  3. DRAM-bound sizes: bytes moved per cell update against the one-core bandwidth bench_stream
#     measures (copy: read one array, write another, as the kernel reads the current buffer and
#     writes the next), the ceiling it sets, and the fraction reached.
# The clock: perf stat's cycles / task-clock over bench_clock where the machine exposes cycles
# (most VMs do not), else bench_clock's chain of dependent additions (one per cycle).
#   bench/limits.sh [BUILD] [ROUNDS] [REPEATS]
# Environment (defaults in brackets):
#   CACHE_SIZES ["4096:200 16384:10 65536x32:200"]  N or WxH : generations, ROUNDS rounds each
#   DRAM_SIZES ["16384:10 65536:4"]                 one round each (65536^2: 1 GiB, ~25 s of setup)
#   STREAM_MIB [256]                                 MiB per bench_stream array (three of them)
#   BYTES_PER_CELL [0.25]  bytes read + written per cell update, STREAM-counted: two bit-packed
#                          buffers streamed once a generation (divide by the generations per pass
#                          of a temporally blocked kernel)
#   VALU_PIPES [4] SHIFT_PIPES [2] LOAD_PORTS [2] STORE_PORTS_512 [1] STORE_PORTS [2] DISPATCH [8]
#     the core's vector issue resources; the defaults are AMD Zen 5's (bench/README.md, sources);
#     bench_ports measures the first two on the machine and the script prints what it finds
# Rerun it after changing the kernel (e.g. temporal blocking): every figure is measured afresh.
set -euo pipefail
BUILD=${1:-build}
ROUNDS=${2:-3}
REPEATS=${3:-3}
CACHE_SIZES=${CACHE_SIZES:-"4096:200 16384:10 65536x32:200"}
DRAM_SIZES=${DRAM_SIZES:-"16384:10 65536:4"}
STREAM_MIB=${STREAM_MIB:-256}
BYTES_PER_CELL=${BYTES_PER_CELL:-0.25}
VALU_PIPES=${VALU_PIPES:-4}
SHIFT_PIPES=${SHIFT_PIPES:-2}
LOAD_PORTS=${LOAD_PORTS:-2}
STORE_PORTS_512=${STORE_PORTS_512:-1}
STORE_PORTS=${STORE_PORTS:-2}
DISPATCH=${DISPATCH:-8}
HERE=$(dirname "$0")
source "$HERE/common.bash"
B="$BUILD/bench/bench_kernel"
ISAS=$("$BUILD/mpilife" --version | sed -n 's/^this CPU supports: \(.*\);.*/\1/p' | tr -d ',')

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }  # field NAME < BENCH line

# --- the clock ---
if perf stat -x, -e cycles -- true 2>&1 >/dev/null | grep -q '^[0-9]'; then
  perf_out=$(perf stat -x, -e cycles,task-clock -- "$BUILD/bench/bench_clock" 2>&1 >/dev/null)
  cycles=$(grep ',cycles' <<<"$perf_out" | cut -d, -f1)
  msec=$(grep ',task-clock' <<<"$perf_out" | cut -d, -f1)
  GHZ=$(awk -v c="$cycles" -v t="$msec" 'BEGIN { printf "%.3f", c / (t * 1e6) }')
  CLOCK_SOURCE="perf stat cycles / task-clock"
else
  line=$("$BUILD/bench/bench_clock" | grep '^BENCH')
  echo "$line" >&2
  GHZ=$(field cpu_median_ghz <<<"$line")
  CLOCK_SOURCE="bench_clock (dependent adds; perf stat has no cycles event here)"
fi
NOMINAL=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -1)
# The issue rates assumed below, checked on this core where bench_ports is built (x86-64).
PORTS=""
if [ -x "$BUILD/bench/bench_ports" ]; then
  PORTS=$("$BUILD/bench/bench_ports" | grep '^BENCH' || true)
  echo "$PORTS" >&2
fi

# --- the loop, from the disassembly ---
declare -A OPS
for isa in $ISAS; do
  sym=$(nm -S -C "$B" | grep "mpilife::fast::$isa::(anonymous namespace)::step_row_conway(" | head -1)
  read -r addr size _ <<<"$sym"
  OPS[$isa]=$(objdump -d --no-show-raw-insn --start-address=0x"$addr" \
    --stop-address=$((0x$addr + 0x$size)) "$B" | awk -f "$HERE/loop_ops.awk")
  echo "LOOP isa=$isa ${OPS[$isa]}" >&2
done
op() { sed -n "s/.*\b$2=\([0-9]*\).*/\1/p" <<<"${OPS[$1]}"; }  # op ISA NAME

# The fewest cycles per loop iteration the ports allow, and the port that sets it.
bound() {
  local isa=$1
  awk -v lanes="$(op "$isa" lanes)" -v body="$(op "$isa" body)" -v logic="$(op "$isa" logic)" \
    -v shift_="$(op "$isa" shift)" -v other="$(op "$isa" other)" -v load="$(op "$isa" load)" \
    -v folded="$(op "$isa" folded)" -v store="$(op "$isa" store)" -v vp="$VALU_PIPES" \
    -v sp="$SHIFT_PIPES" -v lp="$LOAD_PORTS" -v dp="$DISPATCH" \
    -v st=$(( $(op "$isa" lanes) == 8 ? STORE_PORTS_512 : STORE_PORTS )) 'BEGIN {
      n = split("vector-ALU shift-pipes loads stores dispatch", name, " ")
      c[1] = (logic + shift_ + other) / vp; c[2] = shift_ / sp; c[3] = (load + folded) / lp
      c[4] = store / st; c[5] = body / dp
      b = 1; for (i = 2; i <= n; i++) if (c[i] > c[b]) b = i
      printf "%.2f %s\n", c[b], name[b] }'
}

# --- bandwidth ---
STREAM=$("$BUILD/bench/bench_stream" --mib "$STREAM_MIB" --repeats 10 | grep '^BENCH')
echo "$STREAM" >&2
COPY=$(grep 'kernel=copy ' <<<"$STREAM" | field cpu_median_gbs)
COPY_BEST=$(grep 'kernel=copy ' <<<"$STREAM" | field cpu_best_gbs)

# --- rates ---
declare -A CPU
measure() {  # SIZE:GENS ROUNDS
  local n=${1%%:*} gens=${1##*:} rounds=$2 r isa line
  for ((r = 0; r < rounds; r++)); do
    for isa in $ISAS; do
      # One generation per sweep: the kernel itself against the ports and the bandwidth (the
      # temporally blocked rates are bench/blocking.sh's).
      line=$("$B" --isa "$isa" --size "$n" -g "$gens" --repeats "$REPEATS" --warmup 1 \
        --time-block 1 | grep '^BENCH')
      echo "$line" >&2
      CPU[$n,$isa]+="$(field cpu_median_gcups <<<"$line") "
    done
  done
}
for s in $CACHE_SIZES; do measure "$s" "$ROUNDS"; done
for s in $DRAM_SIZES; do
  n=${s%%:*}
  [ -n "${CPU[$n,${ISAS%% *}]:-}" ] || measure "$s" 1
done
rate() { median 3 <<<"${CPU[$1,$2]}"; }  # rate SIZE ISA
width_of() { local n=$1; echo "${n%%x*}"; }
label() { local n=$1; [[ $n == *x* ]] && echo "$n" || echo "${n}x$n"; }  # label SIZE

echo "CPU: $(cpu_name) ($(nproc) cores), $(date -u +%Y-%m-%d); clock $GHZ GHz from $CLOCK_SOURCE" \
  "(/proc/cpuinfo: $NOMINAL MHz)"
echo "Port assumptions: $VALU_PIPES vector ALU pipes (logic), $SHIFT_PIPES for shifts/permutes," \
  "$LOAD_PORTS vector loads, $STORE_PORTS_512 512-bit or $STORE_PORTS narrower stores, $DISPATCH" \
  "instructions dispatched per cycle"
if [ -n "$PORTS" ]; then
  echo "Measured by bench_ports, cycles per instruction (throughput / latency):" \
    "$(sed -n 's/^BENCH ports op=\([^ ]*\) throughput_cycles=\([0-9.]*\) latency_cycles=\([0-9.]*\).*/\1 \2 \/ \3/p' \
      <<<"$PORTS" | paste -sd';' | sed 's/;/; /g')"
fi
echo
echo "| --isa | cells per iteration | instructions per iteration | logic | shift/permute | loads (+folded) | stores | reg moves | scalar/branch | vector ALU ops per 64 cells | instructions per 64 cells | fewest cycles per iteration (bound by) | per-row instructions outside the loop |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for isa in $ISAS; do
  lanes=$(op "$isa" lanes)
  read -r b by <<<"$(bound "$isa")"
  printf "| %s | %d | %d | %d | %d | %d (+%d) | %d | %d | %d | %s | %s | %s (%s) | %d |\n" "$isa" \
    $((64 * lanes)) "$(op "$isa" body)" "$(op "$isa" logic)" "$(op "$isa" shift)" \
    "$(op "$isa" load)" "$(op "$isa" folded)" "$(op "$isa" store)" "$(op "$isa" move)" \
    "$(op "$isa" scalar)" \
    "$(awk -v a="$(op "$isa" logic)" -v s="$(op "$isa" shift)" -v o="$(op "$isa" other)" \
      -v l="$lanes" 'BEGIN { printf "%.2f", (a + s + o) / l }')" \
    "$(awk -v a="$(op "$isa" body)" -v l="$lanes" 'BEGIN { printf "%.2f", a / l }')" \
    "$b" "$by" "$(op "$isa" outside)"
done
echo
echo "| size | --isa | Gcell-updates/s (CPU time, median of $ROUNDS) | cycles per vector | instructions per vector, row overhead included | IPC | vector ALU ops per cycle | of the $VALU_PIPES-pipe peak | of the loop's port bound |"
echo "|---|---|---|---|---|---|---|---|---|"
for s in $CACHE_SIZES; do
  n=${s%%:*}
  for isa in $ISAS; do
    lanes=$(op "$isa" lanes)
    read -r b _ <<<"$(bound "$isa")"
    awk -v n="$(label "$n")" -v w="$(width_of "$n")" -v isa="$isa" -v rate="$(rate "$n" "$isa")" \
      -v ghz="$GHZ" -v lanes="$lanes" -v body="$(op "$isa" body)" \
      -v outside="$(op "$isa" outside)" -v valu=$(($(op "$isa" logic) + $(op "$isa" shift) + \
      $(op "$isa" other))) -v vp="$VALU_PIPES" -v bound="$b" 'BEGIN {
        cells = 64 * lanes; nv = w / cells
        cpv = ghz * cells / rate               # cycles per vector of `cells` cells
        ipv = (outside + (nv - 1) * body) / nv # instructions per vector, per-row work included
        printf "| %s | %s | %.2f | %.2f | %.1f | %.2f | %.2f | %.0f%% | %.0f%% |\n", n, isa, rate,
          cpv, ipv, ipv / cpv, valu / cpv, 100 * valu / cpv / vp, 100 * bound / cpv }'
  done
done
echo
echo "bench_stream, one core, 3 x $STREAM_MIB MiB (GB/s, STREAM's count: write-allocate reads not included):"
sed -n 's/^BENCH stream kernel=\([a-z]*\) .* cpu_best_gbs=\([0-9.]*\) cpu_median_gbs=\([0-9.]*\).*/\1 \3 (best \2)/p' \
  <<<"$STREAM" | tr '\n' ';' | sed 's/;$/\n/; s/;/; /g'
echo
echo "| size | --isa | Gcell-updates/s (CPU time) | GB/s moved ($BYTES_PER_CELL B/cell counted; x1.5 with write-allocate) | copy GB/s (median, best) | DRAM ceiling, Gcell-updates/s (copy / $BYTES_PER_CELL) | of the ceiling |"
echo "|---|---|---|---|---|---|---|"
for s in $DRAM_SIZES; do
  n=${s%%:*}
  for isa in $ISAS; do
    awk -v n="$(label "$n")" -v isa="$isa" -v rate="$(rate "$n" "$isa")" -v copy="$COPY" \
      -v best="$COPY_BEST" -v bpc="$BYTES_PER_CELL" 'BEGIN {
        printf "| %s | %s | %.2f | %.1f (%.1f) | %.1f (%.1f) | %.0f | %.0f%% |\n", n, isa, rate,
          rate * bpc, rate * bpc * 1.5, copy, best, copy / bpc, 100 * rate / (copy / bpc) }'
  done
done
