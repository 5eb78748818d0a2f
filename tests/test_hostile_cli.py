"""The reproducers of hostile files, through the commands a user runs.

Each runs in a subprocess with a time limit far above what it needs (the
files end in well under two seconds each), so a hang fails the test instead
of stalling the suite; what is asserted is what the user sees: one located
line per problem, the right exit status, no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from summit_timeline.resources import default_dataset

REAL = Path(__file__).parent / "data" / "real"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summit_timeline", *args], capture_output=True,
                          text=True, timeout=60)


def _calendar(path: Path, rules: list[str]) -> Path:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for n, rule in enumerate(rules):
        lines += ["BEGIN:VEVENT", f"UID:r{n}", "DTSTART;VALUE=DATE:20240101", f"RRULE:{rule}",
                  f"SUMMARY:Rule {n}", "END:VEVENT"]
    path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]), encoding="utf-8")
    return path


def test_recurrence_reproducers_end_with_a_located_error_or_grouped_warnings(
        tmp_path: Path) -> None:
    zero = [_calendar(tmp_path / f"zero-{f}.ics", [f"FREQ={f};INTERVAL=0"])
            for f in ("DAILY", "MONTHLY", "YEARLY")]
    impossible = _calendar(tmp_path / "impossible.ics",
                           ["FREQ=YEARLY;BYMONTH=13", "FREQ=DAILY;BYYEARDAY=0",
                            "FREQ=WEEKLY;BYWEEKNO=0", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"] * 5)
    hours = _calendar(tmp_path / "hours.ics", ["FREQ=WEEKLY;BYHOUR=8,9,10;BYMINUTE=0,15,30,45"])
    done = run("validate", *map(str, zero), str(impossible), str(hours))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    for path in zero:
        assert [line for line in lines if line.startswith(str(path))] == \
            [f"{path}:6:1: VEVENT[1].RRULE: the recurrence rule cannot be used: INTERVAL=0: "
             "the interval must be a whole number of at least 1"]
    about_impossible = [line for line in lines if line.startswith(str(impossible))]
    assert about_impossible[-1] == f"{impossible}: valid, 20 events"
    assert len(about_impossible) == 3  # two grouped warnings
    assert f"{hours}: valid, 500 events" in lines


def test_every_real_file_validates(tmp_path: Path) -> None:
    files = sorted(str(p) for p in REAL.iterdir())
    done = run("validate", "-q", *files)
    assert done.returncode == 0, done.stdout
    assert "Traceback" not in done.stderr and "site-packages" not in done.stdout


def test_number_too_long_is_one_located_line(tmp_path: Path) -> None:
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][1]["importance"] = 7777
    text = json.dumps(doc, indent=1, ensure_ascii=False).replace('"importance": 7777',
                                                                 '"importance": ' + "9" * 5000)
    native = tmp_path / "big.timeline.json"
    native.write_text(text, encoding="utf-8")
    tl3 = tmp_path / "big.tl3.json"
    tl3.write_text('{"events": [{"start_date": {"year": ' + "1" * 5000 + "}}]}",
                   encoding="utf-8")
    for path in (native, tl3):
        for args in (["validate", str(path)], ["convert", str(path), "-o",
                                               str(tmp_path / "out.csv")]):
            done = run(*args)
            assert done.returncode == 1, done
            assert "Traceback" not in done.stderr
            printed = (done.stdout + done.stderr).strip().splitlines()
            assert len(printed) == 1 and str(path) in printed[0]


def test_lone_surrogate_reaches_no_exporter(tmp_path: Path) -> None:
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][0]["title"] = "Talks \ud800"
    path = tmp_path / "s.timeline.json"
    path.write_text(json.dumps(doc, indent=1), encoding="ascii")
    for out in ("out.ics", "out.csv", "out.tl3.json", "out.timeline.json"):
        done = run("convert", str(path), "-o", str(tmp_path / out))
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert "surrogate" in done.stderr
        assert "\ufffd" in (tmp_path / out).read_text(encoding="utf-8")
    review = tmp_path / "s.review.json"
    review.write_text(json.dumps({"format": "summit-timeline-review/1", "reviewers": {}}),
                      encoding="utf-8")
    done = run("review-report", str(path), "-o", str(tmp_path / "report.md"))
    assert "Traceback" not in done.stderr, done.stderr
