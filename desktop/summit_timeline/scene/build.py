"""Snapshot + view + look → scene: every decision about what a view of the timeline draws.

Runs for the frames of the window (a pan or a zoom is a new view), so the
work is proportional to what is in view: two binary searches find the
visible events, numpy computes their shapes, and at most a few hundred
labels are placed.  When more events are in view than pixels can show one by
one, the scene holds density strips and counts instead, which cost the same
at ten events or ten million.

An open view (the window) is the part of a wider region it shows
(``region_of``): the region is laid out once and a pan only shifts it, so
most pan frames place no label at all.  A ``SceneBuilder`` keeps what does
not change between frames (label widths, the last region, the last scene);
the result never depends on what it kept, so the window and an export of the
same view get equal scenes.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from ..core import dates
from ..core.index import APPROXIMATE, UNCERTAIN
from . import date_ticks, label_layout, style
from .heading import data_line_day, heading, legend_entries
from .lane_layout import Folded
from .palette import Palette, Rgba
from .row_plan import RowPlan, RowPlanner
from .scene import (
    Badge,
    Density,
    Glyph,
    Label,
    Lane,
    Marker,
    Rect,
    Scene,
    Shapes,
    Sizes,
    Tick,
    View,
)
from .snapshot import NO_SELECTION, Snapshot
from .text import PAD, LabelText, TextMeasure, fitted, label_text

DETAIL_LIMIT: Final = 6000
"""Above this many events in view, or two per pixel column, draw density instead."""
CANDIDATES: Final = 250
"""Most labels tried per view, the most important first."""
GLYPH_LIMIT: Final = 400
DENSITY_PX: Final = 3.0
BADGE_PX: Final = 90.0
_DENSITY_STRENGTH: Final = np.array([0.0, 0.22, 0.42, 0.65, 0.9])
"""Tint of a density cell by level: empty, then four steps up to the busiest."""
_CACHE_LIMIT: Final = 50_000
REGION_STEP: Final = 0.25
"""An open view's region is laid out in steps of a quarter of its width, one step beyond
each side, so a pan lays out labels again only about every eighth frame."""



@dataclass(frozen=True)
class Look:
    """How to draw: the colours, and the font labels are measured in (by the caller)."""

    palette: Palette
    measure: TextMeasure
    emphasis: bool = False
    """A slide's strip: the current event stands out, other labels are muted."""

    @property
    def key(self) -> Hashable:
        return (self.palette, self.measure.key, self.emphasis)


def density_levels(counts: NDArray[np.int64]) -> NDArray[np.int64]:
    """Level 0 (empty) to 4 (the busiest cell) of each count, on a log scale.

    Clipped, because numpy's and math's ``log1p`` may differ in the last bit:
    the busiest cell came out as level 5 for a peak of 2, 47, 73…, an index
    error while painting.
    """
    peak = max(int(counts.max()) if counts.size else 0, 1)
    level = np.ceil(np.log1p(counts) / np.log1p(peak) * 4).astype(np.int64)
    clipped: NDArray[np.int64] = np.clip(level, 0, 4)
    return clipped


def compact(count: int) -> str:
    """1234 → "1.2k": a count badge that fits in its strip."""
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    return f"{count / 1_000_000:.1f}M".replace(".0M", "M")


class SceneBuilder:
    """Builds scenes, remembering what repeats from frame to frame."""

    def __init__(self) -> None:
        self._texts: dict[tuple[Hashable, int, int], LabelText] = {}
        self._texts_of: object = None
        """The event index ``_texts`` belongs to: positions mean other events in another
        file, so a new timeline starts the cache afresh."""
        self._planner = RowPlanner()
        self._last: tuple[tuple[object, ...], Scene] | None = None
        self._region: tuple[tuple[object, ...], Scene, int] | None = None
        """The last open view's region: its key, the scene, and the selected event it
        drew out of a folded pile (``NO_SELECTION``: none)."""
        self._region_folds: Folded | None = None
        """The folding of the region built last (None: nothing folds, or dense)."""
        self._label_spans: tuple[Scene, list[float], list[float]] | None = None
        """The last region, and the left and right of each of its labels' events."""

    def build(self, snap: Snapshot, view: View, look: Look) -> Scene:
        key = (id(snap), snap, view, look.key)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        if view.closed:
            scene = self._build(snap, view, look, 1.0, local=True)
        else:
            area = region_of(snap, view)
            region_key = _region_key(snap, area, look)
            # A step to the next event reuses the region, unless the event (now or
            # before) is one the region drew out of a folded pile.
            if self._region is not None and self._region[0] == region_key \
                    and self._region[2] == _drawn_out(snap, self._region_folds):
                region = self._region[1]
            else:
                region = self._build(snap, area, look, area.width / max(view.width, 1.0),
                                     local=False, overlays=False)
                self._region = (region_key, region, _drawn_out(snap, self._region_folds))
            scene = self._within(region, snap, view, look)
        self._last = (key, scene)
        return scene

    def adopt(self, snap: Snapshot, view: View, look: Look, scene: Scene) -> None:
        """Keep the region of ``scene``, built for ``snap`` and the open ``view`` by another
        builder (on a worker, while the window went on), as if this one had built it."""
        if not view.closed and scene.region is not None:
            self._region_folds = None
            self._region = (_region_key(snap, region_of(snap, view), look), scene.region,
                            NO_SELECTION)

    # ------------------------------------------------------------ an open view

    def _within(self, region: Scene, snap: Snapshot, view: View, look: Look) -> Scene:
        """The part of ``region`` that ``view`` shows, in the view's pixels."""
        dx = (region.view.x0 - view.x0) * region.view.sx
        width = view.width
        s = region.shapes
        shapes = Shapes(position=s.position, left=s.left + dx, top=s.top, right=s.right + dx,
                        bottom=s.bottom, cy=s.cy, style=s.style, lane=s.lane, runs=s.runs,
                        review=s.review) if len(s) else s
        chosen = snap.selection
        # A label is shown with its event: one whose event has scrolled out of sight
        # (its shape wholly past the edge) would be a name cut off beside nothing.
        event_left, event_right = self._label_events(region)
        labels = tuple(Label(label.position, label.lines, label.text,
                             (label.rect[0] + dx, label.rect[1], label.rect[2] + dx,
                              label.rect[3]), label.struck, label.position == chosen)
                       for label, lo, hi in zip(region.labels, event_left, event_right,
                                                strict=True)
                       if label.rect[2] + dx > 0 and label.rect[0] + dx < width
                       and hi + dx > 0 and lo + dx < width)
        glyphs = tuple(Glyph(g.x + dx, g.baseline, g.text) for g in region.glyphs
                       if 0 <= g.x + dx <= width)
        selection, marked = self._rings(snap, s, dx, width, region.sizes.line)
        if selection is not None and not any(
                label.current and label.rect[0] >= 0 and label.rect[2] <= width
                for label in labels):
            # The selected event's label is always whole: where the region's runs past
            # the edge, it is laid over the view instead.
            labels = tuple(label for label in labels if not label.current)
            labels = self._callout(snap, s, labels, dx, view, region.sizes, look.measure)
        density = region.density
        draw = snap.draw
        badges = tuple(Badge((b.rect[0] + dx, b.rect[1], b.rect[2] + dx, b.rect[3]),
                             b.text, b.colour, b.positions) for b in region.badges
                       if b.rect[2] + dx > 0 and b.rect[0] + dx < width)
        if density is not None:
            density = Density(density.edges + dx, density.colours, density.tops,
                              density.bottoms, draw.count_between(view.x0, view.x1))
            drawn = density.counted
        else:
            drawn = draw.overlapping(view.x0, view.x1) if len(shapes) or badges else 0
        grid, ticks, minor = self._ticks(view, region.sizes.line)
        placed = {m.kind: m for m in region.markers}
        markers = []
        for marker in self._markers(snap, view, region.sizes, look.measure, look.palette):
            if marker.kind in placed:
                at = placed[marker.kind]
                left, top, right, bottom = at.caption_rect
                marker = Marker(at.kind, at.x + dx, at.caption, (left + dx, top, right + dx,
                                                                  bottom),
                                at.colour, at.dashed, at.width)
            markers.append(marker)
        title, subtitle = heading(snap, view)
        return Scene(view=view, palette=region.palette, sizes=region.sizes, mode=region.mode,
                     lanes=region.lanes, lane_colours=region.lane_colours, grid=grid,
                     ticks=ticks, minor=minor, shapes=shapes, labels=labels, glyphs=glyphs,
                     selection=selection, marked=marked, density=density, badges=badges,
                     markers=tuple(markers), legend=legend_entries(snap),
                     legend_colour=region.legend_colour, title=title, subtitle=subtitle,
                     emphasis=region.emphasis, drawn=drawn, region=region, offset=dx,
                     known_x=None if region.known_x is None else region.known_x + dx)

    def _label_events(self, region: Scene) -> tuple[list[float], list[float]]:
        """Left and right of the event of each of the region's labels, found once per
        region (a pan frame only compares them with the view's edges)."""
        got = self._label_spans
        if got is not None and got[0] is region:
            return got[1], got[2]
        s = region.shapes
        if region.labels and len(s):
            order = np.argsort(s.position, kind="stable")
            wanted = np.array([label.position for label in region.labels], np.int64)
            at = order[np.minimum(np.searchsorted(s.position[order], wanted), len(s) - 1)]
            found = s.position[at] == wanted
            left = np.where(found, s.left[at], -np.inf).tolist()
            right = np.where(found, s.right[at], np.inf).tolist()
        else:
            left = [-math.inf] * len(region.labels)
            right = [math.inf] * len(region.labels)
        self._label_spans = (region, left, right)
        return left, right

    def _rings(self, snap: Snapshot, shapes: Shapes, dx: float, width: float, line: float
               ) -> tuple[Rect | None, tuple[Rect, ...]]:
        """The selection ring and the changed-event rings of an open view."""
        selection: Rect | None = None
        if snap.selection != NO_SELECTION:
            rect = shapes.rect_of(snap.selection)
            if rect is not None:
                pad = max(4.0, line * 0.35)
                selection = (rect[0] + dx - pad, rect[1] - pad, rect[2] + dx + pad,
                             rect[3] + pad)
        marked: tuple[Rect, ...] = ()
        if snap.marked is not None and len(shapes):
            ring = max(3.0, line * 0.25)
            hit = np.flatnonzero(np.isin(shapes.position, snap.marked))
            marked = tuple(
                (float(shapes.left[i]) + dx - ring, float(shapes.top[i]) - ring,
                 float(shapes.right[i]) + dx + ring, float(shapes.bottom[i]) + ring)
                for i in hit.tolist()
                if shapes.right[i] + dx + ring > 0 and shapes.left[i] + dx - ring < width)
        return selection, marked

    def _callout(self, snap: Snapshot, shapes: Shapes, labels: tuple[Label, ...], dx: float,
                 view: View, sizes: Sizes, measure: TextMeasure) -> tuple[Label, ...]:
        """The selected event's label where the region had no room for it: whole, on one
        line, right of the event, else left, else inside its band, over any label it
        would cover.

        Laid over the region instead of laying the region out again, so stepping from
        event to event costs the same however many labels are in view."""
        at = np.flatnonzero(shapes.position == snap.selection)
        if len(at) == 0:
            return labels
        i = int(at[0])
        status = int(snap.known.shown_status[snap.selection])
        text = label_text(snap.event(snap.selection).title, status, measure)
        left, right = float(shapes.left[i]) + dx, float(shapes.right[i]) + dx
        cy = float(shapes.cy[i])
        gap = label_layout.GAP
        if right + gap + text.one <= view.width - 2.0:
            x0 = right + gap
        elif left - gap - text.one >= 2.0:
            x0 = left - gap - text.one
        else:  # inside its band (or over it, as far left as the view allows)
            x0 = max(left + gap, 2.0)
        box: Rect = (x0, cy - sizes.label / 2, x0 + text.one, cy + sizes.label / 2)
        kept = tuple(label for label in labels if not _overlap(label.rect, box))
        return (*kept, Label(snap.selection, (text.full,), text.full, box,
                             status == style.CANCELLED, True))

    # ------------------------------------------------------------ parts

    def _build(self, snap: Snapshot, view: View, look: Look, share: float, *,
               local: bool, overlays: bool = True) -> Scene:
        """The scene of a closed view; ``share``: its width in widths of the view shown
        (more than 1 for the region of an open view: room for more events and labels);
        ``local``: rows are stacked for the events of this view alone (a page, a slide),
        not for all of them (the region of an open view, which pans).  Without
        ``overlays``, no selection ring, marks or selected label: an open view adds
        them per frame."""
        palette, measure = look.palette, look.measure
        line = float(measure.line_height)
        draw = snap.draw
        width = max(view.width, 1.0)
        in_view = draw.count_between(view.x0, view.x1)
        dense = in_view > min(DETAIL_LIMIT * share, width * 2)
        plan = self._plan(snap, view, measure, dense, local)
        if not local:
            self._region_folds = plan.folded
        marker = float(min(max(min(line * 1.05, plan.row * 0.78), 5.0), 18.0))
        sizes = Sizes(line=line, label=line + 2.0, marker=marker, row=plan.row,
                      pen=max(1.0, line * 0.09), badge=max(9.0, min(13.0, marker * 0.8)))
        tracks = snap.index.tracks
        lane_colours = tuple(palette.lane(k, t.colour) for k, t in enumerate(tracks))
        lanes = tuple(Lane(slot, lane, tracks[lane].title, float(plan.lane_top[slot]),
                           float(plan.lane_bottom[slot]), slot % 2 == 0, lane_colours[lane])
                      for slot, lane in enumerate(draw.lanes))
        grid, ticks, minor = self._ticks(view, line, measure if local else None)
        markers = self._markers(snap, view, sizes, measure, palette)
        legend = legend_entries(snap)
        legend_colour = lanes[0].colour if lanes else palette.lane(0)
        title, subtitle = heading(snap, view)

        def scene(mode: Literal["detail", "density", "empty"], shapes: Shapes,
                  labels: tuple[Label, ...], glyphs: tuple[Glyph, ...], selection: Rect | None,
                  density: Density | None, badges: tuple[Badge, ...], drawn: int,
                  marked: tuple[Rect, ...] = ()) -> Scene:
            return Scene(view=view, palette=palette, sizes=sizes, mode=mode, lanes=lanes,
                         lane_colours=lane_colours, grid=grid, ticks=ticks, minor=minor,
                         shapes=shapes, labels=labels, glyphs=glyphs, selection=selection,
                         marked=marked,
                         density=density, badges=badges, markers=markers,
                         legend=legend, legend_colour=legend_colour, title=title,
                         subtitle=subtitle, emphasis=look.emphasis, drawn=drawn,
                         known_x=None if snap.knowledge_day is None
                         else view.x(snap.knowledge_day + 1))

        if dense:
            density, badges = self._density(snap, view, plan, sizes, measure, palette, lanes)
            return scene("density", _NO_SHAPES, (), (), None, density, badges, density.counted)
        shapes, glyphs, badges = self._shapes(snap, view, plan, sizes, measure, lane_colours)
        chosen = snap.selection if overlays else NO_SELECTION
        selection: Rect | None = None
        if chosen != NO_SELECTION:
            rect = shapes.rect_of(chosen)
            if rect is not None:
                pad = max(4.0, line * 0.35)
                selection = (rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad)
        marked: tuple[Rect, ...] = ()
        if overlays and snap.marked is not None and len(shapes):
            ring = max(3.0, line * 0.25)
            hit = np.flatnonzero(np.isin(shapes.position, snap.marked))
            marked = tuple((float(shapes.left[i]) - ring, float(shapes.top[i]) - ring,
                            float(shapes.right[i]) + ring, float(shapes.bottom[i]) + ring)
                           for i in hit.tolist())
        labels = self._labels(snap, view, shapes, sizes, measure,
                              tuple(m.caption_rect for m in markers)
                              + tuple(b.rect for b in badges),
                              round(CANDIDATES * share), chosen)
        shown = len(shapes) > 0 or len(badges) > 0
        return scene("detail" if shown else "empty", shapes, labels, glyphs, selection,
                     None, badges, draw.overlapping(view.x0, view.x1) if shown else 0,
                     marked)

    def _plan(self, snap: Snapshot, view: View, measure: TextMeasure, dense: bool,
              local: bool) -> RowPlan:
        """The rows of the snapshot's lanes at this view's scale and height."""
        index, position = snap.index, snap.draw.position

        def title(i: int) -> str:
            return index.event(int(position[i])).title

        draw = snap.draw
        if local:
            within: tuple[float, float] | None = (view.x0, view.x1)
            bounds = within
        else:  # as ``region_of`` cuts an open view's region
            within = None
            lo, hi = (float(draw.start[0]), float(draw.ends[-1])) if len(draw) \
                else (view.x0, view.x1)
            if snap.day_range is not None:
                lo, hi = max(lo, snap.day_range[0]), min(hi, snap.day_range[1])
            bounds = (lo, hi)
        return self._planner.plan(draw, title, view.sx, view.height, measure,
                                  dense=dense, within=within, bounds=bounds,
                                  near=None if local else (view.x0, view.x1))

    def _ticks(self, view: View, line: float, measure: TextMeasure | None = None
               ) -> tuple[NDArray[np.float64], tuple[Tick, ...], NDArray[np.float64]]:
        """Labelled and minor ticks; with ``measure`` (a page, a slide), no labelled tick
        whose date would run off the right edge ("202" for 2027)."""
        # Tick steps leave room for their labels at this text size (13 px is the reference).
        plan = date_ticks.plan(view.x0, view.x1, view.width * 13.0 / max(line, 1.0),
                               finest="day")
        values = date_ticks.values(view.x0, view.x1, plan.major)
        xs = (np.asarray(values, np.float64) - view.x0) * view.sx
        texts = date_ticks.labels(values, plan.major)
        minor = np.zeros(0, np.float64)
        if plan.minor is not None:
            minor = np.asarray(date_ticks.values(view.x0, view.x1, plan.minor), np.float64)
        ticks = tuple(Tick(float(x), float(d), t)
                      for x, d, t in zip(xs.tolist(), values, texts, strict=True)
                      if measure is None or x + 3.0 + measure.width(t) <= view.width)
        return xs, ticks, minor

    def _markers(self, snap: Snapshot, view: View, sizes: Sizes, measure: TextMeasure,
                 palette: Palette) -> tuple[Marker, ...]:
        """The knowledge date (solid, captioned below) and the data's date (dashed, above)."""
        out = []
        kinds: tuple[tuple[Literal["known", "as_of"], int | None, str, Rgba, bool, bool], ...] = (
            ("known", snap.knowledge_day, "known on", palette.marker, False, False),
            ("as_of", data_line_day(snap), "data as of", palette.as_of, True, True))
        for kind, day, word, colour, dashed, top in kinds:
            if day is None:
                continue
            x = view.x(day + 1)
            if not 0 <= x <= view.width:
                continue
            caption = f"{word} {dates.format_day(day)}"
            w = measure.width(caption) + PAD
            left = x + 3 if x + 3 + w <= view.width else max(x - 3 - w, 0.0)
            y = 2.0 if top else view.height - 2.0 - sizes.label
            out.append(Marker(kind, x, caption, (left, y, left + w, y + sizes.label),
                              colour, dashed, 2.0 if kind == "known" else 1.5))
        return tuple(out)

    def _shapes(self, snap: Snapshot, view: View, plan: RowPlan, sizes: Sizes,
                measure: TextMeasure, lane_colours: tuple[Rgba, ...]
                ) -> tuple[Shapes, tuple[Glyph, ...], tuple[Badge, ...]]:
        """The events drawn one by one, their "~"/"?" marks, and the "+N" of those folded.

        The selected event is drawn even where its lane folds it, in the lane's last
        row: whatever the reader walks to with the keyboard is on screen.
        """
        draw = snap.draw
        folded = plan.folded
        assert folded is not None
        which = draw.visible(view.x0, view.x1)
        row = folded.row[which]
        chosen = -1
        if snap.selection != NO_SELECTION:
            at = np.flatnonzero(draw.position[which] == snap.selection)
            if len(at) and row[at[0]] < 0:
                chosen = int(which[at[0]])
                row = row.copy()
                row[at[0]] = folded.rows[draw.slot[chosen]] - 1
        keep = row >= 0
        which, row = which[keep], row[keep]
        sx = view.sx
        start, end = draw.start[which], draw.end[which]
        marker = sizes.marker
        kind = style.shapes_of(draw.precision[which], start, end, sx, marker)
        xs, xe = (start - view.x0) * sx, (end - view.x0) * sx
        slot = draw.slot[which]
        cy = plan.centre(slot, row)
        half = np.where(kind == style.POINT, marker / 2,
                        np.where(kind == style.BAR, marker * 0.36,
                                 min(plan.row * 0.42, marker * 0.75)))
        centre = (xs + xe) / 2
        left = np.where(kind == style.POINT, centre - marker / 2, xs)
        right = np.where(kind == style.POINT, centre + marker / 2,
                         np.where(kind == style.BAR, np.maximum(xe, xs + marker),
                                  np.maximum(xe, xs + 3.0)))
        chosen_at = (0.0, 0.0)
        if chosen >= 0:
            k = int(np.flatnonzero(which == chosen)[0])
            chosen_at = (float(left[k]), float(right[k]))
        badges = self._folds(snap, view, plan, sizes, measure, lane_colours, chosen,
                             chosen_at)
        if len(which) == 0:
            return _NO_SHAPES, (), badges
        flags = draw.flags[which]
        fuzzy = (flags & (APPROXIMATE | UNCERTAIN)) != 0
        codes = style.codes(kind, draw.status[which], fuzzy)
        lane = draw.lane[which]
        # Bands behind bars behind points; runs of one style and one lane.
        order = np.lexsort((lane, codes, 2 - kind))
        codes, lane = codes[order], lane[order]
        change = np.ones(len(order), np.bool_)
        change[1:] = (codes[1:] != codes[:-1]) | (lane[1:] != lane[:-1])
        starts = np.flatnonzero(change)
        ends = np.append(starts[1:], len(order))
        runs = tuple((int(codes[a]), int(lane[a]), int(a), int(b))
                     for a, b in zip(starts.tolist(), ends.tolist(), strict=True))
        review = draw.review[which][order] if len(draw.review) == len(draw) \
            else np.zeros(len(order), np.int8)
        shapes = Shapes(position=draw.position[which][order], left=left[order],
                        top=(cy - half)[order], right=right[order], bottom=(cy + half)[order],
                        cy=cy[order], style=codes, lane=lane, runs=runs, review=review)
        marked = np.flatnonzero(fuzzy[order])
        glyphs: tuple[Glyph, ...] = ()
        if 0 < len(marked) <= GLYPH_LIMIT:
            f = flags[order]
            glyphs = tuple(Glyph(float(shapes.right[i]) - 2.0, float(shapes.top[i]) - 1.0,
                                 ("~" if f[i] & APPROXIMATE else "")
                                 + ("?" if f[i] & UNCERTAIN else ""))
                           for i in marked.tolist())
        return shapes, glyphs, badges

    def _text(self, snap: Snapshot, measure: TextMeasure, position: int, status: int
              ) -> LabelText:
        """The label of an event in a status, measured once."""
        key = (measure.key, position, status)
        if snap.index is not self._texts_of:
            self._texts.clear()
            self._texts_of = snap.index
        got = self._texts.get(key)
        if got is None:
            if len(self._texts) > _CACHE_LIMIT:
                self._texts.clear()
            got = label_text(snap.index.event(position).title, status, measure)
            self._texts[key] = got
        return got

    def _folds(self, snap: Snapshot, view: View, plan: RowPlan, sizes: Sizes,
               measure: TextMeasure, lane_colours: tuple[Rgba, ...], chosen: int,
               chosen_at: tuple[float, float]) -> tuple[Badge, ...]:
        """"+N" in a lane's last row where N events have no row at this size and zoom.

        Each sits where its first event begins; the count of the one holding the
        selected event (drawn instead, from ``chosen_at[0]`` to ``chosen_at[1]``) moves
        beside that event, on the side its label will not take.
        """
        folded = plan.folded
        assert folded is not None
        if len(folded.group_x) == 0:
            return ()
        draw = snap.draw
        sx = view.sx
        reach = 80.0 / sx
        near = np.flatnonzero((folded.group_x >= view.x0 - reach)
                              & (folded.group_x <= view.x1))
        h = sizes.label
        placed: list[Badge] = []
        ends: dict[int, float] = {}
        for g in near.tolist():
            members = folded.group(g)
            if chosen >= 0 and folded.group_of[chosen] == g:
                members = members[members != chosen]
            if len(members) == 0:
                continue
            text = "+" + compact(len(members))
            w = measure.width(text) + 10.0
            slot = int(folded.group_lane[g])
            cy = float(plan.centre(np.array([slot]), np.array([folded.rows[slot] - 1]))[0])
            x = (float(folded.group_x[g]) - view.x0) * sx
            if chosen >= 0 and folded.group_of[chosen] == g:
                p = int(draw.position[chosen])
                label = self._text(snap, measure, p, int(draw.status[chosen]))
                if chosen_at[1] + label_layout.GAP + label.one <= view.width - 2.0:
                    x = chosen_at[0] - label_layout.GAP - w
                else:
                    x = chosen_at[1] + label_layout.GAP
            x = max(x, ends.get(slot, -np.inf) + 2.0)
            ends[slot] = x + w
            lane = draw.lanes[slot]
            placed.append(Badge((x, cy - h / 2, x + w, cy + h / 2), text, lane_colours[lane],
                                tuple(int(p) for p in draw.position[members].tolist())))
        return tuple(placed)

    def _labels(self, snap: Snapshot, view: View, shapes: Shapes, sizes: Sizes,
                measure: TextMeasure, blocks: tuple[Rect, ...],
                most: int, chosen: int) -> tuple[Label, ...]:
        """Labels of the most important events first, clear of every shape and of
        ``blocks`` (the date lines' captions, the "+N" counts)."""
        n = len(shapes)
        if n == 0:
            return ()
        positions = shapes.position
        importance = snap.index.importance[positions].astype(np.float64)
        # Earlier events win ties, so reading left to right the first label is kept.
        rank = np.argsort(np.argsort(shapes.left, kind="stable"), kind="stable")
        priority = importance - rank / max(n, 1) * 0.5
        priority[positions == chosen] += 100.0
        candidates = np.argsort(-priority, kind="stable")[:most]
        candidates.sort()
        status = snap.known.shown_status[positions]
        texts = [self._text(snap, measure, int(positions[i]), int(status[i]))
                 for i in candidates.tolist()]
        owner = np.full(n + len(blocks), -1, np.int64)
        owner[candidates] = np.arange(len(candidates))
        obstacles = np.column_stack((shapes.left, shapes.top, shapes.right, shapes.bottom))
        if blocks:
            # A caption's box has a pixel of padding above and below its text, which a
            # neighbouring label may share: without this a two-line label beside the
            # top caption was cut to "Putin–Xi meeti…" for one pixel.
            rims = np.array(blocks, np.float64) + np.array([0.0, 1.5, 0.0, -1.5])
            obstacles = np.vstack((obstacles, rims))
        placed = label_layout.place(
            shapes.left[candidates], shapes.right[candidates], shapes.cy[candidates],
            np.array([t.one for t in texts]), sizes.label, priority[candidates],
            (2.0, 2.0, view.width - 2.0, view.height - 2.0), obstacles,
            np.array([t.least for t in texts]), two=np.array([t.two for t in texts]),
            two_height=2 * sizes.line + 2.0, owner=owner)
        out = []
        for j, form, rect in zip(placed.which.tolist(), placed.form.tolist(),
                                 placed.rects.tolist(), strict=True):
            text = texts[j]
            i = int(candidates[j])
            if form == label_layout.TWO and text.lines is not None:
                lines: tuple[str, ...] = text.lines
            elif form == label_layout.SHORT:
                lines = (fitted(text, rect[2] - rect[0], measure),)
            else:
                lines = (text.full,)
            box: Rect = (rect[0], rect[1], rect[2], rect[3])
            out.append(Label(int(positions[i]), lines, text.full, box,
                             int(status[i]) == style.CANCELLED,
                             int(positions[i]) == chosen))
        return tuple(out)

    def _density(self, snap: Snapshot, view: View, rows: RowPlan, sizes: Sizes,
                 measure: TextMeasure, palette: Palette, lanes: tuple[Lane, ...]
                 ) -> tuple[Density, tuple[Badge, ...]]:
        draw = snap.draw
        width = max(view.width, 1.0)
        bins = max(1, int(width / DENSITY_PX))
        edges = np.linspace(0.0, width, bins + 1)
        counts = draw.density.counts(view.x0 + edges / view.sx)
        strength = _DENSITY_STRENGTH[density_levels(counts)]
        colours = np.zeros((len(lanes), bins, 3), np.uint8)
        for lane in lanes:
            base = palette.lane_shade if lane.shaded else palette.background
            fg = np.array(lane.colour[:3], np.float64)
            bg = np.array(base[:3], np.float64)
            colours[lane.slot] = (bg + (fg - bg) * strength[lane.slot][:, None]).round()
        tops = rows.lane_top + 2.0
        bottoms = rows.lane_bottom - 2.0
        density = Density(edges, colours, tops, bottoms, int(counts.sum()))
        badge_bins = max(1, int(width / BADGE_PX))
        px = np.linspace(0.0, width, badge_bins + 1)
        per = draw.density.counts(view.x0 + px / view.sx)
        badges = []
        h = sizes.label
        for k, b in zip(*(a.tolist() for a in np.nonzero(per)), strict=True):
            text = compact(int(per[k, b]))
            w = measure.width(text) + 10.0
            cx = (px[b] + px[b + 1]) / 2
            cy = (rows.lane_top[k] + rows.lane_bottom[k]) / 2
            badges.append(Badge((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), text,
                                lanes[k].colour))
        return density, tuple(badges)


def region_of(snap: Snapshot, view: View) -> View:
    """The region an open view is a part of: the view widened to steps of a quarter of its
    width, one step beyond each side, cut to the events (and to the snapshot's range),
    but never inside the view's own whole steps.

    A function of the view alone, so the window and an export of the same view lay out
    the same region; steps keep it fixed while a pan stays within them.  Cut to the
    events, labels at either end stay inside a view that shows them all.  Not cut
    inside the view: a search or a map click that leaves nine meetings of one
    afternoon would otherwise leave a region a few pixels wide, with no room for a
    single label.
    """
    span = max(view.x1 - view.x0, 1e-9)
    sx = float(f"{view.width / span:.12g}")
    step = view.width * REGION_STEP / sx
    r0 = (math.floor(view.x0 / step) - 1) * step
    r1 = (math.ceil(view.x1 / step) + 1) * step
    draw = snap.draw
    if len(draw):
        inner0, inner1 = math.ceil(view.x0 / step) * step, math.floor(view.x1 / step) * step
        r0 = max(r0, min(float(draw.start[0]), inner0))
        r1 = min(r1, max(float(draw.ends[-1]), inner1))
    if snap.day_range is not None:
        r0, r1 = max(r0, snap.day_range[0]), min(r1, snap.day_range[1])
    if r1 <= r0 or not len(draw):
        r0, r1 = view.x0, view.x1
        return View(r0, r1, view.width, view.height)
    return View(r0, r1, (r1 - r0) * sx, view.height)


_NO_SHAPES: Final = Shapes(
    position=np.zeros(0, np.int64), left=np.zeros(0), top=np.zeros(0), right=np.zeros(0),
    bottom=np.zeros(0), cy=np.zeros(0), style=np.zeros(0, np.int16),
    lane=np.zeros(0, np.int32), runs=(), review=np.zeros(0, np.int8))


def build_scene(snap: Snapshot, view: View, look: Look) -> Scene:
    """One scene, with nothing remembered: what an export or a test draws."""
    return SceneBuilder().build(snap, view, look)


def _region_key(snap: Snapshot, area: View, look: Look) -> tuple[object, ...]:
    """What a region's drawing depends on.  Not the selection or the marks: a step to the
    next event only moves a ring, it does not lay out (or paint) the region again."""
    return (id(snap.draw), snap.draw, id(snap.known), snap.known, snap.knowledge_day,
            snap.review is None, area, look.key)


def _drawn_out(snap: Snapshot, folds: Folded | None) -> int:
    """The selected event if the region's rows fold it away (so the region draws it in
    its lane's last row), else ``NO_SELECTION``."""
    if folds is None or snap.selection == NO_SELECTION:
        return NO_SELECTION
    at = np.flatnonzero(snap.draw.position == snap.selection)
    return snap.selection if len(at) and folds.row[int(at[0])] < 0 else NO_SELECTION


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
