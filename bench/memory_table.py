#!/usr/bin/env python3
"""Tile memory per rank for grid sizes x rank counts, from the formula in src/app/memory_plan.cpp.

A rank holds two generations of its tile with a one-cell ghost frame:
  fast kernel:      2 * (h + 2) * ceil(ceil(w / 64) / 8) * 64 + (h + 2) + 32 * ceil(h / 64) bytes
                    (64 cells per 8-byte word, rows padded to whole 8-word vectors; a ghost byte
                    per row; the packed west and east columns of both generations)
  reference kernel: 2 * (h + 2) * (w + 2) bytes                  (a byte per cell)
where w x h is the largest tile: ceil(W / C) x ceil(H / R) for C process columns by R process rows.
--decomp 2d takes MPI_Dims_create's factors (larger first), the larger one along the rows on a
square grid, as src/core/decomposition.cpp does. Outputs, halos buffers and the MPI library come
on top (see docs/cluster.md).

  bench/memory_table.py [--kernel fast|reference] [--sizes 16384,65536,...] [--ranks 1,2,...]
prints a Markdown table.
"""
import argparse
import math


def dims_create(p):
    """MPI_Dims_create(p, 2): the most balanced factorisation, larger factor first."""
    best = (p, 1)
    for a in range(1, math.isqrt(p) + 1):
        if p % a == 0:
            best = (p // a, a)
    return best


def process_grid(p, width, height):
    big, small = dims_create(p)
    return (big, small) if width > height else (small, big)  # (cols, rows)


def tile_bytes(kernel, w, h):
    if kernel == "reference":
        return 2 * (h + 2) * (w + 2)
    words = math.ceil(math.ceil(w / 64) / 8) * 8
    return 2 * (h + 2) * words * 8 + (h + 2) + 4 * math.ceil(h / 64) * 8


def per_rank_bytes(kernel, width, height, p):
    cols, rows = process_grid(p, width, height)
    return tile_bytes(kernel, math.ceil(width / cols), math.ceil(height / rows))


def human(n):
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.3g} {unit}"
        n /= 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", choices=["fast", "reference"], default="fast")
    ap.add_argument("--sizes", default="16384,65536,262144,1048576,4194304")
    ap.add_argument("--ranks", default="1,16,64,256,1024,4096")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    ranks = [int(r) for r in a.ranks.split(",")]
    print("| grid (square) | grid cells | " + " | ".join(f"P = {p}" for p in ranks) + " |")
    print("|---|---|" + "---|" * len(ranks))
    for n in sizes:
        cells = [human(per_rank_bytes(a.kernel, n, n, p)) for p in ranks]
        print(f"| {n}x{n} | {n * n:.3g} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
