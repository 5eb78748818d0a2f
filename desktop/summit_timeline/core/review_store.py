"""Where review sidecars live and how they are saved without ever losing a note.

Three promises the reviewers rely on:

* A save is atomic (``atomic.write_atomic``): killing the app at any moment
  leaves the old notes or the new ones, never a torn file.
* A file that does not load is moved aside as
  ``NAME.review.json.broken-<timestamp>`` and reported, never overwritten:
  it may hold hours of someone's work that a text editor can rescue.
* Two processes (two windows, two reviewers on a shared folder) saving the
  same sidecar do not overwrite each other: every save happens under a lock
  file, and if the sidecar changed since this store last saw it, it is
  re-read and merged per (reviewer, event) first.

Edits (``set_flag``, ``set_note``, ``mark_item``) only change memory and
return at once; ``flush`` writes.  The Qt layer calls ``flush`` from a
debounce timer (at most a second after the last edit) and on close.  A store
is not thread-safe: call it from one thread (the GUI thread).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

import msgspec

from . import review
from .atomic import write_atomic
from .model import Timeline
from .problems import LoadError, Problem
from .review import (
    FLAGS,
    EventReview,
    Flag,
    ItemKind,
    ItemMark,
    Orphan,
    Progress,
    Records,
    ReviewDocument,
    TimelineRef,
    Verdict,
)
from .review_files import (
    Fingerprint,
    ReviewBusyError,
    beside_path,
    fingerprint,
    locked,
    move_aside,
    remove_stale_temporaries,
    sidecar_name,
    sidecar_path,
    user_data_dir,
)

__all__ = [
    "Listener",
    "ReviewBusyError",
    "ReviewStore",
    "sidecar_name",
    "sidecar_path",
    "user_data_dir",
]

_NEVER: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""Placeholder ``updated`` of a record about to be made; every edit stamps its own."""

Listener = Callable[[frozenset[tuple[str, str]]], None]
"""Called with the (reviewer, event id) pairs that changed, after edits and merges."""


class ReviewStore:
    """The reviews in one sidecar file, edited in memory and flushed atomically."""

    def __init__(self, path: str | os.PathLike[str], timeline: Timeline | None = None, *,
                 timeline_file: str = "", clock: Callable[[], datetime] = review.utc_now
                 ) -> None:
        self.path = Path(path)
        self.timeline = timeline
        """Used for titles and item descriptions kept with each edit; replace it on reload."""
        self.timeline_file = timeline_file
        self.read_only = False
        """True when the sidecar is from a newer version: it is read but never written."""
        self.shown_from: Path | None = None
        """A sidecar in a folder that cannot be written: its notes are shown with these,
        never written there; new notes go to ``path``."""
        self.last_saved: datetime | None = None
        self._clock = clock
        self._last_stamp: datetime | None = None
        self._records: Records = {}
        self._fingerprint: Fingerprint | None = None
        self._version = 0
        self._saved_version = 0
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, timeline_path: str | os.PathLike[str], timeline: Timeline | None = None, *,
             bundled: bool = False) -> tuple[ReviewStore, list[Problem]]:
        """The store for a timeline file, loaded: ``store, problems = ReviewStore.open(...)``."""
        store = cls(sidecar_path(timeline_path, bundled), timeline,
                    timeline_file=Path(timeline_path).name)
        problems: list[Problem] = []
        beside = beside_path(timeline_path)
        if not bundled and beside != store.path and beside.is_file():
            problems = store.show_read_only(beside)
        return store, problems + store.load()

    def show_read_only(self, other: Path) -> list[Problem]:
        """Show the notes of a sidecar this store cannot write (a read-only folder).

        They are merged into memory as if saved, so nothing is written until the
        reviewer edits; the next save then keeps them, with the new notes, in
        ``path``.  The other file itself is never changed or moved.
        """
        name = os.fspath(other)
        try:
            doc = review.decode(other.read_bytes(), name)
        except (OSError, LoadError) as err:
            reason = err.summary() if isinstance(err, LoadError) else str(err)
            return [Problem(name, f"the review file beside the timeline could not be read "
                                  f"({reason}); new notes are saved in {self.path}", "",
                            severity="warning")]
        changed = review.merge_records(self._records, review.to_records(doc))
        self._saved_version = self._version
        self.shown_from = other
        self._notify(changed)
        return [Problem(name, "this review file is in a folder that cannot be written: its "
                              f"notes are shown, and new notes are saved in {self.path}", "",
                        severity="warning")]

    # ---- state

    @property
    def dirty(self) -> bool:
        """True while some edit has not reached the disk."""
        return self._version != self._saved_version

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Be told which (reviewer, event) pairs changed; returns the unsubscribe call."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def document(self) -> ReviewDocument:
        """A frozen snapshot, for reports and comparisons."""
        return review.to_document(self._records, self._timeline_ref(), self.last_saved)

    def reviewers(self) -> list[str]:
        return review.reviewer_names(self._records)

    def get(self, reviewer: str, event_id: str) -> EventReview | None:
        return self._records.get(reviewer, {}).get(event_id)

    def flag(self, reviewer: str, event_id: str) -> Flag:
        return review.flag_of(self._records, reviewer, event_id)

    def note(self, reviewer: str, event_id: str) -> str:
        found = self.get(reviewer, event_id)
        return found.note if found is not None else ""

    def progress(self, reviewer: str, timeline: Timeline | None = None) -> Progress:
        return review.progress(self._records, self._need(timeline), reviewer)

    def orphans(self, timeline: Timeline | None = None,
                reviewer: str | None = None) -> list[Orphan]:
        return review.orphans(self._records, self._need(timeline), reviewer)

    def next_unreviewed(self, reviewer: str, order: list[str] | None = None,
                        after: str | None = None) -> str | None:
        ids = order if order is not None else [e.id for e in self._need(None).events]
        return review.next_unreviewed(self._records, reviewer, ids, after)

    def compare(self, other: ReviewStore | ReviewDocument, reviewer: str,
                other_reviewer: str | None = None,
                timeline: Timeline | None = None) -> list[review.Comparison]:
        """Per event, this reviewer's flag beside the other's; ``other_reviewer``
        defaults to the only other reviewer in ``other`` (ValueError if ambiguous)."""
        theirs = other.document() if isinstance(other, ReviewStore) else other
        name = other_reviewer or review.default_other_reviewer(theirs, reviewer)
        if name is None:
            names = ", ".join(review.reviewer_names(theirs)) or "none"
            raise ValueError(f"choose whom to compare with (reviewers: {names})")
        return review.compare(self._records, reviewer, theirs, name, self._need(timeline))

    def _need(self, timeline: Timeline | None) -> Timeline:
        chosen = timeline if timeline is not None else self.timeline
        if chosen is None:
            raise ValueError("no timeline given and none set on the store")
        return chosen

    def _timeline_ref(self) -> TimelineRef:
        title = self.timeline.title if self.timeline is not None else ""
        return TimelineRef(file=self.timeline_file, title=title)

    # ---- edits: memory only, return at once

    def set_flag(self, reviewer: str, event_id: str, flag: Flag) -> None:
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}; expected one of {', '.join(FLAGS)}")
        current = self._current(reviewer, event_id)
        if current.flag != flag:
            now = self._stamp()
            self._put(reviewer, event_id, current, flag=flag, flag_at=now, updated=now)

    def set_note(self, reviewer: str, event_id: str, text: str) -> None:
        current = self._current(reviewer, event_id)
        if current.note != text:
            now = self._stamp()
            self._put(reviewer, event_id, current, note=text, note_at=now, updated=now)

    def mark_item(self, reviewer: str, event_id: str, kind: ItemKind, ref: int | str,
                  verdict: Verdict | None, reason: str = "") -> None:
        """Mark a quote or figure (by index) or a source (by id); ``None`` clears the mark."""
        if verdict not in (None, "checked", "disputed"):
            raise ValueError(f"unknown verdict {verdict!r}; expected checked or disputed")
        key = review.item_key(kind, ref)
        current = self._current(reviewer, event_id)
        items = dict(current.items)
        old = items.get(key)
        if verdict is None:
            if old is None:
                return
            del items[key]
            now = self._stamp()
        else:
            if old is not None and old.verdict == verdict and old.reason == reason:
                return
            now = self._stamp()
            event = self.timeline.event(event_id) if self.timeline is not None else None
            subject = review.describe_item(self.timeline, event, key)
            items[key] = ItemMark(verdict=verdict, at=now, reason=reason,
                                  subject=subject if subject is not None else "")
        self._put(reviewer, event_id, current, items=items, updated=now)

    def reattach(self, reviewer: str, old_id: str, new_id: str) -> None:
        """Move a reviewer's notes from an event id the timeline lost to ``new_id``.

        Notes already on ``new_id`` are kept: the texts are joined, its flag
        wins unless it is unreviewed, its marks win over the moved ones.  The
        old record stays, marked ``moved_to``, and is no longer an orphan.
        """
        old = self.get(reviewer, old_id)
        if old is None or old.moved_to:
            raise ValueError(f"{reviewer!r} has no notes on {old_id!r} to move")
        if old_id == new_id:
            raise ValueError("notes cannot be moved onto the same event")
        target = self._current(reviewer, new_id)
        now = self._stamp()
        note = "\n\n".join(text for text in (target.note.strip(), old.note.strip()) if text)
        flag = target.flag if target.flag != "unreviewed" else old.flag
        self._put(reviewer, new_id, target, flag=flag,
                  flag_at=target.flag_at if flag == target.flag else old.flag_at,
                  note=note, note_at=now if note != target.note else target.note_at,
                  items={**old.items, **target.items}, updated=now)
        self._put(reviewer, old_id, old, moved_to=new_id, updated=now)

    def _current(self, reviewer: str, event_id: str) -> EventReview:
        if not reviewer.strip() or len(reviewer) > 200:
            raise ValueError("a reviewer needs a name (1 to 200 characters)")
        if not event_id:
            raise ValueError("an event id is needed")
        found = self.get(reviewer, event_id)
        return found if found is not None else EventReview(updated=_NEVER)

    def _put(self, reviewer: str, event_id: str, current: EventReview,
             **changes: object) -> None:
        event = self.timeline.event(event_id) if self.timeline is not None else None
        if event is not None:
            changes["title"] = event.title
        self._records.setdefault(reviewer, {})[event_id] = msgspec.structs.replace(
            current, **changes)
        self._version += 1
        self._notify({(reviewer, event_id)})

    def _stamp(self) -> datetime:
        """Now, but always after the previous stamp, so that two quick edits keep
        their order even when the clock is coarse or steps back."""
        now = review.to_utc(self._clock())
        if self._last_stamp is not None and now <= self._last_stamp:
            now = self._last_stamp + timedelta(microseconds=1)
        self._last_stamp = now
        return now

    def _notify(self, changed: set[tuple[str, str]]) -> None:
        if changed:
            frozen = frozenset(changed)
            for listener in list(self._listeners):
                listener(frozen)

    # ---- disk

    def load(self) -> list[Problem]:
        """Read the sidecar and merge it into memory (nothing in memory is lost).

        A missing file is an empty review.  A broken one is moved aside and
        reported; one from a newer version makes the store read-only.
        """
        if not self.path.exists():
            self._fingerprint = None
            if any(self._records.values()) and not self.dirty:
                self._version += 1  # the file was deleted under us: write the notes again
            return []
        with locked(self.path, create_dir=False):
            remove_stale_temporaries(self.path)
            return self._merge_from_disk()

    def reload(self) -> list[Problem]:
        """Merge in what others saved, if the file changed; cheap when it did not."""
        if fingerprint(self.path) == self._fingerprint:
            return []
        return self.load()

    def flush(self) -> list[Problem]:
        """Write the notes if anything changed: lock, merge what others saved, write
        atomically.  Returns problems met on the way (a sidecar someone broke is
        moved aside); raises ``OSError`` if the file cannot be written, in which
        case the store stays dirty and a later flush retries."""
        if not self.dirty or self.read_only:
            return []
        problems: list[Problem] = []
        with locked(self.path, create_dir=True):
            if fingerprint(self.path) != self._fingerprint:
                problems = self._merge_from_disk()
                if self.read_only:
                    return problems
            version = self._version
            saved = review.to_utc(self._clock())
            doc = review.to_document(self._records, self._timeline_ref(), saved)
            write_atomic(self.path, review.encode(doc))
            self._fingerprint = fingerprint(self.path)
        self._saved_version = version
        self.last_saved = saved
        return problems

    def _merge_from_disk(self) -> list[Problem]:
        """Read the sidecar (the caller holds the lock) and merge it into memory."""
        name = os.fspath(self.path)
        # Taken before reading: if an unlocked writer (a text editor) replaces the
        # file in between, the next check sees a change and reads again.
        seen = fingerprint(self.path)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            self._fingerprint = None
            return []
        try:
            doc = review.decode(data, name)
        except review.NewerFormatError as err:
            self.read_only = True
            self._fingerprint = seen
            return [*err.problems, Problem(name, "opened read-only: notes made now are not "
                                                 "saved", "", severity="warning")]
        except LoadError as err:
            aside = move_aside(self.path)
            self._fingerprint = None
            first = err.problems[0] if err.problems else Problem(name, "could not be read")
            return [Problem(name, f"{first.message}; the file was kept as {aside.name} and a "
                                  "new review file will be started", first.path, first.line,
                            first.column)]
        self.read_only = False
        disk = review.to_records(doc)
        changed = review.merge_records(self._records, disk)
        self._fingerprint = seen
        if _same(self._records, disk):
            self._saved_version = self._version
        elif not self.dirty:
            self._version += 1  # memory holds edits the file lacks: save them
        self._notify(changed)
        return []


def _same(ours: Records, disk: Records) -> bool:
    """Memory matches the file (reviewers with no events count as absent)."""
    return {k: v for k, v in ours.items() if v} == {k: v for k, v in disk.items() if v}
