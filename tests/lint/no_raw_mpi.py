"""Fails when MPI is called or named (MPI_[A-Z]...) outside the checked MPI wrapper.

Every MPI call goes through src/parallel/mpi/ (declared in include/mpilife/parallel/mpi/), which
checks the return code and turns a failure into the agreed mpilife::Error. Comments and strings
may mention MPI functions.
Usage: no_raw_mpi.py SOURCE_DIR
"""
import re
import sys

from source_text import code_only, cpp_files

ALLOWED = ("src/parallel/mpi/", "include/mpilife/parallel/mpi/")


def main(root):
    bad = []
    for rel in cpp_files(root):
        if str(rel).startswith(ALLOWED):
            continue
        code = code_only((root / rel).read_text())
        for number, line in enumerate(code.split("\n"), 1):
            for name in re.findall(r"\bMPI_[A-Z]\w*", line):
                bad.append(f"{rel}:{number}: {name} outside the MPI wrapper")
    for line in bad:
        print(line)
    print(f"no_raw_mpi: {len(bad)} raw MPI use(s) outside {' and '.join(ALLOWED)}")
    return 1 if bad else 0


if __name__ == "__main__":
    import pathlib
    sys.exit(main(pathlib.Path(sys.argv[1])))
