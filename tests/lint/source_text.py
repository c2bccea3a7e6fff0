"""Shared by the lint checks: the project's C++ files, and their code without comments or strings."""
import pathlib
import re

FOLDERS = ("src", "include", "viz", "bench", "tests")


def cpp_files(root):
    """Every .cpp/.hpp file of the project's source folders, as paths relative to `root`."""
    root = pathlib.Path(root)
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".cpp", ".hpp"):
                yield path.relative_to(root)


def code_only(text):
    """`text` with comments, string and character literals blanked (line numbers kept)."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|R"\((?:.|\n)*?\)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                         re.S)
    return pattern.sub(blank, text)
