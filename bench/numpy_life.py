#!/usr/bin/python3
"""The talk's approach, as a yardstick: numpy + mpi4py, horizontal strips, Irecv/Isend halo rows.

Run: mpiexec -n P /usr/bin/python3 bench/numpy_life.py --size 4096 --generations 20
Prints one line: BENCH peer=numpy ranks=P size=NxN gens=G seconds=S gcups=R
"""
import argparse
import time

import numpy as np
from mpi4py import MPI


def step(padded, out):
    """One B3/S23 generation of padded[1:-1, 1:-1] (ghost rows filled, columns wrapped)."""
    p = padded
    p[:, 0] = p[:, -2]
    p[:, -1] = p[:, 1]
    n = (p[:-2, :-2] + p[:-2, 1:-1] + p[:-2, 2:] + p[1:-1, :-2] + p[1:-1, 2:] +
         p[2:, :-2] + p[2:, 1:-1] + p[2:, 2:])
    alive = p[1:-1, 1:-1]
    out[1:-1, 1:-1] = (n == 3) | ((n == 2) & (alive == 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=4096)
    ap.add_argument("--generations", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    args = ap.parse_args()
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    n = args.size
    rows = n // size + (1 if rank < n % size else 0)
    rng = np.random.default_rng(1 + rank)
    cur = np.zeros((rows + 2, n + 2), dtype=np.uint8)
    cur[1:-1, 1:-1] = rng.integers(0, 2, size=(rows, n), dtype=np.uint8)
    nxt = np.zeros_like(cur)
    up, down = (rank - 1) % size, (rank + 1) % size

    def generation(a, b):
        reqs = [comm.Irecv(a[0], source=up, tag=1), comm.Irecv(a[-1], source=down, tag=0),
                comm.Isend(a[1].copy(), dest=up, tag=0), comm.Isend(a[-2].copy(), dest=down, tag=1)]
        MPI.Request.Waitall(reqs)
        step(a, b)

    for _ in range(args.warmup):
        generation(cur, nxt)
        cur, nxt = nxt, cur
    comm.Barrier()
    t0 = time.perf_counter()
    for _ in range(args.generations):
        generation(cur, nxt)
        cur, nxt = nxt, cur
    comm.Barrier()
    seconds = time.perf_counter() - t0
    if rank == 0:
        rate = args.generations * n * n / seconds / 1e9
        print(f"BENCH peer=numpy ranks={size} size={n}x{n} gens={args.generations} "
              f"seconds={seconds:.3f} gcups={rate:.3f}", flush=True)


if __name__ == "__main__":
    main()
