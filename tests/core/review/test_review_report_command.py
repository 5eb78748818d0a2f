"""``summit-timeline review-report``: files written, and one clear line per mistake."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import msgspec
import pytest

from summit_timeline import cli
from summit_timeline.commands import review_report
from summit_timeline.core.review_store import ReviewStore, sidecar_path
from summit_timeline.resources import default_dataset


@pytest.fixture
def files(tmp_path, timeline) -> tuple[Path, Path]:
    timeline_file = tmp_path / "m.timeline.json"
    timeline_file.write_bytes(msgspec.json.encode(timeline))
    store, problems = ReviewStore.open(timeline_file, timeline)
    assert problems == []
    store.set_flag("Anna", "astana", "disputed")
    store.mark_item("Anna", "astana", "figure", 0, "disputed", "period not stated")
    store.flush()
    return timeline_file, store.path


def _run(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    review_report.configure(parser)
    args = parser.parse_args(list(argv))
    err = io.StringIO()
    code = review_report.report_command(args.file, args.review, args.reviewer, args.output,
                                        err=err, as_of=args.as_of)
    return code, err.getvalue()


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_writes_the_report_next_to_the_default_sidecar(files, tmp_path, suffix):
    timeline_file, _ = files
    out = tmp_path / f"report{suffix}"
    assert _run(str(timeline_file), "-o", str(out)) == (0, "")
    text = out.read_text("utf-8")
    assert "Talks in Astana" in text and "period not stated" in text


def test_bundled_dataset_with_its_notes_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    code, err = _run("-o", str(tmp_path / "r.md"))
    assert code == 0 and "no notes yet" in err
    checklist = (tmp_path / "r.md").read_text("utf-8")
    # The bundled file opens as known on 3 Jul 2024: 63 of its 69 events were reported
    # by then; the six from 2025 are neither listed nor counted.
    assert "as known on 3 Jul 2024" in checklist and "0 of 63 reviewed" in checklist
    assert "| **Total** | 63 |" in checklist and "2025 |" not in checklist
    assert "8 May 2025" not in checklist and "Not yet reported" not in checklist
    assert "Left out: 6 events first reported after 3 Jul 2024." in checklist
    everything = tmp_path / "all.md"
    assert _run("-", "--as-of", "latest", "-o", str(everything))[0] == 0
    assert "0 of 69 reviewed" in everything.read_text("utf-8")

    path = sidecar_path(default_dataset(), bundled=True)
    assert path.is_relative_to(tmp_path / "xdg")
    store = ReviewStore(path)
    store.set_flag("Anna", "putin-xi-2024-05-16-beijing", "checked")
    store.flush()
    assert _run("-", "-o", str(tmp_path / "r.md")) == (0, "")
    assert "1 of " in (tmp_path / "r.md").read_text("utf-8")


def test_several_reviewers_need_a_choice(files, tmp_path):
    timeline_file, sidecar = files
    store = ReviewStore(sidecar)
    store.load()
    store.set_flag("Boris", "kazan", "checked")
    store.flush()
    out = str(tmp_path / "r.md")
    code, err = _run(str(timeline_file), "-o", out)
    assert code == 1 and "several reviewers (Anna, Boris)" in err and "--reviewer" in err
    code, err = _run(str(timeline_file), "--reviewer", "Carl", "-o", out)
    assert code == 1 and "no notes by 'Carl'" in err
    assert _run(str(timeline_file), "--reviewer", "Boris", "-o", out) == (0, "")
    assert "Reviewer: **Boris**" in Path(out).read_text("utf-8")


def test_a_broken_review_is_reported_and_left_alone(files, tmp_path):
    timeline_file, sidecar = files
    sidecar.write_bytes(b'{"format": "summit-timeline-review/1",\n "reviewers": 3}')
    code, err = _run(str(timeline_file), "-o", str(tmp_path / "r.md"))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"{sidecar}:") and "$.reviewers" in err
    assert sidecar.read_bytes().endswith(b"3}")
    assert not list(tmp_path.glob("*.broken-*"))


@pytest.mark.parametrize(("make_args", "expected"), [
    (lambda t, s, d: [str(t), "--review", str(s), "-o", str(d / "r.docx")], "unknown report type"),
    (lambda t, s, d: [str(t), "--review", str(d / "none.json"), "-o", str(d / "r.md")],
     "no review file at"),
    (lambda t, s, d: [str(d / "missing.timeline.json"), "-o", str(d / "r.md")],
     "cannot read the file"),
    (lambda t, s, d: [str(t), "--review", str(s), "-o", str(d / "no" / "dir" / "r.md")],
     "No such file or directory"),
])
def test_mistakes_give_one_line_and_exit_1(files, tmp_path, make_args, expected):
    timeline_file, sidecar = files
    code, err = _run(*make_args(timeline_file, sidecar, tmp_path))
    assert code == 1 and err.count("\n") == 1 and expected in err, err


def test_an_invalid_timeline_is_reported_with_its_place(files, tmp_path):
    timeline_file, sidecar = files
    broken = json.loads(timeline_file.read_text())
    broken["events"][0]["when"] = "someday"
    timeline_file.write_text(json.dumps(broken, indent=1))
    code, err = _run(str(timeline_file), "--review", str(sidecar), "-o", str(tmp_path / "r.md"))
    assert code == 1 and err.count("\n") == 1 and str(timeline_file) in err


def test_runs_through_the_command_line_dispatcher(files, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(cli.COMMANDS, "review-report", "write a review report")
    timeline_file, _ = files
    out = tmp_path / "via-cli.html"
    assert cli.run_command(["review-report", str(timeline_file), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
