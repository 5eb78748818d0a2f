"""``summit-timeline changes``: one line per change, reports by extension, plain date errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summit_timeline.core.review_store import ReviewStore
from summit_timeline.resources import default_dataset

KAZAN = "putin-xi-2024-10-22-kazan"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summit_timeline", "changes", *args],
                          capture_output=True, text=True, timeout=120)


def test_bundled_timeline_from_july_to_october(tmp_path: Path) -> None:
    done = run("--from", "2024-07-03", "--to", "2024-10-23")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"{KAZAN}: status: planned → held" in lines
    assert f"{KAZAN}: date: October 2024 (month only) → 22 Oct 2024 (exact day)" in lines
    assert f"{KAZAN}: place: Kazan, Russia → Kazan Kremlin, Kazan, Russia" in lines
    ids = {line.split(":", 1)[0] for line in lines}
    assert "putin-xi-2024-05-16-beijing" not in ids and "putin-xi-2024-07-03-astana" not in ids
    assert all(": " in line for line in lines), "every stdout line is a change"
    assert f"{len(lines)} changes" in done.stderr


def test_any_importable_file_and_a_checked_event_flagged(tmp_path: Path) -> None:
    """A TimelineJS file with no reports: changes come from sources dated in between;
    with notes beside it, a checked event that changed says so."""
    doc = {"events": [
        {"start_date": {"year": "2024", "month": "5", "day": "16"},
         "text": {"headline": "Talks", "text": "Met in Beijing"}, "unique_id": "talks"}]}
    path = tmp_path / "tl.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = run(str(path), "--from", "2024-05-01", "--to", "2024-06-01")
    assert done.returncode == 0 and done.stdout == "", done.stderr
    timeline = tmp_path / "t.timeline.json"
    data = json.loads(default_dataset().read_text(encoding="utf-8"))
    timeline.write_text(json.dumps(data), encoding="utf-8")
    store, _ = ReviewStore.open(timeline)
    store.set_flag("Ann", KAZAN, "checked")
    store.flush()
    done = run(str(timeline), "--from", "3 Jul 2024", "--to", "23 Oct 2024")
    assert done.returncode == 0
    assert f"{KAZAN}: status: planned → held [checked by Ann: recheck]" in done.stdout


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf"])
def test_writes_a_report(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"changes{suffix}"
    done = run("--from", "2024-07-03", "--to", "2024-10-23", "-o", str(out))
    assert done.returncode == 0 and done.stdout == "", done.stderr
    if suffix == ".pdf":
        pypdf = pytest.importorskip("pypdf")
        text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
                        .split())
    else:
        text = out.read_text("utf-8")
    assert "Putin–Xi meeting in Kazan" in text and "planned → held" in text


def test_a_date_written_day_first_gets_a_suggestion() -> None:
    done = run("--from", "23/10/2024")
    assert done.returncode == 1 and done.stdout == ""
    assert "--from: '23/10/2024'" in done.stderr
    assert "2024-10-23 (year-month-day)" in done.stderr
    assert "Did you mean 2024-10-23?" in done.stderr and "Traceback" not in done.stderr


def test_as_of_on_other_commands_speaks_plainly(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "summit_timeline", "export", "-o",
                           str(tmp_path / "x.png"), "--as-of", "23/10/2024"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Did you mean 2024-10-23?" in done.stderr
    assert "EDTF" not in done.stderr


def _kazan_summary() -> str:
    from summit_timeline.core.formats import native

    kazan = native.load(default_dataset()).timeline.event(KAZAN)
    assert kazan is not None and len(kazan.summary) > 200
    return " ".join(kazan.summary.split())


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf"])
def test_a_report_file_holds_every_summary_whole(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"changes{suffix}"
    done = run("--from", "2024-07-03", "--to", "2024-10-30", "-o", str(out))
    assert done.returncode == 0, done.stderr
    if suffix == ".pdf":
        pypdf = pytest.importorskip("pypdf")
        text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
                        .split())
    else:
        text = " ".join(out.read_text("utf-8").split())
        if suffix == ".md":
            text = text.replace("\\", "")
    if suffix == ".html":
        import html

        text = html.unescape(text)
    summary = _kazan_summary()
    assert summary[-60:] in text, "the end of the summary is there"
    assert "…" not in text


def test_standard_output_shortens_long_values_and_says_so() -> None:
    done = run("--from", "2024-07-03", "--to", "2024-10-30")
    assert done.returncode == 0, done.stderr
    summary = [line for line in done.stdout.splitlines()
               if line.startswith(f"{KAZAN}: summary:")]
    assert summary and summary[0].endswith("…") and len(summary[0]) < 300
    assert "shortened with …" in done.stderr and "-o writes them whole" in done.stderr
