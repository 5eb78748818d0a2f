"""The QA round on the window: labels at the default view, dock layout, toolbar, texts."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from summit_timeline.core.problems import LoadError, Problem
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.widgets.problem_dialog import problem_dialog
from summit_timeline.resources import default_dataset
from summit_timeline.scene import label_layout
from summit_timeline.scene.scene import Rect

PUTIN_XI = ("putin-xi-2024-05-16-beijing", "putin-xi-2024-07-03-astana",
            "putin-xi-2024-10-22-kazan")


def _labels(window: MainWindow) -> tuple[dict[int, str], list[Rect], tuple[float, ...]]:
    """Drawn labels (position → text as drawn), their boxes, and the plot's box."""
    view = window.timeline_view
    view.plot_widget.viewport().grab()
    scene = view.scene()
    assert scene is not None and scene.mode == "detail"
    return ({label.position: " ".join(label.lines) for label in scene.labels},
            [label.rect for label in scene.labels], (0.0, 0.0, scene.view.width,
                                                      scene.view.height))


def test_a_band_label_leaves_a_smaller_events_only_place_free() -> None:
    """The BRICS band's label used to take the room left of it that Erdoğan's needed."""
    left = np.array([300.0, 60.0])  # a wide band, then a point to its left
    right = np.array([400.0, 74.0])
    placed = label_layout.place(left, right, np.full(2, 50.0), np.array([200.0, 200.0]), 16,
                                np.array([2.0, 1.0]), (0, 0, 450, 100),
                                min_width=np.array([90.0, 60.0]))
    assert sorted(placed.which.tolist()) == [0, 1]
    widths = dict(zip(placed.which.tolist(), placed.widths.tolist(), strict=True))
    assert widths[1] == 200.0, "the point's label is whole"
    rects = placed.rects
    assert rects[:, 0].min() >= 0 and rects[:, 2].max() <= 450
    a, b = rects
    assert a[2] <= b[0] or b[2] <= a[0]


def test_default_view_at_1280_labels_the_meetings_and_clips_no_row(window: MainWindow,
                                                                   qtbot: QtBot) -> None:
    state = window.state
    assert state.index is not None
    full = {"putin-xi-2024-05-16-beijing": "Putin–Xi talks in Beijing",
            "putin-xi-2024-07-03-astana": "Putin–Xi meeting in Astana",
            "putin-xi-2024-10-22-kazan": "Putin–Xi meeting in Kazan (planned)"}
    # 1280×720 maximised, and 85% of 1280×720 and of 2560×1440 (the size it opens at)
    for size in ((1280, 690), (1088, 612), (2176, 1224)):
        window.resize(*size)
        window.reset_layout()
        qtbot.waitUntil(lambda s=size: window.width() == s[0])
        window.timeline_view.fit_all()
        texts, rects, plot = _labels(window)
        for event_id in PUTIN_XI:
            position = state.index.position_of(event_id)
            assert texts.get(position) == full[event_id], (size, event_id, texts.get(position))
        kazan = texts[state.index.position_of("putin-xi-2024-10-22-kazan")]
        assert kazan.endswith(" (planned)")
        assert "Putin–Erdoğan meeting in Astana" in texts.values()
        # Elided at the smaller size, but still there and still saying "planned".
        belarus = texts[state.index.position_of("belarus-joins-sco-2024-07-04")]
        assert belarus.startswith("Belaru") and belarus.endswith(" (planned)")
        for i, a in enumerate(rects):
            assert plot[1] <= a[1] and a[3] <= plot[3], "a label's row is clipped"
            assert plot[0] <= a[0] and a[2] <= plot[2], "a label runs off the plot"
            for b in rects[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_review_shares_a_tabbed_dock_with_details_and_the_list_has_rows(window: MainWindow
                                                                        ) -> None:
    assert window.review_dock in window.tabifiedDockWidgets(window.detail_dock)
    window.resize(1088, 612)
    window.reset_layout()
    window.grab()
    assert window.event_list.height() >= 170


def test_reset_button_names_the_data_date_and_greys_out_there(window: MainWindow) -> None:
    bar = window.knowledge_bar
    assert bar.reset_button.text() == "Reset to 3 Jul 2024"
    assert bar.reset_button.toolTip()
    assert not bar.reset_button.isEnabled()
    assert window.state.knowledge_day is not None
    window.state.set_knowledge_day(window.state.knowledge_day + 30)
    assert bar.reset_button.isEnabled()
    bar.reset_button.click()
    assert window.state.knowledge_day == window.state.as_of_day
    assert not bar.reset_button.isEnabled()


def test_problem_position_and_path_are_kept_apart(qtbot: QtBot) -> None:
    error = LoadError("bad.json", [Problem("bad.json", "not a date", "$.events[1].when", 558, 15)])
    box = problem_dialog(error, None)
    qtbot.addWidget(box)
    assert "line 558, column 15 — <code>$.events[1].when</code>: not a date" \
        in box.informativeText()


def test_a_file_cut_short_is_named_so_in_a_dialog_that_follows_the_theme(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """The tester's file ended after `…"status":"held"}`: the dialog says the events list
    is never closed (not "a comma may be missing"), drawn in the dark theme's colours,
    and it follows a switch back to light while it is open."""
    whole = default_dataset().read_text("utf-8")
    cut = tmp_path / "cut.timeline.json"
    cut.write_text(whole[:whole.index('"status": "held"') + len('"status": "held"')] + "}",
                   "utf-8")
    window.set_theme("dark")
    dark = QApplication.palette()
    try:
        with qtbot.waitSignal(window.files.sigProblemShown, timeout=10_000) as shown:
            window.files.open(str(cut))
        box = shown.args[0]
        assert isinstance(box, QMessageBox)
        assert "the file ends before the list $.events (opened at line" in box.informativeText()
        assert "comma" not in box.informativeText()
        qtbot.waitUntil(lambda: box.palette().color(QPalette.ColorRole.Window)
                        == dark.color(QPalette.ColorRole.Window))
        image = box.grab().toImage()
        assert image.pixelColor(4, 4).lightness() < 60, "a dark dialog in the dark theme"
        label = box.findChild(QLabel, "qt_msgbox_informativelabel")
        assert label is not None
        assert label.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
        window.set_theme("light")
        qtbot.waitUntil(lambda: box.grab().toImage().pixelColor(4, 4).lightness() > 200)
        box.close()
    finally:
        window.set_theme("system")
    assert window.state.index is not None and len(window.state.index) == 69, \
        "the bundled timeline stays on screen"


def test_all_meetings_at_1280_shortens_no_label_below_60_percent_of_its_title(
        window: MainWindow, qtbot: QtBot) -> None:
    """The README: a title is shortened with "…" only so far, never below 60% of it.  At
    1280×720 the All view drew "BRICS sum…" (9 of 21 letters) and "Putin–Xi tal…"."""
    index = window.state.index
    assert index is not None
    titles = {p: index.event(p).title for p in range(len(index))}
    window.resize(1280, 690)  # maximised on a 1280×720 screen
    window.reset_layout()
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.named_views.actions["view.named.since-2013"].trigger()
    texts, _, _ = _labels(window)
    shortened = 0
    for position, drawn in texts.items():
        title = titles[position]
        if "…" not in drawn:
            assert drawn.startswith(title), (drawn, title)
            continue
        shortened += 1
        kept = drawn.split("…")[0]
        assert title.startswith(kept), (drawn, title)
        assert len(kept) >= math.ceil(0.6 * len(title)), \
            f"{drawn!r} keeps {len(kept)} of {len(title)} characters"
    assert shortened, "the view is crowded enough to shorten some labels"
    assert len(texts) >= 12, "and still labels most of what it can"
