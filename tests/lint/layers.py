"""Fails when an include points up the layer order (docs/ARCHITECTURE.md).

  core <- kernel <- parallel <- io <- app      core <- view <- app      view <- viz
  core <- kernel <- census <- app
A file in src/L/ or include/mpilife/L/ may include mpilife/L/ and the layers below L only; viz/
may include view/ and core/ only.
Usage: layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

from source_text import cpp_files

BELOW = {
    "core": set(),
    "kernel": {"core"},
    "view": {"core"},
    "census": {"core", "kernel"},
    "parallel": {"core", "kernel"},
    "io": {"core", "kernel", "parallel"},
    "app": {"core", "kernel", "parallel", "io", "view", "census"},
    "viz": {"core", "view"},
}


def layer_of(rel):
    parts = rel.parts
    if parts[0] == "viz":
        return "viz"
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    if parts[:2] == ("include", "mpilife") and len(parts) > 3:
        return parts[2]
    return None


def main(root):
    bad = []
    for rel in cpp_files(root):
        layer = layer_of(rel)
        if layer is None:
            continue
        text = (root / rel).read_text()
        for number, line in enumerate(text.split("\n"), 1):
            m = re.match(r'#include "mpilife/(\w+)/', line)
            if m and m.group(1) != layer and m.group(1) not in BELOW[layer]:
                bad.append(f"{rel}:{number}: {layer} includes {m.group(1)}")
    for line in bad:
        print(line)
    print(f"layers: {len(bad)} include(s) against the layer order")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
