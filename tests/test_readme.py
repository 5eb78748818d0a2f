"""The README's commands work as written on the machine ``make`` set up."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _using_it_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line and not line[0].isspace()]


def test_every_command_under_using_it_runs_from_the_venv_without_activating_it() -> None:
    """A bare ``python -m summit_timeline`` is the system's Python, which has no such module."""
    commands = _using_it_commands()
    assert len(commands) >= 10
    for command in commands:
        assert command.startswith(".venv/bin/"), command


def test_the_version_line_works_as_written() -> None:
    line = next(c for c in _using_it_commands() if "--version" in c)
    words = line.split("#", 1)[0].split()
    done = subprocess.run(words, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "summit-timeline" in done.stdout, done.stderr
