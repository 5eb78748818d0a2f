"""``summit-timeline export`` as a user runs it: files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from summit_timeline.cli import COMMANDS
from summit_timeline.resources import default_dataset


def export(*args: str, display: bool = False) -> subprocess.CompletedProcess[str]:
    """Run with no display at all: the command must pick offscreen Qt by itself."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    # Until the command is registered in cli.py, run its module directly.
    command = ["-m", "summit_timeline", "export"] if "export" in COMMANDS \
        else ["-m", "summit_timeline.commands.export"]
    return subprocess.run([sys.executable, *command, *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_png_svg_and_handout_from_the_bundled_dataset(tmp_path: Path) -> None:
    png = tmp_path / "t.png"
    done = export("-o", str(png), "--width", "1280", "--height", "720")
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[16:24] == (1280).to_bytes(4, "big") + (720).to_bytes(4, "big")
    svg = tmp_path / "t.svg"
    done = export("-", "-o", str(svg), "--track", "putin-xi", "--range", "2024-05/2024-07",
                  "--as-of", "2024-10-23")
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "Putin–Xi meeting in Astana" in text and "Kazan" not in text
    handout = tmp_path / "handout.pdf"
    done = export(str(default_dataset()), "--slides", "-o", str(handout),
                  "--view", "2024 in hindsight")
    assert done.returncode == 0, done.stderr
    pages = pypdf.PdfReader(handout).pages
    assert len(pages) == 16
    kazan = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "Putin–Xi meeting in Kazan 22 Oct 2024 Held" in kazan


def test_bad_file_prints_its_problems_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.timeline.json"
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][3]["when"] = "2024-13-01"
    bad.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.pdf"
    done = export(str(bad), "-o", str(out))
    assert done.returncode == 1
    assert "$.events[3].when" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    missing = export(str(tmp_path / "nope.json"), "-o", str(out))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_unwritable_output_and_bad_options_exit_1_with_one_line(tmp_path: Path) -> None:
    for args in (("-o", str(tmp_path / "no" / "x.pdf")),
                 ("-o", str(tmp_path / "x.gif")),
                 ("-o", str(tmp_path / "x.png"), "--track", "nope"),
                 ("--slides", "-o", str(tmp_path / "x.png"))):
        done = export(*args)
        assert done.returncode == 1, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("summit-timeline export: "), lines


def test_bad_file_summary_matches_convert(tmp_path: Path) -> None:
    """One problem: one line, as ``convert`` prints it; several: each listed, then counted."""
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][3]["when"] = "2024-13-01"
    one = tmp_path / "one.timeline.json"
    one.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    done = export(str(one), "-o", str(tmp_path / "x.png"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"summit-timeline export: {one}:")
    where, _, rest = lines[0].removeprefix("summit-timeline export: ").partition(": ")
    _, line, column = where.rsplit(":", 2)
    assert line.isdigit() and column.isdigit() and rest.startswith("$.events[3].when: ")
    assert "cannot read" not in done.stderr
    converted = subprocess.run([sys.executable, "-m", "summit_timeline", "convert", str(one),
                                "-o", str(tmp_path / "x.csv")], capture_output=True, text=True,
                               timeout=120)
    assert converted.stderr.strip().removeprefix("summit-timeline convert: ") \
        == lines[0].removeprefix("summit-timeline export: ")

    doc["events"][4]["when"] = "2024-14-01"
    two = tmp_path / "two.timeline.json"
    two.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    done = export(str(two), "-o", str(tmp_path / "x.png"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert "$.events[3].when" in lines[0] and "$.events[4].when" in lines[1]
    assert lines[2].startswith("summit-timeline export: ") and "(and 1 more problem)" in lines[2]


def test_a_named_view_chooses_date_range_and_an_unknown_one_lists_the_views(
        tmp_path: Path) -> None:
    svg = tmp_path / "v.svg"
    done = export("-o", str(svg), "--view", "2024 in hindsight")
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "as known on" not in text and "Putin–Xi meeting in Kazan" in text
    as_reported = tmp_path / "r.svg"
    assert export("-o", str(as_reported)).returncode == 0  # the default view
    assert "as known on 3 Jul 2024" in as_reported.read_text(encoding="utf-8")
    wrong = export("-o", str(tmp_path / "w.png"), "--view", "2019")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert wrong.stderr.strip().startswith("summit-timeline export: --view: no view '2019'; "
                                           "views: reported-2024-07-03 (As reported on 3 July")


def test_the_map_alone_as_png_svg_and_pdf(tmp_path: Path) -> None:
    png = tmp_path / "map.png"
    done = export("--map", "-o", str(png), "--width", "1280", "--height", "720")
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[16:24] == (1280).to_bytes(4, "big") + (720).to_bytes(4, "big")
    svg = tmp_path / "map.svg"
    done = export("--map", "-o", str(svg))
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    for name in ("Beijing", "Astana", "Kazan", "Harbin", "Map: Natural Earth",
                 "As known on 3 Jul 2024", "Putin–Xi: Beijing → Astana → Kazan"):
        assert name in text, name
    pdf = tmp_path / "map.pdf"
    done = export("--map", "-o", str(pdf), "--view", "All meetings since 2013",
                  "--track", "putin-xi")
    assert done.returncode == 0, done.stderr
    words = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    assert "Everything known" in words and "41 events" in words and "Lima" in words
    assert "Durban" not in words, "only the Putin–Xi track's places"
    earlier = tmp_path / "may.svg"
    done = export("--map", "-o", str(earlier), "--as-of", "2024-05-20", "--track", "putin-xi")
    assert done.returncode == 0, done.stderr
    assert "Kazan" not in earlier.read_text(encoding="utf-8"), "not yet reported then"
    both = export("--map", "--slides", "-o", str(tmp_path / "x.pdf"))
    assert both.returncode == 1 and "one at a time" in both.stderr


def test_a_knowledge_date_alone_shows_the_whole_timeline_as_known_then(tmp_path: Path) -> None:
    """As the window does with ``--as-of``: no named view, so a day before the default
    view's months still shows what was known (seven events on 17 May 2014)."""
    svg = tmp_path / "t.svg"
    done = export("-o", str(svg), "--as-of", "2014-05-17")
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "7 events" in text and "Putin–Xi talks in Moscow" in text
    assert "Putin–Xi talks in Shanghai (planned)" in text
    assert "Kazan" not in text, "first reported in 2024"
    shown = tmp_path / "map.svg"
    done = export("--map", "-o", str(shown), "--as-of", "2014-05-17")
    assert done.returncode == 0, done.stderr
    text = shown.read_text(encoding="utf-8")
    assert "7 events at 7 places" in text and "Moscow" in text and "Shanghai" in text
    handout = tmp_path / "h.pdf"
    done = export("--slides", "-o", str(handout), "--as-of", "2014-05-17")
    assert done.returncode == 0, done.stderr
    pages = pypdf.PdfReader(handout).pages
    assert len(pages) == 8, "a title page and the seven events"
    assert "Shanghai" in " ".join(pages[-1].extract_text().split())


def test_a_named_view_with_a_knowledge_date_keeps_the_views_months(tmp_path: Path) -> None:
    svg = tmp_path / "v.svg"
    done = export("-o", str(svg), "--view", "reported-2024-07-03", "--as-of", "2014-05-17")
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "as known on 17 May 2014" in text and "0 events" in text
    assert "Putin–Xi talks in Moscow" not in text, "March 2013 is outside the view's months"


def test_an_export_is_headed_with_the_views_own_days_not_its_margins(tmp_path: Path) -> None:
    """The default view frames 16 May – 31 Oct 2024 and the record March 2013 – September
    2025; their exports said "9 May 2024 – 17 Nov 2024" and "29 Aug 2012 – 2 Apr 2026"."""
    for view, days, margin in ((None, "16 May 2024 – 31 Oct 2024", "9 May 2024"),
                               ("All meetings since 2013", "1 Mar 2013 – 30 Sep 2025", "2012")):
        svg = tmp_path / "h.svg"
        done = export("-o", str(svg), *(("--view", view) if view else ()))
        assert done.returncode == 0, done.stderr
        text = svg.read_text(encoding="utf-8")
        assert days in text and margin not in text, view
