"""Reading, writing and diagnosing native timeline files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summit_timeline.core.formats import native
from summit_timeline.core.problems import LoadError
from summit_timeline.resources import default_dataset

MINIMAL = {
    "format": "summit-timeline/1",
    "title": "Test",
    "people": [{"id": "putin", "name": "Vladimir Putin"}],
    "places": [{"id": "astana", "name": "Astana", "country": "Kazakhstan"}],
    "sources": [{"id": "src", "title": "A source"}],
    "tracks": [{"id": "main", "title": "Main"}],
    "events": [
        {"id": "a", "track": "main", "title": "First", "when": "2024-05-16"},
        {"id": "b", "track": "main", "title": "Second", "when": "2024-07-03", "place": "astana",
         "participants": ["putin"], "sources": ["src"]},
        {"id": "c", "track": "main", "title": "Third", "when": "2024-10-22/2024-10-24"},
        {"id": "d", "track": "main", "title": "Fourth", "when": "2024-10"},
    ],
}


def write(tmp_path: Path, doc: object, name: str = "t.timeline.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        native.load(path)
    return [str(p) for p in caught.value.problems]


def test_default_dataset_round_trips_without_loss(tmp_path: Path) -> None:
    original = native.load(default_dataset()).timeline
    out = tmp_path / "copy.timeline.json"
    native.save(original, out)
    again = native.load(out).timeline
    assert again == original
    assert len(again.events) == len(original.events) > 0


def test_written_file_keeps_non_ascii_readable(tmp_path: Path) -> None:
    original = native.load(default_dataset()).timeline
    text = native.encode(original).decode("utf-8")
    assert "习近平" in text and "\\u" not in text


def test_bad_date_names_file_path_line_and_column(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][3]["when"] = "2024-13-01"
    path = write(tmp_path, doc)
    lines = problems_of(path)
    assert len(lines) == 1
    text = path.read_text()
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if "2024-13-01" in line)
    column = text.splitlines()[line_no - 1].index('"2024-13-01"') + 1
    assert lines[0].startswith(f"{path}:{line_no}:{column}: $.events[3].when: '2024-13-01'")
    assert "not a valid EDTF date" in lines[0]


def test_malformed_json_points_at_the_break(tmp_path: Path) -> None:
    path = tmp_path / "broken.timeline.json"
    path.write_text('{\n  "format": "summit-timeline/1",\n  "title": "x",,\n}\n')
    [line] = problems_of(path)
    assert line.startswith(f"{path}:3:")
    assert "malformed JSON" in line


def test_a_file_cut_short_says_which_list_is_left_open(tmp_path: Path) -> None:
    """Cut after an event's closing brace, the decoder's own words ("expected ','")
    would send people looking for a missing comma; the file simply ends."""
    whole = json.dumps({"format": "summit-timeline/1", "title": "x",
                        "tracks": [{"id": "m", "title": "M"}],
                        "events": [{"id": "a", "track": "m", "title": "A",
                                    "when": "2024-01-01", "status": "held"}]},
                       separators=(",", ":"))
    path = tmp_path / "cut.timeline.json"
    path.write_text(whole[:whole.index('"held"}') + len('"held"}')])
    [line] = problems_of(path)
    events_at = whole.index('"events":[') + len('"events":[')
    assert line == (f"{path}:1:{len(path.read_text()) + 1}: the file ends before the list "
                    f"$.events (opened at line 1, column {events_at}) is closed: expected "
                    "']', then '}' to close the top-level object; was the file cut short?")
    assert "comma" not in line


@pytest.mark.parametrize(("cut_after", "says"), [
    ('"talks"', "the list $.events[0].topics"),
    ('"status":', "the object $.events[0]"),
    ('"tracks": [', "the list $.tracks"),
])
def test_a_file_cut_anywhere_names_the_innermost_open_container(
        tmp_path: Path, cut_after: str, says: str) -> None:
    whole = json.dumps({"format": "summit-timeline/1", "title": "x",
                        "tracks": [{"id": "m", "title": "M"}],
                        "events": [{"id": "a", "track": "m", "title": "A", "when": "2024",
                                    "status": "held", "topics": ["talks", "trade"]}]},
                       indent=2)
    path = tmp_path / "cut.timeline.json"
    path.write_text(whole[:whole.index(cut_after) + len(cut_after)] + "\n")
    [line] = problems_of(path)
    assert f"the file ends before {says} (opened at line " in line, line


def test_a_file_cut_inside_a_string_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.timeline.json"
    text = '{"format": "summit-timeline/1", "title": "Putin–Xi meet'
    path.write_text(text)
    [line] = problems_of(path)
    column = text.index('"Putin') + 1
    assert line.startswith(f"{path}:1:{column}: the file ends in the middle of a string in the "
                           "top-level object"), line


def test_trailing_comma_and_empty_file_are_named(tmp_path: Path) -> None:
    path = tmp_path / "comma.timeline.json"
    path.write_text('{\n  "format": "summit-timeline/1",\n  "title": "x",\n  "events": [\n'
                    '    {"id": "a"},\n  ]\n}\n')
    [line] = problems_of(path)
    assert line.startswith(f"{path}:6:3:") and "trailing comma" in line
    empty = tmp_path / "empty.timeline.json"
    empty.write_text("  \n")
    [line] = problems_of(empty)
    assert "the file is empty" in line


def test_not_utf8_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin1.timeline.json"
    path.write_bytes('{"format": "summit-timeline/1",\n "title": "Erdoğan"}'.encode("latin-1",
                                                                                    "replace")
                     .replace(b"?", b"\xf0"))
    [line] = problems_of(path)
    assert line.startswith(f"{path}:2:")
    assert "not UTF-8" in line


def test_wrong_format_version(tmp_path: Path) -> None:
    doc = dict(MINIMAL, format="summit-timeline/9")
    [line] = problems_of(write(tmp_path, doc))
    assert "$.format" in line and "summit-timeline/1" in line and "summit-timeline/9" in line


def test_unknown_fields_are_warnings_and_the_file_still_loads(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][1]["colour_hint"] = "red"
    doc["extra"] = 1
    path = write(tmp_path, doc)
    loaded = native.load(path)
    assert len(loaded.timeline.events) == 4
    messages = [str(w) for w in loaded.warnings]
    assert any("$.events[1].colour_hint" in m and "unknown field" in m for m in messages)
    assert any("$.extra" in m for m in messages)
    assert all(w.severity == "warning" and w.line > 0 for w in loaded.warnings)


def test_duplicate_ids_and_missing_references(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][2]["id"] = "a"
    doc["events"][1]["place"] = "kazan"
    doc["events"][1]["participants"] = ["putin", "xi"]
    doc["events"][0]["track"] = "nowhere"
    doc["events"][3]["sources"] = ["missing-source"]
    lines = problems_of(write(tmp_path, doc))
    joined = "\n".join(lines)
    assert "$.events[2].id: duplicate id 'a'" in joined
    assert "$.events[1].place: no place with id 'kazan'" in joined
    assert "$.events[1].participants[1]: no person with id 'xi'" in joined
    assert "$.events[0].track: no track with id 'nowhere'" in joined
    assert "$.events[3].sources[0]: no source with id 'missing-source'" in joined
    assert len(lines) == 5


def test_name_and_coordinate_sources_must_exist(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["people"][0]["names"] = {"ru": "Владимир Путин", "zh-Hant": "普京"}
    doc["people"][0]["name_sources"] = {"ru": "src", "zh-Hant": "gone"}
    doc["places"][0].update(latitude=51.18, longitude=71.45, source="no-gazetteer")
    lines = problems_of(write(tmp_path, doc))
    assert [line.split(": ", 1)[1] for line in lines] == [
        '$.people[0].name_sources["zh-Hant"]: no source with id \'gone\' in $.sources',
        "$.places[0].source: no source with id 'no-gazetteer' in $.sources"]


def test_interval_ending_before_it_starts(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][2]["when"] = "2024-10-24/2024-10-22"
    [line] = problems_of(write(tmp_path, doc))
    assert "$.events[2].when" in line and "2024-10-24/2024-10-22" in line


def test_wrong_types_and_missing_fields_each_reported(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][0]["title"] = 5
    del doc["events"][2]["when"]
    doc["events"][3]["status"] = "rumoured"
    lines = problems_of(write(tmp_path, doc))
    joined = "\n".join(lines)
    assert "$.events[0].title: expected 'str', got 'int'" in joined
    assert "$.events[2]: missing required field 'when'" in joined
    assert "$.events[3].status" in joined and "rumoured" in joined


def test_top_level_array_and_empty_file(tmp_path: Path) -> None:
    [line] = problems_of(write(tmp_path, [1, 2]))
    assert "expected a JSON object" in line
    empty = tmp_path / "empty.timeline.json"
    empty.write_bytes(b"")
    [line] = problems_of(empty)
    assert "empty" in line


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    [line] = problems_of(tmp_path / "nope.timeline.json")
    assert "cannot read the file" in line


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.timeline.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    [line] = problems_of(path)
    assert str(path) in line


def test_every_problem_is_reported_in_one_run_in_file_order(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["events"][0]["when"] = "2024-13-01"
    doc["events"][1]["track"] = "nowhere"
    doc["events"][3]["status"] = "happened"
    lines = problems_of(write(tmp_path, doc))
    assert len(lines) == 3
    assert "$.events[0].when" in lines[0]
    assert "$.events[1].track: no track with id 'nowhere'" in lines[1]
    assert "$.events[3].status" in lines[2]
    assert "expected one of: held, planned, postponed, cancelled" in lines[2]
    numbers = [tuple(int(n) for n in line.split(":")[1:3]) for line in lines]
    assert numbers == sorted(numbers)


def test_a_broken_item_causes_no_second_error_where_it_is_referred_to(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["tracks"][0]["order"] = "first"
    [line] = problems_of(write(tmp_path, doc))
    assert "$.tracks[0].order" in line
