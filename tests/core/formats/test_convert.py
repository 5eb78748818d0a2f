"""``summit-timeline convert``: by extension, --to, warnings on stderr, exit codes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from formats_support import DATA, DEFAULT

from summit_timeline.commands import convert


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    convert.configure(parser)
    return convert.run(parser.parse_args(list(argv)))


def test_convert_by_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "meetings.ics"
    assert _run(str(DEFAULT), "-o", str(out)) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    err = capsys.readouterr().err
    assert "iCalendar cannot hold quotations" in err and "wrote 69 events" in err
    back = tmp_path / "back.timeline.json"
    assert _run(str(out), "-o", str(back)) == 0
    assert json.loads(back.read_text())["format"] == "summit-timeline/1"


def test_convert_with_to_and_import_warnings(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.json"
    assert _run(str(DATA / "timelinejs_sheet.csv"), "-o", str(out), "--to", "timelinejs") == 0
    assert "events" in json.loads(out.read_text())
    assert "backgrounds are not kept" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "needle"), [
    (("events_unreadable.csv", "-o", "{tmp}/x.csv"), "row 1, column 'when'"),
    (("old_text_format.timeline", "-o", "{tmp}/x.csv"), "before 0.21"),
    (("events.csv", "-o", "{tmp}/x.unknown"), "cannot tell the output format"),
    (("events.csv", "-o", "{tmp}/x.csv", "--to", "pdf"), "unknown output format 'pdf'"),
    (("missing.csv", "-o", "{tmp}/x.csv"), "cannot read the file"),
])
def test_convert_failures_are_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             args: tuple[str, ...], needle: str) -> None:
    argv = [a.format(tmp=tmp_path) if "{tmp}" in a else str(DATA / a) for a in args[:1]] + \
        [a.format(tmp=tmp_path) for a in args[1:]]
    assert _run(*argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]
    assert not (tmp_path / "x.csv").exists()


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes((DATA / "events.csv").read_bytes())
    assert _run(str(src), "-o", str(src)) == 1
    assert src.read_bytes() == (DATA / "events.csv").read_bytes()


def test_convert_says_how_what_it_cannot_hold_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A loss is "not written" only when nothing of it is; the rest say what becomes of it."""
    assert _run(str(DEFAULT), "-o", str(tmp_path / "x.csv")) == 0
    lines = capsys.readouterr().err.splitlines()
    assert any(line.endswith("CSV cannot hold semicolons inside names, topics and source "
                             "titles; written as commas") for line in lines)
    assert any("CSV cannot hold venues of places; written as their town" in line
               for line in lines)
    assert _run(str(DEFAULT), "-o", str(tmp_path / "x.ics")) == 0
    lines = capsys.readouterr().err.splitlines()
    assert not any("coordinates; not written" in line and "sources of" not in line
                   for line in lines), "iCalendar writes coordinates as GEO"
    assert _run(str(DEFAULT), "-o", str(tmp_path / "x.tl3.json")) == 0
    lines = capsys.readouterr().err.splitlines()
    for line in lines:
        assert not ("written as" in line and line.endswith("not written")), line
    assert any(line.endswith("approximate or uncertain dates (~ ?); written without the ~ or ?")
               for line in lines)
