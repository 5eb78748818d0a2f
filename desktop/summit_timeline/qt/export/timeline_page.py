"""A whole export page: a heading that says what is shown, the timeline's scene, its key.

A picture of a timeline that travels without its window must carry its own
context: the title, the knowledge date it shows, the date of the data, which
tracks and dates were picked.  PNG, SVG and every PDF page share this one
layout, and the timeline in it is the same scene the window paints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QPainter

from ...scene.build import Look, SceneBuilder
from ...scene.heading import legend_entries
from ...scene.palette import Palette
from ...scene.scene import Scene, View
from ...scene.snapshot import Snapshot
from ..paint import legend
from ..paint.fonts import FontMeasure, sans_font
from ..paint.shapes import qcolor
from ..paint.vector_painter import VectorPainter


@dataclass(frozen=True)
class PageLayout:
    """Where the parts of a page go, in the page's pixels."""

    page: QRectF
    heading: QRectF
    titles: QRectF
    """The column of lane titles, left of the plot."""
    plot: QRectF
    axis: float
    """Height of the date axis under the plot."""
    legend: QRectF


def _parts(font: QFont, snap: Snapshot) -> tuple[float, float, float, float]:
    """Margin, heading height, lane-title column width and axis height for ``font``."""
    unit = float(QFontInfo(font).pixelSize())
    margin = unit * 1.6
    title_m = QFontMetricsF(sans_font(unit * 1.7, bold=True, base=font))
    sub_m = QFontMetricsF(font)
    heading = title_m.height() + unit * 0.3 + sub_m.height() + unit * 1.2
    bold = QFontMetricsF(sans_font(unit, bold=True, base=font))
    tracks = snap.index.tracks
    titles = max((bold.horizontalAdvance(tracks[k].title) for k in snap.lanes), default=0.0)
    column = titles + unit * 1.6 if snap.lanes else 0.0
    axis = sub_m.height() * 1.6
    return margin, heading, column, axis


def _legend_height(snap: Snapshot, font: QFont, width: float) -> float:
    boxes = legend.boxes(legend_entries(snap), QFontMetricsF(font), width, 0.0)
    return boxes[-1].bottom() if boxes else 0.0


def layout(rect: QRectF, font: QFont, snap: Snapshot,
           plot_size: tuple[float, float] | None = None) -> PageLayout:
    """Heading on top, the key at the bottom, lane titles left, the plot takes the rest.

    ``plot_size``: make the plot exactly this size (a page made ``size_around`` it)."""
    margin, heading, column, axis = _parts(font, snap)
    inner = rect.adjusted(margin, margin, -margin, -margin)
    column = min(column, inner.width() * 0.22)
    legend_h = _legend_height(snap, font, inner.width())
    top = inner.top() + heading
    plot = QRectF(inner.left() + column, top, inner.width() - column,
                  max(inner.bottom() - top - axis - legend_h, 1.0))
    if plot_size is not None:
        plot = QRectF(plot.left(), plot.top(), plot_size[0], plot_size[1])
    return PageLayout(rect, QRectF(inner.left(), inner.top(), inner.width(), heading),
                      QRectF(inner.left(), top, column, plot.height()), plot, axis,
                      QRectF(inner.left(), plot.bottom() + axis, inner.width(), legend_h))


def size_around(plot_width: float, plot_height: float, font: QFont,
                snap: Snapshot) -> tuple[int, int]:
    """A page size with room for a plot of ``plot_width`` × ``plot_height`` (pass the same
    size as ``plot_size`` when painting): "the view as on screen"."""
    margin, heading, column, axis = _parts(font, snap)
    width = plot_width + column + 2 * margin
    if column > (width - 2 * margin) * 0.22:  # the column is capped: solve for the cap
        width = plot_width / 0.78 + 2 * margin
    legend_h = _legend_height(snap, font, width - 2 * margin)
    height = plot_height + heading + axis + legend_h + 2 * margin
    return math.ceil(width), math.ceil(height)


def paint_timeline_page(painter: QPainter, rect: QRectF, snap: Snapshot, palette: Palette,
                        x_range: tuple[float, float], font: QFont, note: str = "",
                        plot_size: tuple[float, float] | None = None,
                        closed: bool = True) -> Scene:
    """Fill ``rect`` with the heading, the timeline of ``x_range`` and the key; returns the
    scene that was painted.  ``closed=False``: the window's open view, labels and all."""
    page = layout(rect, font, snap, plot_size)
    plot = page.plot
    measure = FontMeasure(font)
    scene = SceneBuilder().build(snap, View(x_range[0], x_range[1], plot.width(),
                                            plot.height(), closed), Look(palette, measure))
    painter.save()
    painter.fillRect(rect, qcolor(palette.background))
    unit = float(QFontInfo(font).pixelSize())
    title_font = sans_font(unit * 1.7, bold=True, base=font)
    title_m, sub_m = QFontMetricsF(title_font), QFontMetricsF(font)
    heading = page.heading
    painter.setPen(qcolor(palette.text))
    painter.setFont(title_font)
    painter.drawText(QPointF(heading.left(), heading.top() + title_m.ascent()),
                     title_m.elidedText(scene.title, Qt.TextElideMode.ElideRight,
                                        heading.width()))
    painter.setFont(font)
    painter.setPen(qcolor(palette.muted))
    subtitle = scene.subtitle + (f" · {note}" if note else "")
    top = heading.top() + title_m.height() + unit * 0.3
    painter.drawText(QPointF(heading.left(), top + sub_m.ascent()),
                     sub_m.elidedText(subtitle, Qt.TextElideMode.ElideRight, heading.width()))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    for lane in scene.lanes:
        if lane.shaded:
            pad = scene.sizes.row * 0.25
            painter.fillRect(QRectF(page.titles.left(), plot.top() + lane.top - pad,
                                    page.titles.width(), lane.bottom - lane.top + 2 * pad),
                             qcolor(palette.lane_shade))
    painter_ = VectorPainter(font)
    painter_.paint(painter, scene, plot.topLeft())
    painter_.paint_axis(painter, scene, plot.bottomLeft())
    painter_.paint_lane_titles(painter, scene, page.titles.topLeft(), page.titles.width(),
                               sans_font(unit, bold=True, base=font))
    painter.setFont(font)
    where = [box.translated(page.legend.left(), page.legend.top())
             for box in legend.boxes(scene.legend, sub_m, page.legend.width(), 0.0)]
    legend.paint(painter, scene.legend, where, sub_m, palette, scene.legend_colour)
    painter.restore()
    return scene
