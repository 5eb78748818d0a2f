"""Presenter mode driven like a clicker: steps, blanking, and the exact restore on Esc."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from summit_timeline.core.index import EventIndex
from summit_timeline.core.model import Timeline
from summit_timeline.qt.present import PresenterWindow, start_presentation
from summit_timeline.qt.state import ViewState
from summit_timeline.scene import camera as cam

K = Qt.Key
BEIJING = "putin-xi-2024-05-16-beijing"
ASTANA = "putin-xi-2024-07-03-astana"
KAZAN = "putin-xi-2024-10-22-kazan"


@pytest.fixture
def main_window(qtbot: QtBot) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(QRect(120, 90, 900, 640))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _present(qtbot: QtBot, source: object, parent: QMainWindow, **kwargs: object) \
        -> PresenterWindow:
    kwargs.setdefault("reduced_motion", True)
    window = start_presentation(source, parent, **kwargs)  # type: ignore[arg-type]
    qtbot.waitExposed(window)
    return window


def test_clicker_keys_walk_the_events_in_time_order(qtbot: QtBot, timeline: Timeline,
                                                    main_window: QMainWindow) -> None:
    window = _present(qtbot, timeline, main_window)
    order = [window.deck.data.event(p).id for p in window.deck.event_positions()]
    assert window.step == 0 and window.current_event_id() is None, "the title slide first"
    assert order[0] == BEIJING
    assert window.isFullScreen()
    for n, key in enumerate((K.Key_PageDown, K.Key_Right, K.Key_Down, K.Key_Space, K.Key_N)):
        qtbot.keyClick(window, key)
        assert window.current_event_id() == order[n]
    for n, key in enumerate((K.Key_PageUp, K.Key_Left, K.Key_Up, K.Key_Backspace, K.Key_P),
                            start=1):
        qtbot.keyClick(window, key)
        assert window.current_event_id() == (order[4 - n] if n < 5 else None)
    qtbot.keyClick(window, K.Key_End)
    assert window.current_event_id() == order[-1]
    qtbot.keyClick(window, K.Key_Right)
    assert window.current_event_id() == order[-1], "stays on the last slide"
    qtbot.keyClick(window, K.Key_Home)
    assert window.current_event_id() is None, "Home: back to the title slide"
    window.close()


def test_black_and_white_screens_toggle_and_paint(qtbot: QtBot, timeline: Timeline,
                                                  main_window: QMainWindow) -> None:
    window = _present(qtbot, timeline, main_window)
    for key, kind in ((K.Key_B, "black"), (K.Key_Period, "black"), (K.Key_W, "white")):
        qtbot.keyClick(window, key)
        assert window.blank == kind
        shot = window.grab().toImage()
        colour = shot.pixelColor(shot.width() // 2, shot.height() // 2).name()
        assert colour == ("#000000" if kind == "black" else "#ffffff")
        qtbot.keyClick(window, key)
        assert window.blank is None
    qtbot.keyClick(window, K.Key_B)
    qtbot.keyClick(window, K.Key_W)
    assert window.blank == "white", "W on a black screen turns it white"
    step = window.step
    qtbot.keyClick(window, K.Key_Right)
    assert window.blank is None and window.step == step, "a clicker press first unblanks"
    window.close()


@pytest.mark.parametrize("state", ["normal", "maximised"])
def test_escape_restores_the_main_window_exactly(qtbot: QtBot, timeline: Timeline,
                                                main_window: QMainWindow, state: str) -> None:
    if state == "maximised":
        main_window.showMaximized()
        qtbot.waitUntil(lambda: main_window.isMaximized())
    before = (main_window.geometry(), main_window.windowState(), main_window.normalGeometry())
    window = _present(qtbot, timeline, main_window)
    # Something (a window manager, a stray shortcut) disturbs the main window meanwhile.
    if state == "maximised":
        main_window.showNormal()
        main_window.setGeometry(QRect(10, 10, 300, 200))
    else:
        main_window.showMaximized()
    with qtbot.waitSignal(window.sigClosed):
        qtbot.keyClick(window, K.Key_Escape)
    qtbot.waitUntil(lambda: main_window.geometry() == before[0])
    assert (main_window.geometry(), main_window.windowState(),
            main_window.normalGeometry()) == before
    assert main_window.isVisible()
    assert not any(isinstance(w, PresenterWindow) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


@pytest.mark.parametrize("sequence", [False, True])
def test_f5_and_shift_f5_both_start_on_the_title_slide(
        qtbot: QtBot, timeline: Timeline, main_window: QMainWindow, sequence: bool) -> None:
    """One rule for the title slide, whatever is selected: F5 (the view) and Shift+F5
    (the filtered events) both open on it."""
    state = ViewState()
    index = EventIndex.build(timeline)
    state.set_timeline(index, None)
    state.set_filter(replace(state.filter, lane=0))  # the Putin–Xi track, in the view
    kazan = index.position_of(KAZAN)
    assert kazan is not None
    state.select(kazan)
    window = _present(qtbot, state, main_window, sequence=sequence)
    assert window.step == 0 and window.current_event_id() is None
    events = [window.deck.data.event(p).id for p in window.deck.event_positions()]
    if sequence:
        assert events == [BEIJING, ASTANA, KAZAN]
    else:
        assert len(events) == 15 and KAZAN in events
    qtbot.keyClick(window, K.Key_End)
    assert window.current_event_id() == (KAZAN if sequence else events[-1])
    content = window.painter.content(window.deck.steps.index(kazan))
    assert content.status == "Planned — as of 3 Jul 2024"  # type: ignore[union-attr]
    window.close()


def test_camera_glides_and_ends_with_the_event_in_view(qtbot: QtBot, timeline: Timeline,
                                                       main_window: QMainWindow) -> None:
    window = _present(qtbot, timeline, main_window, reduced_motion=False,
                      start_event_id=ASTANA)
    start = window.visible_range()
    qtbot.keyClick(window, K.Key_End)
    assert window.is_moving()
    assert window.visible_range() == start or window.visible_range() != window.target_range()
    qtbot.waitUntil(lambda: not window.is_moving(), timeout=2000)
    position = window.deck.steps[window.step]
    known = window.deck.data.known
    assert cam.contains(window.visible_range(), (known.start[position], known.end[position]))
    window.set_reduced_motion(True)
    qtbot.keyClick(window, K.Key_Home)
    assert not window.is_moving()
    assert window.current_event_id() is None, "Home: the title slide, framing every event"
    for position in window.deck.event_positions():
        assert cam.contains(window.visible_range(), (known.start[position], known.end[position]))
    window.close()


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_slides_render_at_projector_sizes(qtbot: QtBot, timeline: Timeline,
                                          main_window: QMainWindow,
                                          size: tuple[int, int]) -> None:
    window = _present(qtbot, timeline, main_window, start_event_id=KAZAN)
    image = QImage(*size, QImage.Format.Format_RGB32)
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    painter = QPainter(image)
    window.painter.paint(painter, QRectF(0, 0, *size), window.step, window.visible_range())
    painter.end()
    strip = window.painter.strip
    assert strip is not None
    placed = {label.position: label for label in strip.labels}
    kazan = window.deck.steps[window.step]
    assert kazan in placed and placed[kazan].current
    # The strip is laid out in layout pixels and drawn scaled onto the slide.
    label_height = (placed[kazan].rect[3] - placed[kazan].rect[1]) * window.painter.scale
    assert label_height >= size[1] / 60, "strip labels grow with the screen"
    window.close()


def test_ctrl_s_asks_where_starting_in_pictures_not_the_working_folder(
        qtbot: QtBot, timeline: Timeline, main_window: QMainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from summit_timeline.qt import save_dialog

    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    monkeypatch.setattr(save_dialog.QStandardPaths, "writableLocation", staticmethod(
        lambda location: str(pictures if location
                             == QStandardPaths.StandardLocation.PicturesLocation else tmp_path)))
    monkeypatch.chdir(tmp_path)  # where the app was started from: not where slides go
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda _parent, _title, start, *_a, **_k: (asked.append(start), ("", ""))[1]))
    window = _present(qtbot, timeline, main_window)
    qtbot.keyClick(window, K.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [Path(start) for start in asked] == [pictures / "slide-title.png"]
    window.close()
