"""The review store: what a reviewer writes is saved, merged and never lost."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from summit_timeline.core import review, review_files
from summit_timeline.core.model import Timeline
from summit_timeline.core.review_store import ReviewStore, sidecar_name, sidecar_path


def _store(path: Path, timeline: Timeline, clock=None) -> ReviewStore:
    store = ReviewStore(path, timeline, timeline_file="meetings.timeline.json",
                        **({"clock": clock} if clock else {}))
    assert store.load() == []
    return store


# ---------------------------------------------------------------- round trip


def test_round_trip_keeps_every_field(sidecar, timeline, clock):
    store = _store(sidecar, timeline, clock)
    store.set_flag("Anna", "astana", "disputed")
    store.set_note("Anna", "astana", "Line one\n\n- a **point**\n" + "long " * 5000)
    store.mark_item("Anna", "astana", "figure", 0, "disputed", "period not stated")
    store.mark_item("Anna", "astana", "quote", 0, "checked")
    store.mark_item("Anna", "astana", "source", "tass", "checked", "transcript matches")
    store.set_flag("Boris", "beijing", "checked")
    assert store.dirty and store.last_saved is None
    assert store.flush() == []
    assert not store.dirty and store.last_saved is not None

    again = _store(sidecar, timeline)
    assert again.document().reviewers == store.document().reviewers
    anna = again.get("Anna", "astana")
    assert anna is not None
    assert anna.flag == "disputed" and anna.note.startswith("Line one\n\n- a **point**")
    assert anna.title == "Talks in Astana"
    assert anna.items["figure:0"].reason == "period not stated"
    assert anna.items["figure:0"].subject == "Trade: over $200 billion"
    assert anna.items["source:tass"].subject == "TASS report"
    assert again.flag("Boris", "beijing") == "checked"
    assert again.flag("Boris", "astana") == "unreviewed"
    assert again.reviewers() == ["Anna", "Boris"]
    assert not again.dirty


def test_file_is_readable_json_with_utc_timestamps(sidecar, timeline, clock):
    store = _store(sidecar, timeline, clock)
    store.set_flag("Anna", "kazan", "needs_work")
    store.set_note("Anna", "kazan", "check the date")
    store.flush()
    raw = json.loads(sidecar.read_text("utf-8"))
    assert raw["format"] == "summit-timeline-review/1"
    assert raw["timeline"] == {"file": "meetings.timeline.json",
                               "title": "Test meetings <2024> & co"}
    entry = raw["reviewers"]["Anna"]["events"]["kazan"]
    assert entry["flag_at"] == "2024-07-03T12:00:00Z"
    assert entry["note_at"] == entry["updated"] == "2024-07-03T12:00:01Z"


def test_unchanged_edits_do_not_dirty_and_clean_flush_does_not_write(sidecar, timeline):
    store = _store(sidecar, timeline)
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    before = sidecar.stat().st_ino, sidecar.stat().st_mtime_ns
    store.set_flag("Anna", "kazan", "checked")
    store.set_note("Anna", "kazan", "")
    store.mark_item("Anna", "kazan", "source", "article", None)
    assert not store.dirty
    assert store.flush() == []
    assert (sidecar.stat().st_ino, sidecar.stat().st_mtime_ns) == before


def test_item_marks_can_be_cleared(sidecar, timeline):
    store = _store(sidecar, timeline)
    store.mark_item("Anna", "astana", "quote", 0, "disputed", "wording")
    store.mark_item("Anna", "astana", "quote", 0, None)
    assert store.get("Anna", "astana").items == {}


@pytest.mark.parametrize(("args", "message"), [
    (("", "kazan", "checked"), "name"),
    (("Anna", "", "checked"), "event id"),
    (("Anna", "kazan", "done"), "unknown flag"),
])
def test_bad_edits_are_refused(sidecar, timeline, args, message):
    with pytest.raises(ValueError, match=message):
        _store(sidecar, timeline).set_flag(*args)


def test_bad_item_refs_are_refused(sidecar, timeline):
    store = _store(sidecar, timeline)
    with pytest.raises(ValueError, match="index"):
        store.mark_item("Anna", "astana", "quote", "q1", "checked")
    with pytest.raises(ValueError, match="id"):
        store.mark_item("Anna", "astana", "source", 3, "checked")
    with pytest.raises(ValueError, match="verdict"):
        store.mark_item("Anna", "astana", "source", "tass", "fine")  # type: ignore[arg-type]


def test_listeners_hear_edits_and_merges(sidecar, timeline):
    heard: list[frozenset[tuple[str, str]]] = []
    store = _store(sidecar, timeline)
    unsubscribe = store.subscribe(heard.append)
    store.set_flag("Anna", "kazan", "checked")
    other = _store(sidecar, timeline)
    other.set_note("Boris", "astana", "hello")
    other.flush()
    store.reload()
    unsubscribe()
    store.set_flag("Anna", "kazan", "disputed")
    assert heard == [frozenset({("Anna", "kazan")}), frozenset({("Boris", "astana")})]


# ---------------------------------------------------------------- orphans, progress


def test_orphaned_notes_are_kept_listed_and_saved(sidecar, timeline):
    store = _store(sidecar, timeline)
    store.set_flag("Anna", "kazan", "disputed")
    store.set_note("Anna", "kazan", "the date is wrong")
    store.set_flag("Anna", "astana", "checked")
    store.flush()

    without_kazan = msgspec.structs.replace(
        timeline, events=tuple(e for e in timeline.events if e.id != "kazan"))
    reopened = _store(sidecar, without_kazan)
    orphans = reopened.orphans()
    assert [(o.reviewer, o.event_id, o.review.note, o.review.title) for o in orphans] == [
        ("Anna", "kazan", "the date is wrong", "Meeting in Kazan")]
    assert reopened.progress("Anna").text() == "1 of 2 reviewed"
    reopened.set_note("Anna", "astana", "edited after the event vanished")
    reopened.flush()
    assert _store(sidecar, timeline).note("Anna", "kazan") == "the date is wrong"


def test_orphaned_notes_move_to_the_renamed_event_and_stay_moved(sidecar, timeline, clock):
    store = _store(sidecar, timeline, clock)
    store.set_flag("Anna", "kazan", "disputed")
    store.set_note("Anna", "kazan", "the date is wrong")
    store.mark_item("Anna", "kazan", "source", "article", "disputed", "only announced")
    store.flush()
    older_copy = sidecar.read_bytes()
    renamed = msgspec.structs.replace(timeline, events=tuple(
        msgspec.structs.replace(e, id="kazan-2024") if e.id == "kazan" else e
        for e in timeline.events))
    reopened = _store(sidecar, renamed, clock)
    reopened.set_note("Anna", "kazan-2024", "Seen again after the rename.")
    reopened.reattach("Anna", "kazan", "kazan-2024")
    moved = reopened.get("Anna", "kazan-2024")
    assert moved is not None and moved.flag == "disputed"
    assert moved.note == "Seen again after the rename.\n\nthe date is wrong"
    assert moved.items["source:article"].reason == "only announced"
    assert moved.title == "Meeting in Kazan"
    assert reopened.orphans() == []
    assert reopened.progress("Anna").by_flag["disputed"] == 1
    reopened.flush()
    # Merged with a copy saved before the move, either way round, the move holds.
    before, after = review.decode(older_copy), review.decode(sidecar.read_bytes())
    for merged in (review.merge(before, after), review.merge(after, before)):
        assert review.orphans(merged, renamed) == []
        assert review.events_of(merged, "Anna")["kazan"].moved_to == "kazan-2024"
    with pytest.raises(ValueError):
        reopened.reattach("Anna", "kazan", "kazan-2024")


def test_progress_next_unreviewed_and_flag_codes(sidecar, timeline):
    store = _store(sidecar, timeline)
    assert store.progress("Anna").text() == "0 of 3 reviewed"
    store.set_flag("Anna", "beijing", "checked")
    store.set_flag("Anna", "kazan", "needs_work")
    progress = store.progress("Anna")
    assert progress.text() == "2 of 3 reviewed"
    assert progress.by_flag == {"unreviewed": 1, "checked": 1, "needs_work": 1, "disputed": 0}
    assert store.next_unreviewed("Anna") == "astana"
    assert store.next_unreviewed("Anna", after="astana") is None
    order = ["beijing", "astana", "kazan"]
    assert store.next_unreviewed("Anna", order, after="kazan") == "astana"
    codes = review.flag_codes(store.document(), "Anna", [e.id for e in timeline.events])
    assert codes.tolist() == [0, 1, 2]


# ---------------------------------------------------------------- several writers


def test_two_stores_on_one_file_merge_per_event(sidecar, timeline):
    first = _store(sidecar, timeline)
    second = _store(sidecar, timeline)
    first.set_flag("Anna", "astana", "checked")
    first.set_note("Anna", "kazan", "from the first window")
    second.set_flag("Boris", "astana", "disputed")
    second.set_note("Anna", "beijing", "same reviewer, another event")
    first.flush()
    second.flush()  # must not drop what the first one saved
    merged = _store(sidecar, timeline)
    assert merged.flag("Anna", "astana") == "checked"
    assert merged.note("Anna", "kazan") == "from the first window"
    assert merged.flag("Boris", "astana") == "disputed"
    assert merged.note("Anna", "beijing") == "same reviewer, another event"
    assert first.reload() == [] and first.note("Anna", "beijing") == "same reviewer, another event"
    assert not first.dirty


def test_same_event_edited_twice_latest_timestamp_wins(sidecar, timeline):
    base = datetime(2024, 7, 3, 12, tzinfo=UTC)
    early = _store(sidecar, timeline, clock=lambda: base)
    late = _store(sidecar, timeline, clock=lambda: base + timedelta(minutes=5))
    late.set_note("Anna", "kazan", "written later")
    early.set_note("Anna", "kazan", "written earlier")
    late.flush()
    early.flush()  # saved last, but its edit is older: the later edit stays
    assert _store(sidecar, timeline).note("Anna", "kazan") == "written later"
    assert early.note("Anna", "kazan") == "written later"


def test_rapid_edits_keep_their_order_with_a_stuck_clock(sidecar, timeline):
    frozen = datetime(2024, 7, 3, 12, tzinfo=UTC)
    store = _store(sidecar, timeline, clock=lambda: frozen)
    store.set_note("Anna", "kazan", "one")
    first = store.get("Anna", "kazan").updated
    store.set_note("Anna", "kazan", "two")
    assert store.get("Anna", "kazan").updated > first


def test_merge_is_idempotent_and_commutative():
    def doc(note: str, second: int) -> review.ReviewDocument:
        at = datetime(2024, 7, 3, 12, 0, second, tzinfo=UTC)
        return review.ReviewDocument(format=review.FORMAT, reviewers={
            "Anna": review.ReviewerRecord(events={"e": review.EventReview(updated=at, note=note)}),
            note: review.ReviewerRecord(events={"x": review.EventReview(updated=at)}),
        })

    a, b = doc("a", 1), doc("b", 2)
    assert review.merge(a, b) == review.merge(b, a)
    assert review.merge(review.merge(a, b), b) == review.merge(a, b)
    assert review.merge(a, b).reviewers["Anna"].events["e"].note == "b"


# ---------------------------------------------------------------- atomic saves


def test_a_failed_save_leaves_the_old_file_and_stays_dirty(sidecar, timeline, monkeypatch):
    store = _store(sidecar, timeline)
    store.set_note("Anna", "kazan", "saved")
    store.flush()
    before = sidecar.read_bytes()

    store.set_note("Anna", "kazan", "not yet saved")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        store.flush()
    assert sidecar.read_bytes() == before
    assert store.dirty
    assert [p.name for p in sidecar.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    store.flush()
    assert _store(sidecar, timeline).note("Anna", "kazan") == "not yet saved"


def test_save_goes_through_a_temporary_file_and_rename(sidecar, timeline, monkeypatch):
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src).name, Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store = _store(sidecar, timeline)
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    assert len(replaced) == 1
    temp, target = replaced[0]
    assert target == sidecar.name and temp.startswith(f".{sidecar.name}.")


def test_leftover_temporaries_of_killed_saves_are_removed(sidecar, timeline):
    leftover = sidecar.parent / f".{sidecar.name}.abc123.tmp"
    leftover.write_bytes(b'{"format": "summit-tim')
    store = _store(sidecar, timeline)
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    _store(sidecar, timeline)
    assert not leftover.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_sidecar_is_readable_by_other_reviewers(sidecar, timeline):
    old = os.umask(0o022)
    try:
        store = _store(sidecar, timeline)
        store.set_flag("Anna", "kazan", "checked")
        store.flush()
    finally:
        os.umask(old)
    assert sidecar.stat().st_mode & 0o777 == 0o644


# ---------------------------------------------------------------- broken files


@pytest.mark.parametrize("content", [
    b"",
    b'{\n  "format": "summit-timeline-review/1",\n  "reviewers": {"Anna": {"ev',
    b'{"format": "summit-timeline/1", "title": "a timeline, not notes"}',
    b'{"format": "summit-timeline-review/1", "reviewers": {"Anna": {"events": {"k": '
    b'{"updated": "yesterday"}}}}}',
])
def test_a_broken_sidecar_is_moved_aside_and_reported(sidecar, timeline, content):
    sidecar.write_bytes(content)
    store = ReviewStore(sidecar, timeline)
    problems = store.load()
    assert len(problems) == 1
    aside = [p for p in sidecar.parent.iterdir() if ".broken-" in p.name]
    assert len(aside) == 1 and aside[0].name.startswith("meetings.review.json.broken-")
    assert aside[0].read_bytes() == content
    assert aside[0].name in problems[0].message
    assert problems[0].file == str(sidecar)
    assert not sidecar.exists()
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    assert aside[0].read_bytes() == content
    assert _store(sidecar, timeline).flag("Anna", "kazan") == "checked"


def test_broken_json_is_reported_with_line_and_column(sidecar, timeline):
    sidecar.write_bytes(b'{\n  "format": "summit-timeline-review/1",\n  "reviewers": [}\n')
    (problem,) = ReviewStore(sidecar, timeline).load()
    assert (problem.line, problem.column) == (3, 17)


def test_a_sidecar_cut_short_says_which_object_is_left_open(sidecar, timeline):
    sidecar.write_bytes(b'{\n  "format": "summit-timeline-review/1",\n  "reviewers": {\n'
                        b'    "Anna": {"events": {"kazan": {"flag": "checked"}')
    (problem,) = ReviewStore(sidecar, timeline).load()
    assert "the file ends before the object $.reviewers.Anna.events (opened at line 4, " \
        "column 24) is closed" in problem.message, problem.message
    assert problem.line == 4


def test_a_sidecar_broken_during_a_session_is_not_overwritten(sidecar, timeline):
    store = _store(sidecar, timeline)
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    sidecar.write_bytes(b"{ half written by an editor")
    store.set_note("Anna", "kazan", "more")
    problems = store.flush()
    assert len(problems) == 1
    (aside,) = [p for p in sidecar.parent.iterdir() if ".broken-" in p.name]
    assert aside.read_bytes() == b"{ half written by an editor"
    assert _store(sidecar, timeline).note("Anna", "kazan") == "more"


def test_a_sidecar_from_a_newer_version_is_read_only(sidecar, timeline):
    content = b'{"format": "summit-timeline-review/2", "reviewers": {}}'
    sidecar.write_bytes(content)
    store = ReviewStore(sidecar, timeline)
    problems = store.load()
    assert store.read_only and "newer version" in problems[0].message
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    assert sidecar.read_bytes() == content
    assert not [p for p in sidecar.parent.iterdir() if ".broken-" in p.name]


def test_two_broken_files_in_one_second_both_survive(sidecar, timeline):
    for content in (b"{1", b"{2"):
        sidecar.write_bytes(content)
        assert len(ReviewStore(sidecar, timeline).load()) == 1
    kept = sorted(p.read_bytes() for p in sidecar.parent.iterdir() if ".broken-" in p.name)
    assert kept == [b"{1", b"{2"]


# ---------------------------------------------------------------- compare


def test_compare_two_reviewers(sidecar, timeline, tmp_path):
    mine = _store(sidecar, timeline)
    mine.set_flag("Anna", "astana", "checked")
    mine.set_flag("Anna", "beijing", "checked")
    mine.mark_item("Anna", "beijing", "source", "tass", "checked")
    theirs = _store(tmp_path / "boris.review.json", timeline)
    theirs.set_flag("Boris", "astana", "disputed")
    theirs.set_flag("Boris", "beijing", "checked")
    theirs.mark_item("Boris", "beijing", "source", "tass", "disputed", "wrong day")
    theirs.set_flag("Boris", "kazan", "checked")
    rows = {row.event_id: row for row in mine.compare(theirs, "Anna")}
    assert (rows["astana"].ours, rows["astana"].theirs, rows["astana"].disagree) == (
        "checked", "disputed", True)
    assert rows["beijing"].item_conflicts == ("source:tass",) and rows["beijing"].disagree
    assert (rows["kazan"].ours, rows["kazan"].theirs, rows["kazan"].disagree) == (
        "unreviewed", "checked", False)
    assert list(rows) == ["astana", "beijing", "kazan"]
    theirs.set_flag("Carl", "kazan", "checked")
    with pytest.raises(ValueError, match="Boris, Carl"):
        mine.compare(theirs.document(), "Anna")
    assert mine.compare(theirs.document(), "Anna", "Carl")[2].theirs == "checked"


# ---------------------------------------------------------------- where the file goes


@pytest.mark.parametrize(("name", "expected"), [
    ("meetings.timeline.json", "meetings.review.json"),
    ("meetings.json", "meetings.review.json"),
    ("meetings.csv", "meetings.csv.review.json"),
    (".timeline.json", ".timeline.review.json"),
])
def test_sidecar_names(name, expected):
    assert sidecar_name(name) == expected


def test_sidecar_beside_a_writable_timeline(tmp_path):
    assert sidecar_path(tmp_path / "a.timeline.json") == tmp_path / "a.review.json"


def test_bundled_and_read_only_timelines_use_the_data_folder(tmp_path, monkeypatch):
    data = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setattr(sys, "platform", "linux")
    reviews = data / "summit-timeline" / "reviews"
    bundled = sidecar_path(tmp_path / "x" / "putin-xi-meetings.timeline.json", bundled=True)
    assert bundled.parent == reviews and bundled.name.startswith("putin-xi-meetings-")
    # The bundled file moves with every one-file start; its notes must not.
    assert sidecar_path(tmp_path / "y" / "putin-xi-meetings.timeline.json", bundled=True) == bundled

    monkeypatch.setattr(review_files.os, "access", lambda *args, **kwargs: False)
    one = sidecar_path(tmp_path / "a" / "data.timeline.json")
    two = sidecar_path(tmp_path / "b" / "data.timeline.json")
    assert one.parent == two.parent == reviews
    assert one != two and one.name.startswith("data-") and one.name.endswith(".review.json")
    assert sidecar_path(tmp_path / "a" / "data.timeline.json") == one


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {"XDG_DATA_HOME": "relative/ignored"}, ".local/share/summit-timeline/reviews"),
    ("linux", {}, ".local/share/summit-timeline/reviews"),
    ("darwin", {}, "Library/Application Support/summit-timeline/reviews"),
    ("win32", {}, "AppData/Roaming/summit-timeline/reviews"),
])
def test_user_data_dir_per_platform(monkeypatch, tmp_path, platform, env, expected):
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    for key in ("XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert review_files.user_data_dir() == tmp_path / expected


def test_open_puts_a_new_store_beside_the_timeline(tmp_path, timeline):
    store, problems = ReviewStore.open(tmp_path / "m.timeline.json", timeline)
    assert problems == [] and store.path == tmp_path / "m.review.json"
    store.set_flag("Anna", "kazan", "checked")
    store.flush()
    assert json.loads(store.path.read_text())["timeline"]["file"] == "m.timeline.json"


def test_a_deleted_sidecar_is_written_again(sidecar, timeline):
    store = _store(sidecar, timeline)
    store.set_note("Anna", "kazan", "keep me")
    store.flush()
    sidecar.unlink()
    assert store.reload() == [] and store.dirty
    store.flush()
    assert _store(sidecar, timeline).note("Anna", "kazan") == "keep me"


def test_notes_kept_under_the_bundled_files_former_name_follow_it(tmp_path, monkeypatch):
    from summit_timeline.core.review_files import adopt_former_sidecar

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    current = tmp_path / "pkg" / "putin-xi-meetings.timeline.json"
    former = sidecar_path(current.with_name("putin-xi-2024.timeline.json"), bundled=True)
    former.parent.mkdir(parents=True)
    former.write_text('{"notes": "a reviewer\'s work"}', encoding="utf-8")
    adopt_former_sidecar(current, ("putin-xi-2024.timeline.json",))
    new = sidecar_path(current, bundled=True)
    assert new.read_text(encoding="utf-8") == '{"notes": "a reviewer\'s work"}'
    assert not former.exists()
    # Notes already kept under the new name are never replaced.
    former.write_text("older", encoding="utf-8")
    adopt_former_sidecar(current, ("putin-xi-2024.timeline.json",))
    assert new.read_text(encoding="utf-8") == '{"notes": "a reviewer\'s work"}'
