#!/usr/bin/env python3
"""Predicted parallel efficiency of `mpilife run` at 64..4096 ranks (bench/README.md, "Model").

Per generation a rank updates its tile (w x h cells) and exchanges its halo (src/parallel/halo.cpp,
face sizes from src/kernel/fast/fast_tile.cpp):
  1d (strips, 1 x P):  2 rows of (ceil(w/64) + 2) * 8 bytes, and 4 one-byte corners  -> 6 messages
  2d (C x R):          2 rows as above, 2 packed columns of ceil(h/64) * 8 bytes, 4 corners -> 8
  t_comm = messages * latency + bytes / bandwidth        (all of a rank's messages through one link)
  t_calc = w * h / rate                                  (rate: cell updates per second per core)
The interior update overlaps the exchange (the border ring, 1 cell wide, is updated after the wait):
  t_gen  = max(t_calc * interior_share, t_comm) + t_calc * border_share + t_sync
  efficiency = t_calc / t_gen      (1 rank: t_gen = t_calc, a copy of the ghosts in memory)
t_sync: the run's stop/progress agreement (an allreduce about ten times a second), amortised:
  log2(P) * latency * generations_per_second / 10 -- negligible, kept for honesty.
Memory bandwidth: a DRAM-bound tile streams 0.25 byte per cell update, so with every core of a node
busy the rate per core is at most node_bw / (0.25 * cores_per_node); tiles that fit in the cache
share of a core (--cache) run at --rate-cache instead.

  bench/scaling_model.py [--rate G] [--rate-cache G] [--latency US] [--bandwidth GBS] ...
prints two Markdown tables: weak scaling (fixed tile per rank) and strong scaling (fixed grid).
"""
import argparse
import math
import textwrap


def say(text):
    """Prose lines of the output, wrapped at 100 columns like the Markdown around them."""
    print(textwrap.fill(text.rstrip("\n"), 100) + ("\n" if text.endswith("\n") else ""))


def dims(p, width, height):
    """(cols, rows) as --decomp 2d picks them (src/core/decomposition.cpp)."""
    big, small = p, 1
    for a in range(1, math.isqrt(p) + 1):
        if p % a == 0:
            big, small = p // a, a
    return (big, small) if width > height else (small, big)


def halo(decomp, w, h, cols, rows):
    """(messages, bytes) one rank sends per generation."""
    row = (math.ceil(w / 64) + 2) * 8
    if decomp == "1d" or cols == 1:
        return (6 if rows > 1 else 0), (2 * row + 4 if rows > 1 else 0)
    col = math.ceil(h / 64) * 8
    return 8, 2 * row + 2 * col + 4


def rank_rate(a):
    """Cell updates per second of one core, capped by its share of the node's memory bandwidth."""
    rate = a.rate * 1e9
    if a.node_bw > 0:
        rate = min(rate, a.node_bw * 1e9 / (0.25 * a.cores_per_node))
    return rate


def generation(a, width, height, p, decomp):
    """(tile w, tile h, halo bytes, t_calc, t_comm, t_gen overlapped, t_gen not overlapped)."""
    cols, rows = (1, p) if decomp == "1d" else dims(p, width, height)
    w, h = math.ceil(width / cols), math.ceil(height / rows)
    t_calc = w * h / rank_rate(a)
    if p == 1:
        return w, h, 0, t_calc, 0.0, t_calc, t_calc
    msgs, nbytes = halo(decomp, w, h, cols, rows)
    t_comm = msgs * a.latency * 1e-6 + nbytes / (a.bandwidth * 1e9)
    ring = 2 * w + 2 * h if cols > 1 else 2 * w  # cells updated after the wait
    border = min(1.0, ring / (w * h))
    t_overlap = max(t_calc * (1 - border), t_comm) + t_calc * border
    return w, h, nbytes, t_calc, t_comm, t_overlap, t_calc + t_comm


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=75.0,
                    help="Gcell-updates/s per core (bench/kernels.sh; default: 16384^2, one core)")
    ap.add_argument("--node-bw", type=float, default=0.0,
                    help="node memory bandwidth in GB/s to cap DRAM-bound tiles (0: no cap)")
    ap.add_argument("--cores-per-node", type=int, default=64)
    ap.add_argument("--latency", type=float, default=1.5, help="per message, microseconds")
    ap.add_argument("--bandwidth", type=float, default=22.0, help="per rank, GB/s")
    ap.add_argument("--weak-tiles", default="256,1024,4096,16384", help="weak scaling tile sides")
    ap.add_argument("--strong-grid", type=int, default=65536, help="strong scaling grid side")
    ap.add_argument("--ranks", default="64,256,1024,4096")
    a = ap.parse_args()
    ranks = [int(r) for r in a.ranks.split(",")]
    say(f"Inputs: {rank_rate(a) / 1e9:.1f} Gcell-updates/s per core, {a.latency} us per message, "
          f"{a.bandwidth} GB/s per rank.\n")

    say("Weak scaling (a fixed square tile per rank; efficiency = compute time / generation "
          "time, interior overlapped with the exchange / not overlapped). The same at every P in "
          + ", ".join(map(str, ranks)) + ": nothing in a generation grows with P.\n")
    print("| tile per rank | halo bytes/gen 2d | 1d | t_calc us | t_comm us 2d | 1d | "
          "efficiency 2d | efficiency 1d |")
    print("|---|---|---|---|---|---|---|---|")
    p = max(ranks)
    big, small = dims(p, 2, 1)
    for t in [int(x) for x in a.weak_tiles.split(",")]:
        _, _, b2, t_calc, c2, ov2, no2 = generation(a, t * big, t * small, p, "2d")
        _, _, b1, _, c1, ov1, no1 = generation(a, t, t * p, p, "1d")
        print(f"| {t}x{t} | {b2} | {b1} | {t_calc * 1e6:.1f} | {c2 * 1e6:.1f} | {c1 * 1e6:.1f} | "
              f"{t_calc / ov2:.0%} / {t_calc / no2:.0%} | {t_calc / ov1:.0%} / {t_calc / no1:.0%} |")

    n = a.strong_grid
    print()
    say(f"Strong scaling (a {n}x{n} grid; efficiency = speed-up / P, with overlap / "
          "without)\n")
    print("| ranks | tile (2d) | halo bytes/gen | t_calc us | t_comm us | efficiency 2d | "
          "tile (1d) | efficiency 1d |")
    print("|---|---|---|---|---|---|---|---|")
    t_one = generation(a, n, n, 1, "2d")[3]
    for p in ranks:
        w, h, nbytes, t_calc, t_comm, t_ov, t_no = generation(a, n, n, p, "2d")
        out = (f"| {p} | {w}x{h} | {nbytes} | {t_calc * 1e6:.1f} | {t_comm * 1e6:.1f} | "
               f"{t_one / (p * t_ov):.0%} / {t_one / (p * t_no):.0%} |")
        if n >= p:
            w1, h1, _, _, _, t1_ov, t1_no = generation(a, n, n, p, "1d")
            out += f" {w1}x{h1} | {t_one / (p * t1_ov):.0%} / {t_one / (p * t1_no):.0%} |"
        else:
            out += " - | - |"
        print(out)


if __name__ == "__main__":
    main()
