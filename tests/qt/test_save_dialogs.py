"""Save dialogs start where a person keeps pictures and documents, never in the folder the
app was started from, and then where the last export went."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from summit_timeline.qt import save_dialog
from summit_timeline.qt.main_window import MainWindow


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Where each save dialog started; the user cancels.  The app runs from a checkout
    (the working folder) and the user has a Pictures and a Documents folder."""
    home = tmp_path / "home"
    for folder in ("Pictures", "Documents"):
        (home / folder).mkdir(parents=True)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    # The user's folders as the desktop names them (changing HOME under a running Qt
    # would move its font caches too).
    where = {QStandardPaths.StandardLocation.PicturesLocation: home / "Pictures",
             QStandardPaths.StandardLocation.DocumentsLocation: home / "Documents"}
    monkeypatch.setattr(save_dialog.QStandardPaths, "writableLocation",
                        staticmethod(lambda location: str(where.get(location, home))))
    monkeypatch.setattr(save_dialog.Path, "home", staticmethod(lambda: home))
    monkeypatch.chdir(checkout)
    starts: list[str] = []

    def dialog(_parent: object, _title: str, start: str = "", _filters: str = "",
               *_a: object, **_k: object) -> tuple[str, str]:
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    yield starts


def test_exports_from_the_window_start_in_pictures_or_documents(
        window: MainWindow, asked: list[str]) -> None:
    home = Path.home()
    window.actions["file.export_slide"].trigger()
    window.actions["file.export_slides"].trigger()
    window.actions["file.export_data"].trigger()
    assert [Path(start).parent for start in asked] == \
        [home / "Pictures", home / "Documents", home / "Documents"]
    assert [Path(start).name for start in asked][:2] == ["slide-title.png", "handout.pdf"]
    assert not any(Path(start).parent == Path.cwd() for start in asked)


def test_the_next_save_starts_where_the_last_went(window: MainWindow, asked: list[str],
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    talks = tmp_path / "talks"
    talks.mkdir()
    chosen = iter([str(talks / "slide.png"), ""])

    def dialog(_parent: object, _title: str, start: str = "", *_a: object,
               **_k: object) -> tuple[str, str]:
        asked.append(start)
        return next(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    window.actions["file.export_slide"].trigger()
    assert (talks / "slide.png").exists()
    window.actions["file.export_slides"].trigger()
    assert Path(asked[1]).parent == talks
