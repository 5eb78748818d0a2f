"""One slide drawn into any rectangle: the presenter window, a PDF handout page, a test image.

Every size is a fraction of the rectangle's height, so the same slide reads
the same from the back of a room at 1280×720 and at 3840×2160, and a handout
page is a faithful copy of what was on the screen.

A slide tells its event: the title and date, where and who, the summary as
known on the knowledge date, a quote and a figure, the sources; beside the
text the event's picture (large, with caption and credit) and a map inset of
its place on the track's route; under it the timeline strip, and at the
bottom edge the previous and next slides by name (clickable in the
presenter).  Text shrinks before it overflows and is never cut inside a word:
the summary is told whole while the figure, then the quote, can give way to
it, and a credit is always whole.

A slide is laid out once on a canvas ``LAYOUT_HEIGHT`` pixels high (and as wide
as its shape) and scaled onto the rectangle.  Fonts come in whole pixels, so a
layout worked out at each size would round differently at each: at 1920×1080
the Astana summary lost its last sentence and the Erdoğan slide its figure,
which 1280×720 showed.  Scaled from one layout, every size of a shape shows the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QTransform

from ...core.geo.sites import NO_SITE, site_index
from ...core.model import Media
from ...scene.build import Look, SceneBuilder
from ...scene.deck import TITLE, Deck
from ...scene.map_build import MapBuilder, MapStory, inset_view, shown_sites
from ...scene.map_camera import fit_view
from ...scene.map_scene import MapScene, MapView
from ...scene.palette import Palette
from ...scene.scene import Scene, View
from ...scene.slide_content import (
    SlideContent,
    TitleContent,
    event_content,
    neighbours,
    title_content,
)
from . import text_block
from .fonts import FontMeasure, sans_font
from .map_painter import MapPainter
from .shapes import qcolor
from .slide_media import SlideImages, caption_height, paint_caption, paint_image, slide_image
from .vector_painter import VectorPainter

STRIP_TOP = 0.65
"""Share of the height above the timeline strip."""
FOOTER = 0.04
"""Share of the height for the previous and next slides' names under the strip."""
TEXT_FLOOR = 54.0
"""The summary shrinks to no less than a 54th of the slide's height (13 px at 720)."""
LINE_FLOOR = 50.0
"""Place, people and the title slide's facts: a 50th."""
SMALL_FLOOR = 58.0
"""Sources and credits: a 58th (12 px at 720).  Larger floors cost the record's slides at
1280×720 whole sentences and figures (a 54th here: two summaries and four figures; a 48th
for the summary too: twenty-four summaries), so size gives way to content."""
BOX_FLOOR = 60.0
"""A quote's words and a figure's number: a 60th, where the slide is crowded."""
LAYOUT_HEIGHT = 720.0
"""Height of the canvas every slide is laid out on before it is scaled to its rectangle:
the smallest projector size, so its text is drawn at whole pixels where it is smallest."""


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

    def __init__(self, deck: Deck, palette: Palette, *, source_lines: int = 2,
                 small_print: float = 1.0, timeline_file: str | Path | None = None) -> None:
        self.deck = deck
        self.palette = palette
        self.look = SlideColours.of(palette)
        self.source_lines = source_lines
        """Handouts allow more lines: a reader can follow every source up."""
        self.small_print = small_print
        """How far below a projector's smallest readable size text may shrink: paper,
        read at arm's length, takes smaller print (a handout keeps whole summaries)."""
        self.images = SlideImages(timeline_file)
        self._builder = SceneBuilder()
        self._maps = MapBuilder()
        self._measures: dict[int, FontMeasure] = {}
        self._inset_views: dict[tuple[int, int, int], MapView] = {}
        self._stories: dict[tuple[object, ...], tuple[list[_Box], text_block.Block | None]] = {}
        """Story layouts already worked out: a presenter repaints a slide every frame of
        the strip's glide."""
        self.strip: Scene | None = None
        """The scene of the last strip painted (for tests: where its labels went)."""
        self.strip_origin = QPointF()
        """Where that scene's plot area was on the slide."""
        self.inset: MapScene | None = None
        """The map inset of the last slide painted (None: it had none)."""
        self.parts: dict[str, QRectF] = {}
        """Where each part of the last slide went: title, summary, image, map…"""
        self.lines: dict[str, tuple[str, ...]] = {}
        """The lines of text drawn for each part of the last slide."""
        self.links: dict[str, tuple[QRectF, int]] = {}
        """"previous" and "next": where their names are and the step each goes to."""
        self.scale = 1.0
        """Slide pixels per layout pixel on the last slide painted (the strip's scene and
        the map inset are in layout pixels)."""

    @property
    def problems(self) -> list[str]:
        """Images shown as placeholders, and why."""
        return self.images.problems

    def content(self, step: int) -> SlideContent | TitleContent:
        value = self.deck.steps[step]
        if value == TITLE:
            return title_content(self.deck.data, self.deck.event_positions())
        return event_content(self.deck.data, value)

    def paint(self, painter: QPainter, rect: QRectF, step: int,
              strip_range: tuple[float, float], *, footer: str = "") -> None:
        """Draw slide ``step`` with the strip showing ``strip_range`` (day numbers).

        ``parts``, ``links`` and ``strip_origin`` are then in the rectangle's coordinates."""
        if rect.height() <= 0 or rect.width() <= 0:
            return
        scale = rect.height() / LAYOUT_HEIGHT
        canvas = QRectF(0.0, 0.0, rect.width() / scale, LAYOUT_HEIGHT)
        to_rect = QTransform.fromTranslate(rect.left(), rect.top()).scale(scale, scale)
        self.scale = scale
        painter.save()
        painter.setTransform(to_rect, combine=True)
        try:
            self._paint_canvas(painter, canvas, step, strip_range, footer)
        finally:
            painter.restore()
        self.parts = {name: to_rect.mapRect(where) for name, where in self.parts.items()}
        self.links = {name: (to_rect.mapRect(where), to)
                      for name, (where, to) in self.links.items()}
        self.strip_origin = to_rect.map(self.strip_origin)

    def _paint_canvas(self, painter: QPainter, rect: QRectF, step: int,
                      strip_range: tuple[float, float], footer: str) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(rect, self.look.background)
        self.parts, self.lines, self.links, self.inset = {}, {}, {}, None
        h = rect.height()
        margin = min(h * 0.05, rect.width() * 0.04)
        inner = rect.adjusted(margin, margin * 0.8, -margin, -margin * 0.6)
        content = self.content(step)
        self._paint_header(painter, inner, step, footer)
        strip_top = rect.top() + h * STRIP_TOP
        bottom_row = QRectF(inner.left(), inner.bottom() - h * FOOTER, inner.width(),
                            h * FOOTER)
        strip_rect = QRectF(inner.left(), strip_top, inner.width(),
                            bottom_row.top() - strip_top)
        body = QRectF(inner.left(), inner.top() + h * 0.055, inner.width(),
                      strip_top - inner.top() - h * 0.075)
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
        self._paint_neighbours(painter, bottom_row, step, h)
        painter.restore()

    def _paint_strip(self, painter: QPainter, rect: QRectF, strip_range: tuple[float, float],
                     highlight: int, unit: float) -> None:
        """The timeline around the current event: its label stands out, the others muted."""
        measure = self._measure(unit)
        snap = self.deck.data.with_selection(highlight)
        bold = sans_font(max(1, round(unit)), bold=True)
        tracks = snap.index.tracks
        titles = max((QFontMetricsF(bold).horizontalAdvance(tracks[k].title)
                      for k in snap.lanes), default=0.0)
        column = min(titles + unit * 1.6, rect.width() * 0.22) if snap.lanes else 0.0
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
        self.parts["strip"] = QRectF(rect)

    def _measure(self, unit: float) -> FontMeasure:
        size = max(1, round(unit))
        measure = self._measures.get(size)
        if measure is None:
            measure = self._measures[size] = FontMeasure(sans_font(size))
        return measure

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
        left = metrics.elidedText(self.deck.data.title, Qt.TextElideMode.ElideRight,
                                  inner.width() - right_w - size * 2)
        baseline = inner.top() + metrics.ascent()
        painter.drawText(QPointF(inner.left(), baseline), left)
        painter.drawText(QPointF(inner.right() - right_w, baseline), right)
        self.parts["header"] = QRectF(inner.left(), inner.top(), inner.width(),
                                      metrics.height())
        self.lines["header"] = (left, right)

    def _paint_neighbours(self, painter: QPainter, row: QRectF, step: int, h: float) -> None:
        """"‹ previous" at the left edge, "next ›" at the right: where the talk goes."""
        before, after = neighbours(self.deck, step)
        font = sans_font(h / 50)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(self.look.muted)
        half = row.width() * 0.47
        baseline = row.top() + (row.height() - metrics.height()) / 2 + metrics.ascent()
        for name, neighbour in (("previous", before), ("next", after)):
            if neighbour is None:
                continue
            text = f"‹  {neighbour.text}" if name == "previous" else f"{neighbour.text}  ›"
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle
                                       if name == "next" else Qt.TextElideMode.ElideRight, half)
            width = metrics.horizontalAdvance(shown)
            x = row.left() if name == "previous" else row.right() - width
            painter.drawText(QPointF(x, baseline), shown)
            where = QRectF(x, row.top(), width, row.height())
            self.links[name] = (where, neighbour.step)
            self.parts[name] = where
            self.lines[name] = (shown,)

    def _paint_title(self, painter: QPainter, body: QRectF, content: TitleContent,
                     h: float) -> None:
        look = self.look
        positions = self.deck.event_positions()
        map_w = body.width() * 0.34 if positions and len(shown_sites(self.deck.data)) else 0.0
        width = (body.width() - map_w - h * 0.04) if map_w else body.width() * 0.85
        y = body.top() + h * 0.04
        y += self._text("title", painter, QRectF(body.left(), y, width, h * 0.2), content.title,
                        h / 11, look.text, min_size=h / 20, max_lines=2, bold=True)
        y += h * 0.02
        painter.fillRect(QRectF(body.left(), y, h * 0.12, h * 0.008), look.accent)
        y += h * 0.04
        room = QRectF(body.left(), y, width, body.bottom() - y - h * 0.06)
        block = text_block.fit_sentences(content.description, room.width(), room.height(),
                                         h / 30, min_size=self._floor(h, TEXT_FLOOR), max_lines=14)
        used = text_block.draw(painter, block, room.topLeft(), look.text)
        self.parts["summary"] = QRectF(room.left(), room.top(), room.width(), used)
        self.lines["summary"] = block.lines
        self._text("facts", painter, QRectF(body.left(), body.bottom() - h * 0.045, width,
                                            h * 0.05), content.facts, h / 34, look.muted,
                   min_size=self._floor(h, LINE_FLOOR), max_lines=1)
        if map_w:
            area = QRectF(body.right() - map_w, body.top(), map_w, body.height())
            view = fit_view(shown_sites(self.deck.data), area.width(), area.height())
            self._paint_map(painter, area, view, MapStory(), h)

    def _paint_event(self, painter: QPainter, body: QRectF, content: SlideContent,
                     h: float) -> None:
        look = self.look
        x, y, width = body.left(), body.top(), body.width()
        image = slide_image(content.media)
        mapped = self._has_map(content.position)
        if image is not None:
            # A picture gets the full height beside the text, as large as the slide allows.
            right_w = width * 0.44
            gap = h * 0.035
            self._paint_beside(painter, QRectF(x + width - right_w, y, right_w, body.height()),
                               content, image, mapped, h)
            width -= right_w + gap
        y += self._text("title", painter, QRectF(x, y, width, h * 0.15), content.title, h / 15,
                        look.text, min_size=h / 26, max_lines=2, bold=True)
        y += h * 0.01
        y += self._paint_date_line(painter, QPointF(x, y), width, content, h)
        y += h * 0.018
        right_w = width * 0.3 if image is None and mapped else 0.0
        gap = h * 0.03 if right_w else 0.0
        left = QRectF(x, y, width - right_w - gap, body.bottom() - y)
        if right_w:
            self._paint_beside(painter, QRectF(left.right() + gap, y, right_w, left.height()),
                               content, None, mapped, h)
        self._paint_story(painter, left, content, h)

    def _paint_story(self, painter: QPainter, area: QRectF, content: SlideContent,
                     h: float) -> None:
        """Where and who, the summary, the quote and figure, the sources: top to bottom."""
        look = self.look
        x, y, width = area.left(), area.top(), area.width()
        for name, line in (("place", content.place),
                           ("people", " · ".join(content.participants))):
            if line:
                y += self._text(name, painter, QRectF(x, y, width, h * 0.08), line, h / 34,
                                look.text, min_size=self._floor(h, LINE_FLOOR), max_lines=2)
                y += h * 0.004
        y += h * 0.012
        source_block = text_block.fit_items(
            "Sources: ", content.sources, width, h * 0.03 * self.source_lines, h / 46,
            min_size=self._floor(h, SMALL_FLOOR), max_lines=self.source_lines) \
            if content.sources else None
        bottom = area.bottom() - (source_block.height + h * 0.015 if source_block else 0.0)
        links = [m for m in content.media if m.url and not m.file]
        if links:
            # Named, never fetched: a slide shows local pictures only.
            block = text_block.fit_items(
                "Online, not shown here: ",
                [f"{m.caption} <{m.url}>" if m.caption else (m.url or "") for m in links],
                width, h * 0.03, h / 46, min_size=self._floor(h, SMALL_FLOOR), max_lines=1)
            bottom -= block.height + h * 0.006
            text_block.draw(painter, block, QPointF(x, bottom), look.muted)
            self.parts["online"] = QRectF(x, bottom, width, block.height)
            self.lines["online"] = block.lines
        boxes, summary = self._fit_story(content, width, bottom - y, h)
        if summary is not None:
            y += text_block.draw(painter, summary, QPointF(x, y), look.text)
            self.parts["summary"] = QRectF(x, y - summary.height, width, summary.height)
            self.lines["summary"] = summary.lines
            y += h * 0.02
        if boxes:
            self._paint_boxes(painter, QPointF(x, y), boxes, h)
        if source_block is not None:
            top = area.bottom() - source_block.height
            text_block.draw(painter, source_block, QPointF(x, top), look.muted)
            self.parts["sources"] = QRectF(x, top, width, source_block.height)
            self.lines["sources"] = source_block.lines

    def _fit_story(self, content: SlideContent, width: float, room: float, h: float
                   ) -> tuple[list[_Box], text_block.Block | None]:
        """The quote and figure boxes and the summary, in ``room`` of height.

        The summary is told whole where it can be, and the room is shared so that
        neither it nor the quote is squeezed small while the other is large.  Where
        the summary cannot be whole, the figure gives way (a number the details and
        the sources keep), then the summary's last sentences (it ends at a full
        stop, never inside a sentence), and the quote, the speakers' own words, only
        when not even the summary's first sentence would fit beside it.  A box is
        shown only whole: a quote is never cut short, nor a figure's credit ("stated
        by Dmitry Peskov")."""
        key = (content.event_id, content.summary, content.quote, content.figure,
               content.figure_by, round(width), round(room), round(h))
        laid = self._stories.get(key)
        if laid is None:
            if len(self._stories) > 256:
                self._stories.clear()
            laid = self._stories[key] = self._lay_story(content, width, room, h)
        return laid

    def _lay_story(self, content: SlideContent, width: float, room: float, h: float
                   ) -> tuple[list[_Box], text_block.Block | None]:
        wanted = self._boxes(content)
        laid = self._lay_boxes(content, wanted, width, room, h)
        if content.figure and content.figure_source and \
                not any(box.kind == "figure" for box in laid[0]):
            # A figure that would give way keeps its place credited to its speaker
            # alone: the sources line below still names where it was published.
            plain = [(kind, main, content.figure_by if kind == "figure" else by)
                     for kind, main, by in wanted]
            kept = self._lay_boxes(content, plain, width, room, h)
            if any(box.kind == "figure" for box in kept[0]):
                return kept
        return laid

    def _lay_boxes(self, content: SlideContent, wanted: list[tuple[str, str, str]],
                   width: float, room: float, h: float
                   ) -> tuple[list[_Box], text_block.Block | None]:
        while True:
            best: tuple[tuple[float, float], list[_Box], text_block.Block | None] | None = None
            boxes: list[_Box] = []
            for part in (0.6, 0.5, 0.42, 0.35, 0.28):
                boxes = self._whole_boxes(wanted, width, room, room * part, h)
                boxes_h = max((box.height for box in boxes), default=0.0)
                summary_room = max(room - boxes_h - (h * 0.02 if boxes else 0.0), h * 0.03)
                summary = text_block.fit_whole(content.summary, width, summary_room, h / 32,
                                               min_size=self._floor(h, TEXT_FLOOR), max_lines=40) \
                    if content.summary else None
                if content.summary and summary is None:
                    continue
                # The smallest of the texts decides (a quote counts in full, a figure's
                # large number at half its size), then the summary's size.
                sizes = [box.main.font.pixelSize() * (1.0 if box.kind == "quote" else 0.5)
                         for box in boxes]
                told = float(summary.font.pixelSize()) if summary is not None else 0.0
                score = (min([*sizes, told] if summary is not None else sizes, default=0.0),
                         told)
                if best is None or score > best[0]:
                    best = (score, boxes, summary)
            if best is not None:
                return best[1], best[2]
            if any(box[0] == "figure" for box in wanted):
                wanted = [box for box in wanted if box[0] != "figure"]
                continue
            boxes = self._whole_boxes(wanted, width, room, 0.0, h)  # as small as whole
            boxes_h = max((box.height for box in boxes), default=0.0)
            summary_room = max(room - boxes_h - (h * 0.02 if boxes else 0.0), h * 0.03)
            summary = text_block.fit_sentences(content.summary, width, summary_room, h / 32,
                                               min_size=self._floor(h, TEXT_FLOOR), max_lines=40)
            ended = summary.lines and summary.lines[-1].endswith(text_block.ELLIPSIS)
            if not ended or not boxes:
                return boxes, summary
            wanted = []

    def _whole_boxes(self, wanted: list[tuple[str, str, str]], width: float, room: float,
                     share: float, h: float) -> list[_Box]:
        """The boxes of ``wanted`` that can be shown whole, in ``share`` of the room (more,
        as little as it needs, for a quote that needs it); a figure that cannot be
        shown whole gives way to the others."""
        line = QFontMetricsF(sans_font(self._floor(h, TEXT_FLOOR))).lineSpacing()
        most = room - line - h * 0.02  # a quote may leave the summary a single line
        given = min(h * 0.3, share)
        boxes = self._fit_boxes(wanted, width, given, h)
        if not all(box.whole for box in boxes) and given < most:
            # No more room than the quote needs to be whole: the summary keeps the rest.
            short, enough = given, most
            boxes = self._fit_boxes(wanted, width, enough, h)
            for _ in range(6):
                middle = (short + enough) / 2
                tried = self._fit_boxes(wanted, width, middle, h)
                if all(box.whole for box in tried):
                    enough, boxes = middle, tried
                else:
                    short = middle
        if all(box.whole for box in boxes) or not any(b.kind == "figure" for b in boxes):
            return boxes
        return self._whole_boxes([b for b in wanted if b[0] != "figure"], width, room, share,
                                 h)

    def _paint_beside(self, painter: QPainter, area: QRectF, content: SlideContent,
                      image: Media | None, mapped: bool, h: float) -> None:
        """The picture (large, with caption and credit) above the map inset."""
        look = self.look
        map_h = 0.0
        if mapped:
            map_h = area.height() if image is None else \
                max(area.height() * 0.32, min(area.height(), h * 0.12))
        if image is not None:
            room = area.height() - (map_h + h * 0.02 if map_h else 0.0)
            captions = caption_height(image, h)
            box = QRectF(area.left(), area.top(), area.width(), max(room - captions, h * 0.05))
            sharp = 2.0 * max(1.0, self.scale)
            shown = self.images.shown(image, QSize(int(box.width() * sharp),
                                                   int(box.height() * sharp)))
            where = paint_image(painter, box, shown, image, look.text, look.muted, look.card, h)
            self.parts["image"] = where
            if shown.image is None:
                self.lines["image"] = ("Image not shown", shown.problem)
            used = paint_caption(painter, QPointF(area.left(), where.bottom() + h * 0.008),
                                 area.width(), captions, image, look.text, look.muted, h)
            if used:
                self.parts["caption"] = QRectF(area.left(), where.bottom() + h * 0.008,
                                               area.width(), used)
        if map_h:
            box = QRectF(area.left(), area.bottom() - map_h, area.width(), map_h)
            position = content.position
            lane = int(self.deck.data.index.lane[position])
            key = (lane, round(box.width()), round(box.height()))
            view = self._inset_views.get(key)
            if view is None:
                view = self._inset_views[key] = inset_view(self.deck.data, lane, box.width(),
                                                           box.height())
            self._paint_map(painter, box, view, MapStory(inset=position), h)

    def _paint_map(self, painter: QPainter, box: QRectF, view: MapView, story: MapStory,
                   h: float) -> None:
        measure = self._measure(h / 58)
        scene = self._maps.build(self.deck.data, view, Look(self.palette, measure), story)
        MapPainter(measure.font).paint(painter, scene, box.topLeft(), frame_line=True)
        self.inset = scene
        self.parts["map"] = QRectF(box)

    def _has_map(self, position: int) -> bool:
        """An inset is worth its room when the event's track has a place on the map."""
        data = self.deck.data
        codes = site_index(data.index).codes(data.knowledge_day)
        lane = data.index.lane[position]
        return bool(((codes != NO_SITE) & data.shown & (data.index.lane == lane)).any())

    def _floor(self, h: float, parts: float) -> float:
        """The smallest text size a part may shrink to: a ``parts``-th of the slide's height
        on a screen, less on paper."""
        return h / parts * self.small_print

    def _text(self, name: str, painter: QPainter, rect: QRectF, text: str, size: float,
              colour: QColor, *, min_size: float, max_lines: int, bold: bool = False) -> float:
        block = text_block.fit(text, rect.width(), rect.height(), size, min_size=min_size,
                               max_lines=max_lines, bold=bold)
        used = text_block.draw(painter, block, rect.topLeft(), colour)
        self.parts[name] = QRectF(rect.left(), rect.top(), rect.width(), used)
        self.lines[name] = block.lines
        return used

    def _paint_date_line(self, painter: QPainter, origin: QPointF, width: float,
                         content: SlideContent, h: float) -> float:
        look = self.look
        date_font = sans_font(h / 24, bold=True)
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
        chip_font = sans_font(h / 34, bold=True)
        chip_m = QFontMetricsF(chip_font)
        chip_w = chip_m.horizontalAdvance(content.status) + h * 0.04
        chip_h = chip_m.height() + h * 0.01
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
        painter.setBrush(QColor(look.card))
        painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
        painter.setFont(chip_font)
        painter.setPen(look.text if held else look.accent)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, content.status)
        height = baseline - origin.y() + metrics.descent()
        self.parts["date"] = QRectF(origin.x(), origin.y(), width, height)
        self.lines["date"] = (content.date, content.status)
        return height

    @staticmethod
    def _boxes(content: SlideContent) -> list[tuple[str, str, str]]:
        boxes: list[tuple[str, str, str]] = []
        if content.quote:
            boxes.append(("quote", f"“{content.quote}”",
                          " · ".join(p for p in (f"— {content.quote_by}", content.quote_source)
                                     if p)))
        if content.figure:
            boxes.append(("figure", content.figure,
                          " · ".join(p for p in (content.figure_by, content.figure_source) if p)))
        return boxes

    def _fit_boxes(self, boxes: list[tuple[str, str, str]], width: float, room: float,
                   h: float) -> list[_Box]:
        """The quote and the figure side by side, each as large as ``room`` allows."""
        gap = h * 0.025
        pad = h * 0.018
        shares = [0.66, 0.34] if len(boxes) == 2 else [1.0] * len(boxes)
        out = []
        for (kind, main, by), share in zip(boxes, shares, strict=True):
            box_w = (width - gap * (len(boxes) - 1)) * share
            inner_w = box_w - pad * 2.4
            # Who said it wraps onto as many lines as it needs: a credit is never cut.
            by_block = text_block.fit(by, inner_w, room * 0.45, h / 42,
                                      min_size=self._floor(h, SMALL_FLOOR), max_lines=4)
            size = h / 30 if kind == "quote" else h / 22
            main_room = room - pad * 2 - by_block.height - h * 0.008
            main_block = text_block.fit(main, inner_w, main_room, size,
                                        min_size=self._floor(h, BOX_FLOOR),
                                        max_lines=8, bold=kind == "figure")
            shrunk = main_block.font.pixelSize() * 0.92
            if shrunk < by_block.font.pixelSize():  # the speaker's name never outgrows the words
                by_block = text_block.fit(by, inner_w, room * 0.45, shrunk,
                                          min_size=min(shrunk, self._floor(h, SMALL_FLOOR)),
                                          max_lines=4)
            out.append(_Box(kind, box_w, main_block, by_block,
                            main_block.height + by_block.height + pad * 2 + h * 0.008))
        return out

    def _paint_boxes(self, painter: QPainter, origin: QPointF, boxes: list[_Box],
                     h: float) -> None:
        look = self.look
        gap = h * 0.025
        pad = h * 0.018
        x = origin.x()
        for item in boxes:
            box = QRectF(x, origin.y(), item.width, item.height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.card)
            painter.drawRoundedRect(box, h * 0.012, h * 0.012)
            painter.fillRect(QRectF(box.left(), box.top(), h * 0.006, box.height()), look.accent)
            inner = box.adjusted(pad * 1.4, pad, -pad, -pad)
            used = text_block.draw(painter, item.main, inner.topLeft(), look.text)
            text_block.draw(painter, item.by, QPointF(inner.left(), inner.top() + used
                                                      + h * 0.008), look.muted)
            self.parts[item.kind] = box
            self.lines[item.kind] = item.main.lines + item.by.lines
            x += item.width + gap


@dataclass(frozen=True)
class _Box:
    kind: str
    width: float
    main: text_block.Block
    by: text_block.Block
    height: float

    @property
    def whole(self) -> bool:
        return self.main.whole and self.by.whole
