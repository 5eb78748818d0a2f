"""Named views: found by id or name, resolved to days, and checked when a file loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summit_timeline.core import dates, views
from summit_timeline.core.formats import native
from summit_timeline.core.problems import LoadError
from summit_timeline.resources import default_dataset


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(default_dataset().read_text(encoding="utf-8"))


def _load(doc: dict, tmp_path: Path) -> native.Loaded:
    path = tmp_path / "v.timeline.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return native.load(path)


def test_found_by_id_or_by_name_in_any_case(doc: dict, tmp_path: Path) -> None:
    timeline = _load(doc, tmp_path).timeline
    assert views.find_view(timeline, "2024-in-hindsight").name == "2024 in hindsight"
    assert views.find_view(timeline, "  as REPORTED on 3 July 2024 ").id == "reported-2024-07-03"


def test_an_unknown_view_is_refused_listing_the_views(doc: dict, tmp_path: Path) -> None:
    timeline = _load(doc, tmp_path).timeline
    with pytest.raises(views.UnknownViewError) as info:
        views.find_view(timeline, "2023")
    message = str(info.value)
    assert message.startswith("no view '2023'; views: ")
    for view in timeline.views:
        assert f"{view.id} ({view.name})" in message


def test_a_view_is_a_knowledge_day_a_range_and_a_tip(doc: dict, tmp_path: Path) -> None:
    timeline = _load(doc, tmp_path).timeline
    reported = views.find_view(timeline, "reported-2024-07-03")
    assert views.view_day(reported) == dates.day_number(2024, 7, 3)
    assert views.view_tip(timeline, reported) == "As known on 3 Jul 2024 · 16 May – 31 Oct 2024"
    hindsight = views.find_view(timeline, "2024-in-hindsight")
    assert views.view_day(hindsight) is None
    assert views.view_tip(timeline, hindsight).startswith("Everything known · ")


@pytest.mark.parametrize(("change", "path", "message"), [
    (lambda d: d.update(default_view="nowhere"), "$.default_view",
     "no view with id 'nowhere' in $.views (views: reported-2024-07-03, "),
    (lambda d: d["views"][1].update(tracks=["putin-xi", "calls"]), "$.views[1].tracks[1]",
     "no track with id 'calls' in $.tracks"),
    (lambda d: d["views"][2].update(range="2013/2025-13"), "$.views[2].range",
     "'2013/2025-13' is not a valid EDTF date"),
    (lambda d: d["views"][0].update(as_of="3 July 2024"), "$.views[0].as_of",
     "'3 July 2024' is not a valid EDTF date"),
    (lambda d: d.update(checked="2026-02-30"), "$.checked", "day 30 is out of range"),
    (lambda d: d["events"][2]["reports"][0].update(place="kazan-arena"),
     "$.events[2].reports[0].place", "no place with id 'kazan-arena' in $.places"),
])
def test_broken_views_are_located(doc: dict, tmp_path: Path, change, path: str,
                                  message: str) -> None:
    broken = json.loads(json.dumps(doc))
    change(broken)
    with pytest.raises(LoadError) as info:
        _load(broken, tmp_path)
    problems = [p for p in info.value.errors if p.path == path]
    assert problems and message in problems[0].message, info.value.errors
    assert problems[0].line > 0 and problems[0].column > 0
