"""One slide drawn into any rectangle: the presenter window, a PDF handout page, a test image.

Every size is a fraction of the rectangle's height, so the same slide reads
the same from the back of a room at 1280×720 and at 3840×2160, and a handout
page is a faithful copy of what was on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ...scene.build import Look, SceneBuilder
from ...scene.deck import TITLE, Deck
from ...scene.palette import Palette
from ...scene.scene import Scene, View
from ...scene.slide_content import SlideContent, TitleContent, event_content, title_content
from . import text_block
from .fonts import FontMeasure, sans_font
from .shapes import qcolor
from .vector_painter import VectorPainter

STRIP_TOP = 0.65
"""Share of the height above the timeline strip."""


@dataclass(frozen=True)
class SlideColours:
    """The palette's colours a slide uses, as QColors."""

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    accent: QColor
    card: QColor

    @classmethod
    def of(cls, palette: Palette) -> SlideColours:
        return cls(qcolor(palette.background), qcolor(palette.text), qcolor(palette.muted),
                   qcolor(palette.grid), qcolor(palette.accent), qcolor(palette.card))


class SlidePainter:
    """Paints the steps of a ``Deck`` in a palette (projector on screen, paper in handouts)."""

    def __init__(self, deck: Deck, palette: Palette, *, source_lines: int = 2) -> None:
        self.deck = deck
        self.palette = palette
        self.look = SlideColours.of(palette)
        self.source_lines = source_lines
        """Handouts allow more lines: a reader can follow every source up."""
        self._builder = SceneBuilder()
        self._measures: dict[int, FontMeasure] = {}
        self.strip: Scene | None = None
        """The scene of the last strip painted (for tests: where its labels went)."""
        self.strip_origin = QPointF()
        """Where that scene's plot area was on the slide."""

    def content(self, step: int) -> SlideContent | TitleContent:
        value = self.deck.steps[step]
        if value == TITLE:
            return title_content(self.deck.data, self.deck.event_positions())
        return event_content(self.deck.data, value)

    def paint(self, painter: QPainter, rect: QRectF, step: int,
              strip_range: tuple[float, float], *, footer: str = "") -> None:
        """Draw slide ``step`` with the strip showing ``strip_range`` (day numbers)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(rect, self.look.background)
        h = rect.height()
        margin = min(h * 0.05, rect.width() * 0.04)
        inner = rect.adjusted(margin, margin * 0.8, -margin, -margin * 0.6)
        content = self.content(step)
        self._paint_header(painter, inner, step, footer)
        strip_rect = QRectF(inner.left(), rect.top() + h * STRIP_TOP, inner.width(),
                            inner.bottom() - (rect.top() + h * STRIP_TOP))
        body = QRectF(inner.left(), inner.top() + h * 0.055, inner.width(),
                      strip_rect.top() - inner.top() - h * 0.075)
        if isinstance(content, TitleContent):
            self._paint_title(painter, body, content, h)
            highlight = -1
        else:
            self._paint_event(painter, body, content, h)
            highlight = content.position
        painter.setPen(QPen(self.look.grid, max(1.0, h / 700)))
        painter.drawLine(QPointF(inner.left(), strip_rect.top() - h * 0.012),
                         QPointF(inner.right(), strip_rect.top() - h * 0.012))
        self._paint_strip(painter, strip_rect, strip_range, highlight, h / 48)
        painter.restore()

    def _paint_strip(self, painter: QPainter, rect: QRectF, strip_range: tuple[float, float],
                     highlight: int, unit: float) -> None:
        """The timeline around the current event: its label stands out, the others muted."""
        size = max(1, round(unit))
        measure = self._measures.get(size)
        if measure is None:
            measure = self._measures[size] = FontMeasure(sans_font(size))
        snap = self.deck.data.with_selection(highlight)
        bold = sans_font(size, bold=True)
        tracks = snap.index.tracks
        titles = max((QFontMetricsF(bold).horizontalAdvance(tracks[k].title)
                      for k in snap.lanes), default=0.0)
        column = min(titles + size * 1.6, rect.width() * 0.22) if snap.lanes else 0.0
        axis = measure.line_height * 1.6
        plot = QRectF(rect.left() + column, rect.top(), rect.width() - column,
                      max(rect.height() - axis, 1.0))
        scene = self._builder.build(snap, View(strip_range[0], strip_range[1], plot.width(),
                                               plot.height()),
                                    Look(self.palette, measure, emphasis=True))
        painter_ = VectorPainter(measure.font)
        painter_.paint(painter, scene, plot.topLeft())
        painter_.paint_axis(painter, scene, plot.bottomLeft())
        painter_.paint_lane_titles(painter, scene, rect.topLeft(), column, bold)
        self.strip, self.strip_origin = scene, plot.topLeft()

    # ------------------------------------------------------------ parts

    def _paint_header(self, painter: QPainter, inner: QRectF, step: int, footer: str) -> None:
        size = inner.height() / 40
        font = sans_font(size)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(self.look.muted)
        right = f"{step + 1} / {len(self.deck)}"
        if footer:
            right = f"{footer} · {right}"
        right_w = metrics.horizontalAdvance(right)
        left = metrics.elidedText(self.deck.data.timeline.title, Qt.TextElideMode.ElideRight,
                                  inner.width() - right_w - size * 2)
        baseline = inner.top() + metrics.ascent()
        painter.drawText(QPointF(inner.left(), baseline), left)
        painter.drawText(QPointF(inner.right() - right_w, baseline), right)

    def _paint_title(self, painter: QPainter, body: QRectF, content: TitleContent,
                     h: float) -> None:
        look = self.look
        y = body.top() + h * 0.04
        width = body.width() * 0.85
        y += text_block.draw_in(painter, QRectF(body.left(), y, width, h * 0.2), content.title,
                                h / 11, look.text, min_size=h / 20, max_lines=2, bold=True)
        y += h * 0.02
        painter.fillRect(QRectF(body.left(), y, h * 0.12, h * 0.008), look.accent)
        y += h * 0.04
        y += text_block.draw_in(painter, QRectF(body.left(), y, width, body.bottom() - y
                                                - h * 0.06), content.description, h / 30,
                                look.text, min_size=h / 44, max_lines=6)
        text_block.draw_in(painter, QRectF(body.left(), body.bottom() - h * 0.045, body.width(),
                                           h * 0.05), content.facts, h / 34, look.muted,
                           min_size=h / 50, max_lines=1)

    def _paint_event(self, painter: QPainter, body: QRectF, content: SlideContent,
                     h: float) -> None:
        look = self.look
        x, y, width = body.left(), body.top(), body.width()
        y += text_block.draw_in(painter, QRectF(x, y, width, h * 0.16), content.title, h / 14,
                                look.text, min_size=h / 24, max_lines=2, bold=True)
        y += h * 0.012
        y += self._paint_date_line(painter, QPointF(x, y), width, content, h)
        y += h * 0.014
        details = []
        if content.place:
            details.append(content.place)
        if content.participants:
            details.append(" · ".join(content.participants))
        for line in details:
            y += text_block.draw_in(painter, QRectF(x, y, width, h * 0.09), line, h / 30,
                                    look.text, min_size=h / 46, max_lines=2)
            y += h * 0.006
        y += h * 0.018
        source_block = text_block.fit("Sources: " + "; ".join(content.sources), width,
                                      h * 0.03 * self.source_lines, h / 46, min_size=h / 58,
                                      max_lines=self.source_lines)
        box_bottom = body.bottom() - source_block.height - h * 0.015
        self._paint_boxes(painter, QRectF(x, y, width, box_bottom - y), content, h)
        if content.sources:
            text_block.draw(painter, source_block, QPointF(x, body.bottom()
                                                           - source_block.height), look.muted)

    def _paint_date_line(self, painter: QPainter, origin: QPointF, width: float,
                         content: SlideContent, h: float) -> float:
        look = self.look
        date_font = sans_font(h / 20, bold=True)
        metrics = QFontMetricsF(date_font)
        painter.setFont(date_font)
        painter.setPen(look.accent)
        baseline = origin.y() + metrics.ascent()
        painter.drawText(QPointF(origin.x(), baseline), content.date)
        x = origin.x() + metrics.horizontalAdvance(content.date) + h * 0.02
        if content.date_note:
            note_font = sans_font(h / 36)
            painter.setFont(note_font)
            painter.setPen(look.muted)
            note = f"({content.date_note})"
            painter.drawText(QPointF(x, baseline), note)
            x += QFontMetricsF(note_font).horizontalAdvance(note) + h * 0.02
        chip_font = sans_font(h / 32, bold=True)
        chip_m = QFontMetricsF(chip_font)
        chip_w = chip_m.horizontalAdvance(content.status) + h * 0.04
        chip_h = chip_m.height() + h * 0.012
        if x + chip_w > origin.x() + width:
            x = origin.x()
            baseline += metrics.height()
        chip = QRectF(x, baseline - metrics.ascent() / 2 - chip_h / 2 - metrics.descent() / 2,
                      chip_w, chip_h)
        held = content.status_code == "held"
        pen = QPen(look.text if held else look.accent, max(1.5, h / 400))
        if content.status_code == "planned":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(look.card)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
        painter.setFont(chip_font)
        painter.setPen(look.text if held else look.accent)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, content.status)
        return baseline - origin.y() + metrics.descent()

    def _paint_boxes(self, painter: QPainter, area: QRectF, content: SlideContent,
                     h: float) -> None:
        """The quote and the figure side by side; the occasion when the event has neither."""
        if area.height() < h * 0.05:
            return
        look = self.look
        boxes: list[tuple[str, str, str]] = []
        if content.quote:
            boxes.append(("quote", f"“{content.quote}”", f"— {content.quote_by}"))
        if content.figure:
            boxes.append(("figure", content.figure, content.figure_by))
        if not boxes:
            if content.occasion:
                text_block.draw_in(painter, area, content.occasion, h / 30, look.muted,
                                   min_size=h / 46, max_lines=3)
            return
        gap = h * 0.025
        shares = [0.6, 0.4] if len(boxes) == 2 else [1.0]
        x = area.left()
        pad = h * 0.02
        for (kind, main, by), share in zip(boxes, shares, strict=True):
            width = (area.width() - gap * (len(boxes) - 1)) * share
            box = QRectF(x, area.top(), width, area.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.card)
            painter.drawRoundedRect(box, h * 0.012, h * 0.012)
            painter.fillRect(QRectF(box.left(), box.top(), h * 0.006, box.height()), look.accent)
            inner = box.adjusted(pad * 1.4, pad, -pad, -pad)
            by_block = text_block.fit(by, inner.width(), inner.height() * 0.4, h / 38,
                                      min_size=h / 56, max_lines=2)
            main_room = inner.height() - by_block.height - h * 0.01
            size = h / 26 if kind == "quote" else h / 18
            main_block = text_block.fit(main, inner.width(), main_room, size, min_size=h / 48,
                                        max_lines=4, bold=kind == "figure")
            used = text_block.draw(painter, main_block, inner.topLeft(), look.text)
            text_block.draw(painter, by_block, QPointF(inner.left(), inner.top() + used
                                                       + h * 0.01), look.muted)
            x += width + gap
