"""``validate --strict``: each rule, planted in a copy of the bundled file, is caught and located.

The bundled file passes (``test_default_dataset``); here one error at a time is
planted in it and the command must fail, naming the file, line, column and
JSON path, and saying what is wrong.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summit_timeline.commands.validate import validate_files
from summit_timeline.resources import default_dataset

Doc = dict[str, Any]


def _event(doc: Doc, event_id: str) -> Doc:
    return next(e for e in doc["events"] if e["id"] == event_id)


def _source(doc: Doc, source_id: str) -> Doc:
    return next(s for s in doc["sources"] if s["id"] == source_id)


def _index(doc: Doc, name: str, item_id: str) -> int:
    return next(i for i, item in enumerate(doc[name]) if item["id"] == item_id)


def _report_before_its_source(doc: Doc) -> str:
    kazan = _event(doc, "putin-xi-2024-10-22-kazan")
    kazan["reports"][1]["date"] = "2024-10-21"  # the Kremlin transcript appeared on the 22nd
    return rf"\$\.events\[{_index(doc, 'events', kazan['id'])}\]\.reports\[1\]\.source: " \
        r"the report and its summary dated 21 Oct 2024 cite 'kremlin-75370', published " \
        r"22 Oct 2024"


def _report_summary_without_source(doc: Doc) -> str:
    beijing = _event(doc, "putin-xi-2024-05-16-beijing")
    del beijing["reports"][0]["source"]
    return rf"\$\.events\[{_index(doc, 'events', beijing['id'])}\]\.reports\[0\]\.summary: " \
        r"the report and its summary dated 14 May 2024 cite no source"


def _report_topics_without_source(doc: Doc) -> str:
    shanghai = _event(doc, "putin-xi-2014-05-20-shanghai")
    report = shanghai["reports"][0]
    del report["source"], report["summary"]
    assert report["topics"]
    return rf"\$\.events\[{_index(doc, 'events', shanghai['id'])}\]\.reports\[0\]\.topics: " \
        r"the report and its topics dated 16 May 2014 cite no source"


def _related_to_itself(doc: Doc) -> str:
    kazan = _event(doc, "putin-xi-2024-10-22-kazan")
    kazan["related"].append(kazan["id"])
    k = len(kazan["related"]) - 1
    return rf"\$\.events\[{_index(doc, 'events', kazan['id'])}\]\.related\[{k}\]: event " \
        r"'putin-xi-2024-10-22-kazan' names itself as related"


def _summary_from_a_later_source(doc: Doc) -> str:
    astana = _event(doc, "putin-xi-2024-07-03-astana")
    astana["sources"].append("tass-1812205")  # Belarus's accession, reported on 4 July
    k = len(astana["sources"]) - 1
    return rf"\$\.events\[{_index(doc, 'events', astana['id'])}\]\.sources\[{k}\]: the " \
        r"event's own summary is shown from 3 Jul 2024 .* published 4 Jul 2024"


def _quote_from_a_later_source(doc: Doc) -> str:
    astana = _event(doc, "putin-xi-2024-07-03-astana")
    astana["quotes"][0]["source"] = "peoplecn-2024-10-23-kazan"
    return rf"\$\.events\[{_index(doc, 'events', astana['id'])}\]\.quotes\[0\]\.source: the " \
        r"quote is shown from 3 Jul 2024 .* published 23 Oct 2024"


def _figure_from_a_later_source(doc: Doc) -> str:
    astana = _event(doc, "putin-xi-2024-07-03-astana")
    astana["figures"][0]["source"] = "trtworld-2024-10-24-brics"
    return rf"\$\.events\[{_index(doc, 'events', astana['id'])}\]\.figures\[0\]\.source: the " \
        r"figure is shown from 3 Jul 2024 .* published 24 Oct 2024"


def _source_dated_to_the_month(doc: Doc) -> str:
    _source(doc, "astanatimes-2024-07-04-sco-kicks-off")["date"] = "2024-07"
    i = _index(doc, "sources", "astanatimes-2024-07-04-sco-kicks-off")
    return rf"\$\.sources\[{i}\]\.date: '2024-07' is not one day"


def _source_without_date(doc: Doc) -> str:
    del _source(doc, "tass-1811995")["date"]
    i = _index(doc, "sources", "tass-1811995")
    return rf"\$\.sources\[{i}\]: source 'tass-1811995' has no date"


def _figure_without_attribution(doc: Doc) -> str:
    erdogan = _event(doc, "putin-erdogan-2024-07-03-astana")
    del erdogan["figures"][1]["attributed_to"]
    return rf"\$\.events\[{_index(doc, 'events', erdogan['id'])}\]\.figures\[1\]: figure " \
        r"'Russia–Türkiye trade goal' does not say who stated it"


def _quote_without_speaker(doc: Doc) -> str:
    beijing = _event(doc, "putin-xi-2024-05-16-beijing")
    del beijing["quotes"][0]["speaker"]
    return rf"\$\.events\[{_index(doc, 'events', beijing['id'])}\]\.quotes\[0\]: missing " \
        r"required field 'speaker'"


def _event_without_reports(doc: Doc) -> str:
    harbin = _event(doc, "putin-harbin-2024-05-17")
    del harbin["reports"]
    return rf"\$\.events\[{_index(doc, 'events', harbin['id'])}\]: event " \
        r"'putin-harbin-2024-05-17' has no reports"


def _name_form_without_a_source(doc: Doc) -> str:
    i = _index(doc, "people", "xi")
    del doc["people"][i]["name_sources"]["ru"]
    return rf"\$\.people\[{i}\]\.names\.ru: the ru form 'Си Цзиньпин' of Xi Jinping's " \
        r"name cites no source"


def _coordinates_without_a_source(doc: Doc) -> str:
    i = _index(doc, "places", "kazan-kremlin")
    del doc["places"][i]["source"]
    return rf"\$\.places\[{i}\]: the coordinates of place 'kazan-kremlin' cite no source"


PLANTED: dict[str, Callable[[Doc], str]] = {
    "report before its source": _report_before_its_source,
    "report summary without a source": _report_summary_without_source,
    "report topics without a source": _report_topics_without_source,
    "event related to itself": _related_to_itself,
    "event summary from a later source": _summary_from_a_later_source,
    "quote from a later source": _quote_from_a_later_source,
    "figure from a later source": _figure_from_a_later_source,
    "source dated to the month": _source_dated_to_the_month,
    "source without a date": _source_without_date,
    "figure without attribution": _figure_without_attribution,
    "quote without a speaker": _quote_without_speaker,
    "event without reports": _event_without_reports,
    "name form without a source": _name_form_without_a_source,
    "coordinates without a source": _coordinates_without_a_source,
}


def _validate(path: Path, *, strict: bool) -> tuple[int, str]:
    out = io.StringIO()
    code = validate_files([str(path)], quiet=True, out=out, strict=strict)
    return code, out.getvalue()


@pytest.mark.parametrize("rule", list(PLANTED))
def test_each_rule_catches_a_planted_error(rule: str, tmp_path: Path) -> None:
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    expected = PLANTED[rule](doc)
    path = tmp_path / "planted.timeline.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    code, out = _validate(path, strict=True)
    assert code == 1, out
    lines = out.strip().splitlines()
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+: {expected}", line)
               for line in lines), out
    if rule == "source dated to the month":
        # Counted as published on 31 July, it also comes after the reports citing it.
        assert all("sco-kicks-off" in line for line in lines) and len(lines) > 1
    else:
        assert len(lines) == 1, out


def test_the_line_and_column_point_at_the_planted_value(tmp_path: Path) -> None:
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    _source_dated_to_the_month(doc)
    path = tmp_path / "planted.timeline.json"
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    _, out = _validate(path, strict=True)
    line, column = (int(n) for n in out.split(":")[1:3])
    assert text.splitlines()[line - 1][column - 1:].startswith('"2024-07"')


def test_without_strict_the_same_file_is_only_valid(tmp_path: Path) -> None:
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    _source_dated_to_the_month(doc)
    _report_before_its_source(doc)
    path = tmp_path / "planted.timeline.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert _validate(path, strict=False) == (0, "")
    code, out = _validate(path, strict=True)
    assert code == 1 and "'2024-07' is not one day" in out and "cite 'kremlin-75370'" in out
