"""Print what takes the space in the one-folder bundle, largest first.

    python packaging/bundle_sizes.py [BUNDLE_DIR] [--top 10] [--split-mb 8]

A folder counts as one contributor unless it is larger than ``--split-mb``;
then its children are listed instead (so ``PySide6/Qt/lib`` shows each Qt
library, while ``pyqtgraph`` stays one line).  Sizes are disk usage, as
``du`` reports them, so the total matches what ``make bundle`` prints;
symbolic links count nothing.  Standard library only: it runs with any
Python, before or without the build venv.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

MB = 2**20


def disk_usage(path: Path) -> int:
    """Bytes on disk under ``path`` (``du``), symlinks not followed."""
    info = path.lstat()
    if path.is_symlink():
        return 0
    if not path.is_dir():
        return info.st_blocks * 512
    total = info.st_blocks * 512
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            entry = os.lstat(os.path.join(root, name))
            total += entry.st_blocks * 512
    return total


def contributors(root: Path, split_bytes: int) -> list[tuple[int, str]]:
    """(bytes, path relative to ``root``) of every contributor, largest first."""
    found: list[tuple[int, str]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        for child in sorted(folder.iterdir()):
            if child.is_symlink():
                continue
            size = disk_usage(child)
            if child.is_dir() and size > split_bytes:
                pending.append(child)
            else:
                found.append((size, child.relative_to(root).as_posix()))
    return sorted(found, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=Path("dist/summit-timeline"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--split-mb", type=float, default=8.0)
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"bundle_sizes: no bundle at {args.bundle} (run `make bundle`)", file=sys.stderr)
        return 1
    total = disk_usage(args.bundle)
    rows = contributors(args.bundle, int(args.split_mb * MB))
    print(f"{total / MB:8.1f} MB  {args.bundle} (total)")
    for size, path in rows[: args.top]:
        print(f"{size / MB:8.1f} MB  {100 * size / total:4.1f}%  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
