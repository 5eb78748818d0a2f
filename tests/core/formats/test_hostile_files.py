"""Hostile and foreign-made files: a located error or a correct result, never a traceback.

Each test is one reproducer from the review of real and hostile files; see
also ``test_recurrence`` (calendars) and ``tests/test_hostile_cli.py`` (the
same files through the commands, in a subprocess with a time limit).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from formats_support import assert_valid, default_timeline

from summit_timeline.core.formats import all_formats as _registered  # noqa: F401
from summit_timeline.core.formats import (
    csv_plain,
    csv_rows,
    ics,
    native,
    registry,
    timelinejs,
    timelinejs_csv,
)
from summit_timeline.core.problems import LoadError
from summit_timeline.core.review_store import ReviewStore

REAL = Path(__file__).parents[2] / "data" / "real"
HUGE = "9" * 5000


def _native_doc() -> dict[str, object]:
    result: dict[str, object] = json.loads(native.encode(default_timeline()))
    return result


# ---------------------------------------------------------------- numbers too long to read


def test_native_number_of_5000_digits_is_a_located_error() -> None:
    text = json.dumps(_native_doc(), indent=2).replace('"importance": 3', f'"importance": {HUGE}',
                                                       1)
    with pytest.raises(LoadError) as info:
        native.decode(text.encode(), "big.timeline.json")
    [problem] = info.value.problems
    assert problem.path.endswith(".importance") and problem.line > 1
    assert "too large" in problem.message
    line = text.splitlines()[problem.line - 1]
    assert HUGE in line


def test_number_too_long_for_json_module_is_a_located_error() -> None:
    """Broken JSON is explained with the standard library, which refuses such numbers."""
    data = b'{"format": "summit-timeline/1",\n "title": ' + HUGE.encode() + b',,}'
    with pytest.raises(LoadError) as info:
        native.decode(data, "broken.timeline.json")
    assert (info.value.problems[0].line, info.value.problems[0].column) == (2, 11)
    tl3 = b'{"events": [{"start_date": {"year":\n' + HUGE.encode() + b'}}]}'
    with pytest.raises(LoadError) as info:
        timelinejs.read(tl3, "big.json")
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (2, 1) and "5,000 digits" in problem.message


# ---------------------------------------------------------------- lone surrogates


def test_lone_surrogate_is_replaced_at_load_with_a_located_warning(tmp_path: Path) -> None:
    doc = _native_doc()
    events = doc["events"]
    assert isinstance(events, list)
    events[2]["title"] = "Talks \ud800 in Beijing"
    text = json.dumps(doc, indent=1)  # ASCII: the surrogate is written as an escape
    loaded = native.decode(text.encode(), "s.timeline.json")
    title = loaded.timeline.events[2].title
    assert title == "Talks \ufffd in Beijing"
    [warning] = loaded.warnings
    line = text.splitlines()[warning.line - 1]
    assert line[warning.column - 1:].startswith("\\ud800")
    # Nothing downstream meets it: every exporter and the review store can write.
    for fmt in registry.writers():
        assert fmt.write is not None
        fmt.write(loaded.timeline).decode("utf-8")
    store, _ = ReviewStore.open(tmp_path / "s.timeline.json", loaded.timeline)
    store.set_note("me", loaded.timeline.events[2].id, title)
    store.flush()


def test_surrogate_pairs_and_escaped_backslashes_are_left_alone() -> None:
    data = (b'{"events": [{"start_date": {"year": 2024}, "text": {"headline": '
            b'"\\ud83d\\ude00 and \\\\ud800"}}]}')
    loaded = timelinejs.read(data, "ok.json")
    assert loaded.timeline.events[0].title == "\U0001F600 and \\ud800"
    assert not loaded.warnings
    lone = timelinejs.read(data.replace(b"\\\\ud800", b"\\ud800"), "lone.json")
    assert lone.timeline.events[0].title.endswith("and \ufffd")
    assert "surrogate" in lone.warnings[0].message


# ---------------------------------------------------------------- one problem in a big file


def _big(events: int, **changes: object) -> bytes:
    """A valid file of ``events`` events; ``changes`` (``e12=("importance", "x")``) spoil some."""
    doc = _native_doc()
    template = dict(doc["events"][0])  # type: ignore[index]
    items = [dict(template, id=f"e{i}", related=[]) for i in range(events)]
    for ident, (key, value) in changes.items():  # type: ignore[misc]
        items[int(ident[1:])][key] = value
    doc["events"] = items
    return json.dumps(doc, indent=1).encode()


def test_unknown_field_in_the_last_event_is_a_located_warning() -> None:
    data = _big(20_000)
    at = data.rindex(b'"id": "e19999"')
    data = data[:at] + b'"colour_hint": "red", ' + data[at:]
    loaded = native.decode(data, "big.timeline.json")
    assert len(loaded.timeline.events) == 20_000
    [warning] = loaded.warnings
    assert warning.path == "$.events[19999].colour_hint"
    line = data.decode().splitlines()[warning.line - 1]
    assert line[warning.column - 1:].startswith('"colour_hint"')


def test_one_wrong_type_is_one_located_error_and_no_second_error_elsewhere() -> None:
    data = _big(20_000, e12345=("importance", "high"))
    with pytest.raises(LoadError) as info:
        native.decode(data, "big.timeline.json")
    [problem] = info.value.problems
    assert problem.path == "$.events[12345].importance"
    assert "expected 'int', got 'str'" in problem.message
    line = data.decode().splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith('"high"')


def test_every_event_with_an_unknown_field_is_listed_up_to_a_bound() -> None:
    data = re.sub(rb'"id": "e(\d+)"', rb'"extra": 1, "id": "e\1"', _big(3000))
    loaded = native.decode(data, "many.timeline.json")
    assert len(loaded.timeline.events) == 3000
    summary = [w for w in loaded.warnings if "items have problems" in w.message]
    assert [w.message for w in summary] == ["3,000 items have problems; the first 200 are listed"]
    assert len([w for w in loaded.warnings if "'extra'" in w.message]) >= 199


# ---------------------------------------------------------------- text from the file


def test_field_names_are_printed_escaped() -> None:
    data = b"title,when,\x1b[2J\x1b[31mred\n" + b"A,2024,x\n"
    loaded = csv_plain.read(data, "esc.csv")
    printed = "\n".join(str(w) for w in loaded.warnings)
    assert "\x1b" not in printed and "\\x1b[2J\\x1b[31mred" in printed


# ---------------------------------------------------------------- CSV


def test_csv_header_is_checked_before_the_rest_is_read() -> None:
    """A file that is not a sheet is refused for its header, even though the bytes after
    it are not text at all: nothing past the header was decoded."""
    data = b"lorem ipsum dolor\n" + b"\xff\xfe\x00garbage" * 100_000
    with pytest.raises(LoadError) as info:
        csv_plain.read(data, "text.csv")
    assert "'title'" in str(info.value) and "UTF-8" not in str(info.value)


def test_csv_rows_are_read_as_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_rows, "_CHUNK", 16)  # the real chunk is 1 MiB; the same code
    table = csv_rows.read_table(b"title,when\n" + b"A,2024\n" * 10 + b"B,\xff\n", "s.csv")
    rows = table.rows
    assert next(rows).cells == {"title": "A", "when": "2024"}  # the bad byte is still ahead
    with pytest.raises(LoadError) as info:
        list(rows)
    assert info.value.problems[0].line == 12


def test_utf16_plain_csv_is_read_as_plain_csv() -> None:
    data = (REAL / "plain_utf16.csv").read_bytes()
    fmt = registry.detect(data, "plain_utf16.csv")
    assert fmt is not None and fmt.name == csv_plain.NAME
    loaded = csv_plain.read(data, "plain_utf16.csv")
    assert_valid(loaded)
    assert [e.id for e in loaded.timeline.events] == ["beijing", "astana", "kazan"]
    assert loaded.timeline.tracks[0].title == "Putin–Xi"
    assert not timelinejs_csv.sniff(data, "plain_utf16.csv")


# ---------------------------------------------------------------- TimelineJS


def test_cp1252_timelinejs_is_read_with_a_warning_naming_the_encoding() -> None:
    loaded = timelinejs.read((REAL / "timelinejs_cp1252.json").read_bytes(), "cp.json")
    assert loaded.timeline.title == "Réunions à Pékin"
    assert loaded.timeline.events[0].summary.startswith("Café, thé — et")
    [warning] = [w for w in loaded.warnings if "Windows-1252" in w.message]
    assert warning.line >= 1


def _timelinejs_label(year: int) -> str:
    """How TimelineJS (English) labels a year: the ``yyyy`` of a JavaScript date, whose
    years are astronomical, with the negative-year suffix "BCE" after its absolute value."""
    return f"{abs(year)} BCE" if year < 0 else str(year)


@pytest.mark.parametrize("year", [-44, -27, -1, 0, 1, 2024])
def test_timelinejs_years_mean_what_timelinejs_shows(year: int) -> None:
    data = json.dumps({"events": [{"start_date": {"year": year},
                                   "text": {"headline": "x"}}]}).encode()
    event = timelinejs.read(data, "y.json").timeline.events[0]
    from summit_timeline.core import dates

    assert dates.parse(event.when).display() == \
        (_timelinejs_label(year) if year != 0 else "1 BCE")
    written = json.loads(timelinejs.write(timelinejs.read(data, "y.json").timeline))
    assert written["events"][0]["start_date"]["year"] == (year if year != 0 else -1)


def test_bce_corpus_file_round_trips() -> None:
    data = (REAL / "timelinejs_bce.json").read_bytes()
    loaded = timelinejs.read(data, "bce.json")
    when = {e.id: e.when for e in loaded.timeline.events}
    assert when["caesar"] == "-0043-03-15" and when["augustus"] == "-0026"
    assert when["first-bce"] == "0000/0001"
    again = timelinejs.read(timelinejs.write(loaded.timeline), "again.json").timeline
    assert again.events == loaded.timeline.events
    assert [t.id for t in again.tracks] == [t.id for t in loaded.timeline.tracks]


# ---------------------------------------------------------------- ids through round trips


def test_ids_survive_icalendar_and_timelinejs() -> None:
    original = default_timeline()
    back = ics.read(ics.write(original), "again.ics").timeline
    assert {t.id for t in back.tracks} == {t.id for t in original.tracks}
    used_people = {p for e in original.events for p in e.participants}
    assert {p.id for p in back.people} == used_people
    used_places = {e.place for e in original.events if e.place}
    assert {p.id for p in back.places} == used_places
    assert [e.track for e in back.events] == [e.track for e in original.events]
    tl = timelinejs.read(timelinejs.write(original), "again.json").timeline
    assert [e.id for e in tl.events] == [e.id for e in original.events]
    assert {t.id for t in tl.tracks} == {t.id for t in original.tracks}


def test_a_hand_edited_sidecar_with_a_lone_surrogate_can_be_saved_again(tmp_path: Path) -> None:
    from summit_timeline.core import review

    data = (b'{"format": "summit-timeline-review/1", "reviewers": {"Ann": {"events": {"e1": '
            b'{"updated": "2024-07-03T10:00:00Z", "note": "Checked \\ud800"}}}}}')
    doc = review.decode(data, "x.review.json")
    assert doc.reviewers["Ann"].events["e1"].note == "Checked \ufffd"
    assert review.decode(review.encode(doc)) == doc
