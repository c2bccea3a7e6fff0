#!/usr/bin/env python3
"""Prints the live cells of an RLE file in Golly's coordinates (its #CXRLE Pos added), one
"x y" per line, sorted; with --window X,Y,W,H (or --window-of FILE, the rectangle another RLE
file covers) only those inside that rectangle. Two patterns hold
the same cells at the same place when their outputs are equal (the CLI tests diff them)."""
import argparse
import re
import sys


def header(path):
    """The #CXRLE position and the x, y of the header: the rectangle the file covers."""
    x0 = y0 = 0
    with open(path) as f:
        for line in f:
            m = re.match(r"#CXRLE.*Pos=(-?\d+),(-?\d+)", line)
            if m:
                x0, y0 = int(m.group(1)), int(m.group(2))
            m = re.match(r"x\s*=\s*(\d+)\s*,\s*y\s*=\s*(\d+)", line)
            if m:
                return x0, y0, int(m.group(1)), int(m.group(2))
    raise SystemExit(f"{path}: no RLE header")


def cells(path):
    x0 = y0 = 0
    body = []
    header_seen = False
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not header_seen:
                m = re.match(r"#CXRLE.*Pos=(-?\d+),(-?\d+)", line)
                if m:
                    x0, y0 = int(m.group(1)), int(m.group(2))
                if line.startswith("x"):
                    header_seen = True
                continue
            body.append(line)
    text = "".join(body).split("!")[0]
    x = y = 0
    out = []
    for count, tag in re.findall(r"(\d*)([bo$A-Za-z.])", text):
        n = int(count) if count else 1
        if tag == "$":
            y += n
            x = 0
        elif tag in "b.":
            x += n
        else:
            out.extend((x0 + x + i, y0 + y) for i in range(n))
            x += n
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("rle")
    ap.add_argument("--window", help="X,Y,W,H in Golly's coordinates")
    ap.add_argument("--window-of", help="the rectangle another RLE file covers (Pos, x, y)")
    args = ap.parse_args()
    live = cells(args.rle)
    window = None
    if args.window:
        window = tuple(int(v) for v in args.window.split(","))
    if args.window_of:
        window = header(args.window_of)
    if window:
        wx, wy, ww, wh = window
        live = [(x, y) for x, y in live if wx <= x < wx + ww and wy <= y < wy + wh]
    for x, y in sorted(set(live), key=lambda c: (c[1], c[0])):
        sys.stdout.write(f"{x} {y}\n")


if __name__ == "__main__":
    main()
