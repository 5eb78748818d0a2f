"""The reviewer's notes for the open timeline, as Qt signals over ``core.review_store``.

The store is pure and synchronous; this object gives it a Qt life: it opens
the right sidecar when the timeline changes, knows who the reviewer is (typed
once in the Review pane, remembered in settings), and saves within a second of any edit from a
single-shot timer, so a burst of typing costs one write.  A failed save keeps
the notes in memory, says so and retries; a store left behind by a file
switch is kept and retried too, so no path drops a note.

Views (the review dock, the list, the timeline) listen to ``sigReviewsChanged``
and ``sigStoreChanged``; they never hold the store themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, QTimer, Signal

from ..core.model import Timeline
from ..core.problems import Problem
from ..core.review_flags import Flag, ItemKind, Verdict, count_flags
from ..resources import FORMER_DEFAULT_NAMES, is_default_dataset
from .settings import Settings

if TYPE_CHECKING:
    from ..core.review_store import ReviewStore

SAVE_DELAY_MS: Final = 500
"""Well inside the promised second, long enough to batch a burst of keystrokes."""
RETRY_DELAY_MS: Final = 2000

NO_NAME_TEXT: Final = ("Type your name in the Review tab first: flags and notes are saved "
                       "under it. Nothing was written.")
READ_ONLY_TEXT: Final = ("Read only: this review file ({name}) was written by a newer version "
                         "of Summit Timeline; notes cannot be changed here.")


def clean_name(name: str) -> str:
    """A reviewer's name as it is kept: no spaces at the ends, single spaces inside."""
    return " ".join(name.split())[:200]


class ReviewSession(QObject):
    sigStoreChanged = Signal()
    """Another sidecar was opened (a new timeline file), or the reviewer changed."""
    sigReviewsChanged = Signal(object)
    """frozenset of (reviewer, event id) pairs edited or merged from disk."""
    sigSaved = Signal()
    sigSaveFailed = Signal(str)
    """The message of a failed save; the notes stay in memory and are retried."""
    sigProblems = Signal(object)
    """list[Problem] met while opening or saving (a broken sidecar moved aside…)."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.store: ReviewStore | None = None
        self.timeline_file: str | None = None
        self.last_error = ""
        self.unavailable = ""
        """Why there are no notes for the open file (its sidecar could not be read)."""
        self._unsubscribe: Callable[[], None] | None = None
        self._stale: list[ReviewStore] = []
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    # ------------------------------------------------------------ who

    @property
    def reviewer(self) -> str:
        return self._settings.reviewer_name()

    def rename_reviewer(self, name: str) -> str:
        """Work as ``name`` from now on (spaces trimmed and collapsed); returns the name kept.

        Notes are keyed by name: those written under the old one stay under it
        (another reviewer's, as far as the file is concerned)."""
        kept = clean_name(name)
        if not kept:
            raise ValueError("a reviewer needs a name")
        if kept != self.reviewer:
            self._settings.set_reviewer_name(kept)
            self.sigStoreChanged.emit()
        return kept

    # ------------------------------------------------------------ which file

    def open_for(self, timeline_file: str, timeline: Timeline) -> None:
        """Open the sidecar for ``timeline_file``; the previous one is saved first.

        A sidecar that cannot be read (a folder in its place, no permission,
        another process holding its lock…) is reported; the timeline stays
        open with no notes, and edits say why they cannot be kept."""
        # The sidecar code (msgspec structs, hashing) loads with the first sidecar,
        # which the window opens once its first frame is on screen.
        from ..core.review_files import adopt_former_sidecar
        from ..core.review_store import ReviewStore

        self._retire_current()
        self.timeline_file = timeline_file
        self.unavailable = ""
        bundled = is_default_dataset(timeline_file)
        try:
            if bundled:
                adopt_former_sidecar(timeline_file, FORMER_DEFAULT_NAMES)
            store, problems = ReviewStore.open(timeline_file, timeline, bundled=bundled)
        except Exception as error:  # whatever it is, the timeline stays open without notes
            self.unavailable = f"Notes cannot be kept for this file: its review file " \
                               f"could not be opened ({error})"
            self.sigStoreChanged.emit()
            self.sigSaveFailed.emit(self.unavailable)
            self.sigProblems.emit([Problem(Path(timeline_file).name, self.unavailable, "")])
            return
        self.store = store
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.sigStoreChanged.emit()
        if problems:
            self.sigProblems.emit(problems)
        if store.dirty:
            self._timer.start()

    def set_timeline(self, timeline: Timeline) -> None:
        """The same file was reloaded: titles and orphans follow the new version."""
        if self.store is not None:
            self.store.timeline = timeline
            self.sigStoreChanged.emit()

    def reload_from_disk(self) -> None:
        """The sidecar changed on disk (another window or reviewer): merge it in."""
        if self.store is None:
            return
        try:
            problems = self.store.reload()
        except Exception as error:
            self.sigSaveFailed.emit(f"Could not read the review file: {error}")
            return
        if problems:
            self.sigProblems.emit(problems)

    def _retire_current(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.store is not None:
            self._stale.append(self.store)
            self.store = None
        self.flush()

    # ------------------------------------------------------------ edits (memory now, disk soon)

    def set_flag(self, event_id: str, flag: Flag) -> bool:
        return self._edit(lambda store, name: store.set_flag(name, event_id, flag))

    def set_note(self, event_id: str, text: str) -> bool:
        return self._edit(lambda store, name: store.set_note(name, event_id, text))

    def mark_item(self, event_id: str, kind: ItemKind, ref: int | str,
                  verdict: Verdict | None, reason: str = "") -> bool:
        return self._edit(
            lambda store, name: store.mark_item(name, event_id, kind, ref, verdict, reason))

    def reattach(self, reviewer: str, old_id: str, new_id: str) -> bool:
        """Move a reviewer's orphaned notes onto another event; False if not possible."""
        store = self.store
        if store is None or store.read_only:
            return False
        store.reattach(reviewer, old_id, new_id)
        return True

    @property
    def read_only(self) -> bool:
        """The open review file is from a newer version: it is shown, never written."""
        return self.store is not None and self.store.read_only

    def _edit(self, apply: Callable[[ReviewStore, str], None]) -> bool:
        """Apply an edit as the reviewer; False if there is no store, it is read-only, or
        no name was given yet.  Nothing asks for the name here: a dialog popping up
        under the first flag took the note typed next for a name."""
        store = self.store
        name = self.reviewer
        if store is None or store.read_only or not name:
            return False
        apply(store, name)
        return True

    def why_not_editable(self) -> str:
        """Why the last edit could not be kept, for the status line."""
        if self.store is None:
            return self.unavailable or "No review file is open; nothing was written."
        if self.store.read_only:
            return READ_ONLY_TEXT.format(name=self.store.path.name)
        return NO_NAME_TEXT

    # ------------------------------------------------------------ questions

    def flag_codes(self, event_ids: Sequence[str] | Mapping[str, int]) -> NDArray[np.int8]:
        if self.store is None or not self.reviewer:
            return np.zeros(len(event_ids), np.int8)
        from ..core import review

        return review.flag_codes(self.store.document(), self.reviewer, event_ids)

    def note_mask(self, positions: Mapping[str, int]) -> NDArray[np.bool_]:
        """True at the position of each event the reviewer wrote a note on."""
        mask = np.zeros(len(positions), np.bool_)
        if self.store is None or not self.reviewer:
            return mask
        from ..core import review

        for event_id, record in review.events_of(self.store.document(), self.reviewer).items():
            row = positions.get(event_id)
            if row is not None and record.note.strip():
                mask[row] = True
        return mask

    def progress_text(self, flags: NDArray[np.int8], known: NDArray[np.bool_] | None) -> str:
        """"7 of 63 reviewed": the flag column counted over the events ``known`` marks
        (those known on the knowledge date shown), so a count never includes events
        nobody had heard of yet."""
        if self.store is None or self.store.timeline is None:
            return ""
        return count_flags(flags, known).text()

    @property
    def dirty(self) -> bool:
        return any(s.dirty for s in (*self._stale, *([self.store] if self.store else [])))

    # ------------------------------------------------------------ saving

    def flush(self) -> bool:
        """Save every store with unsaved notes; True when all of them reached the disk."""
        self._timer.stop()
        ok = True
        for store in [*self._stale, *([self.store] if self.store is not None else [])]:
            try:
                problems = store.flush()
            except Exception as error:  # not only OSError: no failure may drop a note
                ok = False
                self.last_error = f"Notes not saved ({error}); they are kept and retried"
                self.sigSaveFailed.emit(self.last_error)
                continue
            if problems:
                self.sigProblems.emit(problems)
        self._stale = [s for s in self._stale if s.dirty and not s.read_only]
        if ok:
            self.last_error = ""
            self.sigSaved.emit()
        else:
            self._timer.start(RETRY_DELAY_MS)
        return ok

    def discard(self) -> None:
        """Forget every unsaved note (the user chose to lose them): no retry, no
        later write."""
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stale = []
        self.store = None
        self.timeline_file = None
        self.last_error = ""

    def _on_store_changed(self, changed: frozenset[tuple[str, str]]) -> None:
        if self.store is not None and self.store.dirty and not self._timer.isActive():
            self._timer.start(SAVE_DELAY_MS)
        self.sigReviewsChanged.emit(changed)


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
