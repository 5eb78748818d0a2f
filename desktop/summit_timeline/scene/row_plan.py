"""Rows at the scale shown: each event's row keeps room for its label, and lanes share the height.

As in vis-timeline and TimelineJS, an event holds its row from its shape to the
end of its label at the scale the view is drawn at, so a label never has to
give up because a neighbour in its row sits where its text would go while
rows below stand empty.  Scales are taken in bands (``BANDS_PER_OCTAVE`` per
doubling of pixels per day); a band is stacked once, at its most zoomed-out
scale (where labels are longest in days), and kept, so panning never
re-stacks and zooming re-stacks only on crossing into another band.  A page
or a slide never pans: it stacks only the events it shows, at its own scale.
Where the edge of the page (or of the data) would cut a label off, its room
is kept left of its event, where the label layout will then put it.

How much room a label keeps is chosen per view: the whole label on one line;
or that, giving way to two lines (in rows tall enough for two) or to its
shortest readable form where that saves a row; or none (the events alone,
named wherever there is room).  The form that shows the most wins: events
weighted by importance, and by how much of their label they keep room for
(``_READS``).

Lanes share the plot's rows by weight (their events, the important ones
counted more); a lane that needs fewer rows than its share passes the rest
on.  A lane short of rows shows in its last row what fits there and counts
the rest as "+N" where they begin: seven meetings on one afternoon in Astana
do not take the plot from the forty-one Putin–Xi meetings.  The scene always draws
the selected event, folded or not.

A dense view (drawn as density strips) stacks nothing: its lanes share the
height by weight alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from . import style
from .draw_set import DrawSet
from .label_layout import GAP
from .lane_layout import EXACT_LIMIT, Folded, fold, share, stack
from .text import ELLIPSIS, KEEP, MIN_WIDTH, PAD, TextMeasure, suffix

BANDS_PER_OCTAVE: Final = 4
"""Scales within a factor of 2 ** (1 / 4) (about 19%) share one stacking."""
ROW_MAX: Final = 2.2
"""Tallest row, in text lines: spare height goes to the lanes, not into rows."""
LANE_GAP: Final = 0.6
"""Space between lanes, in rows."""
SPACING: Final = 8.0
"""Between the end of one event's label and the next event in its row (pixels)."""
BADGE_PX: Final = 90.0
"""Folded events are counted per stretch of this many pixels (at the band's scale)."""
MEASURE_LIMIT: Final = 5_000
"""Above this many events, labels are not measured one by one: a sample's typical widths
stand for all of them (the rows of so many are an approximation anyway)."""
SAMPLE: Final = 2000
"""Labels measured to estimate the label room of a lane too big to measure them all."""
_PLANS: Final = 24
"""Plans kept: a zoom in and back out again finds its bands still stacked."""

ONE_LINE, TWO_LINES, SHORT, NONE = 0, 1, 2, 3
"""Label room an event keeps in its row: its label whole on one line, on two lines, its
shortest readable form, none."""
_READS: Final = (1.0, 1.0, 0.8, 0.7)
"""What an event drawn with each label room is worth to a reader, against one named in
full (on one line or two): a shortened title says less, a dot that keeps no room for its
name (it still gets one wherever there is room) less again; an event counted in "+N"
instead of drawn, nothing.  So a few light events fold to name the rest in full, but the
meetings themselves are not hidden to name a few more of them."""


def band_of(sx: float) -> int:
    """The scale band of ``sx`` pixels per day."""
    return math.floor(math.log2(max(sx, 1e-12)) * BANDS_PER_OCTAVE + 1e-9)


def band_scale(band: int) -> float:
    """Pixels per day at the most zoomed-out end of ``band``: every scale in the band
    shows labels at most this long in days."""
    return float(2.0 ** (band / BANDS_PER_OCTAVE))


def min_row(level: int, line: float) -> float:
    """The shortest row an event and a label of this room read in, in pixels: a one-line
    label (``line`` + 2) and a pixel, or two lines.  Rows with no label room are no
    shorter: a label still goes wherever it finds room, and a row it cannot read in
    would only show dots."""
    if level == TWO_LINES:
        return 2 * line + 4.0
    return line + 3.0


@dataclass(frozen=True)
class LabelRoom:
    """Widths (pixels, padding included) of each event's label in its three forms."""

    one: NDArray[np.float64]
    two: NDArray[np.float64]
    """The whole label on two lines (``one`` where it cannot be split)."""
    least: NDArray[np.float64]

    def at(self, level: int) -> NDArray[np.float64]:
        if level == ONE_LINE:
            return self.one
        if level == TWO_LINES:
            return self.two
        if level == SHORT:
            return np.minimum(self.least, self.two)
        return np.zeros(len(self.one))


@dataclass(frozen=True, eq=False)
class RowPlan:
    """Where each lane and row sits for one plot height, and each event's row."""

    row: float
    """Height of a row, in pixels."""
    lane_top: NDArray[np.float64]
    lane_bottom: NDArray[np.float64]
    first_row: NDArray[np.float64]
    """y of the top of each lane's first row."""
    folded: Folded | None
    """Each event's row, and what is counted instead of drawn (None: a dense view)."""
    level: int
    """How much label room events keep (``ONE_LINE`` … ``NONE``)."""
    scale: float
    """Pixels per day the rows were stacked at."""

    def centre(self, slot: NDArray[np.int32], row: NDArray[np.int32]) -> NDArray[np.float64]:
        """Vertical centre of rows ``row`` of lanes ``slot``."""
        centre: NDArray[np.float64] = self.first_row[slot] + (row + 0.5) * self.row
        return centre


class RowPlanner:
    """Plans rows for views of snapshots, remembering label widths and plans between frames.

    The result depends only on its arguments, never on what was remembered: the
    window and an export of the same view get equal plans.
    """

    def __init__(self) -> None:
        self._room: tuple[tuple[Hashable, ...], LabelRoom] | None = None
        self._lane_weight: tuple[tuple[Hashable, ...], NDArray[np.float64]] | None = None
        self._plans: dict[tuple[Hashable, ...], RowPlan] = {}

    def plan(self, draw: DrawSet, titles: Callable[[int], str] | None, sx: float,
             height: float, measure: TextMeasure, *, dense: bool,
             within: tuple[float, float] | None = None,
             bounds: tuple[float, float] | None = None,
             near: tuple[float, float] | None = None) -> RowPlan:
        """Rows for ``draw`` at ``sx`` pixels per day in a plot ``height`` pixels tall.

        ``titles``: the title of the i-th event of ``draw`` (None: no labels to keep
        room for); ``dense``: the view is drawn as density strips; ``within``: only the
        events overlapping these days are stacked (a page or a slide, which never pans,
        spends no rows on events it does not show); None: all, so a pan keeps every row.
        ``bounds``: the days labels must stay within (default ``within``): a label that
        would run past the right one keeps its room left of its event.  ``near``: the
        days a panning view draws now; a file too big for any lane to be stacked
        exactly is stacked only around them (rows by overlap depth need only the
        events that overlap, so they come out the same from any such stretch).
        """
        line = float(measure.line_height)
        # A page or a slide is laid out at its own scale; a view that pans and zooms, per
        # band of scales, so that a pan never re-stacks.
        band: float | None = None if dense else sx if within is not None else band_of(sx)
        bounds = bounds if bounds is not None else within
        deep = not dense and within is None and near is not None and self._all_big(draw)
        key = (id(draw), draw, band, height, measure.key, titles is None, within, bounds,
               near if deep else None)
        got = self._plans.get(key)
        if got is not None:
            return got
        idx = draw.visible(*within) if within is not None \
            else np.arange(len(draw), dtype=np.int64)
        if dense:
            plan = self._dense(draw, idx, height, line)
        elif deep:
            assert near is not None
            plan = self._deep(draw, titles, band_scale(band_of(sx)), height, line, measure,
                              near)
        else:
            scale = sx if within is not None else band_scale(band_of(sx))
            plan = self._stacked(draw, idx, titles, scale, height, line, measure, bounds)
        if len(self._plans) >= _PLANS:
            self._plans.pop(next(iter(self._plans)))
        self._plans[key] = plan
        return plan

    # ------------------------------------------------------------ stacking

    def _stacked(self, draw: DrawSet, idx: NDArray[np.int64],
                 titles: Callable[[int], str] | None, scale: float, height: float,
                 line: float, measure: TextMeasure,
                 bounds: tuple[float, float] | None) -> RowPlan:
        room = self._label_room(draw, titles, measure) if titles is not None else None
        marker = float(min(max(line * 1.05, 5.0), 18.0))
        left, right = _extent(draw, idx, scale, marker)
        weight = _weights(draw, idx)
        slot = draw.slot[idx]
        lanes = len(draw.lanes)
        lane_weight = _lane_weights(slot, weight, lanes)
        space = _room(height, line)
        best: tuple[float, int, Folded] | None = None
        levels: tuple[int, ...] = (ONE_LINE, TWO_LINES, SHORT, NONE) if room is not None \
            else (NONE,)
        counts = np.bincount(slot, minlength=lanes)
        if room is not None and int(counts[counts > 0].min(initial=0)) > EXACT_LIMIT:
            # No lane is stacked exactly, so no label can give way: wrapping and shortening
            # would change nothing.
            levels = (ONE_LINE, NONE)
        most = float(weight.sum())
        for level in levels:
            full = room.one[idx] if room is not None and level != NONE else np.zeros(len(idx))
            narrow = room.at(level)[idx] if room is not None else full
            label = np.where(full > 0, GAP + full, 0.0) / scale
            begin = left - 2.0 / scale
            finish = right + label + SPACING / scale
            fallback = right + np.where(narrow > 0, GAP + narrow, 0.0) / scale \
                + SPACING / scale
            if bounds is not None:
                # Where the right edge cuts a label off, it goes left of its event.
                lo, hi = bounds
                flip = (finish - SPACING / scale > hi) & (left - label >= lo)
                begin = np.where(flip, left - label, begin)
                finish = np.where(flip, right + SPACING / scale, finish)
                fallback = np.where(flip, finish, fallback)
            stacking = stack(begin, finish, slot, lanes,
                             fallback if level in (TWO_LINES, SHORT) else None)
            budget = int((space / min_row(level, line)) - LANE_GAP * max(lanes - 1, 0) + 1e-9)
            caps = share(stacking.need, lane_weight, max(budget, lanes))
            folded = fold(stacking, begin, finish, slot, caps, BADGE_PX / scale, left)
            drawn = folded.row >= 0
            reads = np.where(stacking.yielded, _READS[level], 1.0) if level != NONE \
                else np.full(len(idx), _READS[NONE] if room is not None else 1.0)
            score = float((weight * reads)[drawn].sum())
            if best is None or score > best[0] + 1e-9:
                best = (score, level, folded)
            if score >= most - 1e-9:
                break  # everything drawn, every label whole: nothing can do better
        assert best is not None
        _, level, folded = best
        if len(idx) != len(draw):
            folded = _lifted(folded, idx, len(draw))
        return self._vertical(folded.rows, lane_weight, height, line, folded, level, scale)

    def _deep(self, draw: DrawSet, titles: Callable[[int], str] | None, scale: float,
              height: float, line: float, measure: TextMeasure, near: tuple[float, float]
              ) -> RowPlan:
        """Rows by overlap depth for the events around ``near``, folded onto each lane's
        share of the rows (by the weights of all its events, so the same everywhere).

        An event's depth counts the earlier events still running where it begins, all
        of which begin at most one longest event (with its label) before it: stacking
        from two such lengths before ``near`` gives every event drawn there the depth
        it has in the whole file, at a cost that follows the zoom, not the file.
        """
        room = self._label_room(draw, titles, measure) if titles is not None else None
        marker = float(min(max(line * 1.05, 5.0), 18.0))
        typical = float(np.max(room.one)) if room is not None and len(room.one) else 0.0
        reach = (marker + GAP + typical + SPACING) / scale
        lead = 2 * (draw.longest + reach) + 1.0
        lo = int(np.searchsorted(draw.start, near[0] - lead, side="left"))
        hi = int(np.searchsorted(draw.start, near[1] + reach, side="right"))
        idx = np.arange(lo, hi, dtype=np.int64)
        left, right = _extent(draw, idx, scale, marker)
        width = room.one[idx] if room is not None else np.zeros(len(idx))
        begin = left - 2.0 / scale
        finish = right + (np.where(width > 0, GAP + width, 0.0) + SPACING) / scale
        lanes = len(draw.lanes)
        slot = draw.slot[idx]
        stacking = stack(begin, finish, slot, lanes, exact_limit=0)
        weight = self._weights(draw)
        budget = int((_room(height, line) / min_row(ONE_LINE, line))
                     - LANE_GAP * max(lanes - 1, 0) + 1e-9)
        caps = share(np.full(lanes, max(budget, lanes), np.int32), weight, max(budget, lanes))
        folded = _lifted(fold(stacking, begin, finish, slot, caps, BADGE_PX / scale), idx,
                         len(draw))
        return self._vertical(folded.rows, weight, height, line, folded, ONE_LINE, scale)

    def _all_big(self, draw: DrawSet) -> bool:
        """Whether every lane with events has too many to stack exactly."""
        counts = np.bincount(draw.slot, minlength=len(draw.lanes)) if len(draw) \
            else np.zeros(0, np.int64)
        shown = counts[counts > 0]
        return bool(len(shown)) and bool((shown > EXACT_LIMIT).all())

    def _weights(self, draw: DrawSet) -> NDArray[np.float64]:
        """Each lane's weight from all its events, remembered for the draw set."""
        key = (id(draw), draw)
        if self._lane_weight is not None and self._lane_weight[0] == key:
            return self._lane_weight[1]
        every = np.arange(len(draw), dtype=np.int64)
        weight = _lane_weights(draw.slot, _weights(draw, every), len(draw.lanes))
        self._lane_weight = (key, weight)
        return weight

    def _dense(self, draw: DrawSet, idx: NDArray[np.int64], height: float, line: float
               ) -> RowPlan:
        lanes = len(draw.lanes)
        weight = _lane_weights(draw.slot[idx], _weights(draw, idx), lanes)
        budget = max(int(_room(height, line) / min_row(ONE_LINE, line)), lanes)
        total = max(float(weight.sum()), 1e-9)
        rows = np.maximum(np.floor(weight / total * budget), 1).astype(np.int32) \
            if lanes else np.zeros(0, np.int32)
        return self._vertical(rows, weight, height, line, None, NONE, 0.0)

    def _vertical(self, rows: NDArray[np.int32], weight: NDArray[np.float64], height: float,
                  line: float, folded: Folded | None, level: int, scale: float) -> RowPlan:
        """Rows as tall as the plot allows up to ``ROW_MAX`` lines; the height left over
        goes to the lanes by weight (a lane of one row is not a sliver).

        The margins above and below hold the captions of the date lines.
        """
        count = len(rows)
        margin = line + 8.0
        space = _room(height, line)
        lane_rows = rows.astype(np.float64)
        total = float(lane_rows.sum()) + LANE_GAP * max(count - 1, 0)
        row = min(ROW_MAX * line, space / max(total, 1.0))
        share_of = weight / max(float(weight.sum()), 1e-9) if count else weight
        spare = max(space - row * total, 0.0) * share_of
        heights = lane_rows * row + spare
        tops = margin + np.concatenate(([0.0], np.cumsum(heights + row * LANE_GAP)[:-1])) \
            if count else np.zeros(0)
        return RowPlan(row, tops, tops + heights, tops + spare / 2, folded, level, scale)

    # ------------------------------------------------------------ label room

    def _label_room(self, draw: DrawSet, titles: Callable[[int], str], measure: TextMeasure
                    ) -> LabelRoom:
        key = (id(draw), draw, measure.key)
        if self._room is not None and self._room[0] == key:
            return self._room[1]
        n = len(draw)
        status = draw.status.tolist()
        if n <= MEASURE_LIMIT:
            widths = [label_widths(titles(i), s, measure) for i, s in enumerate(status)]
            arr = np.array(widths, np.float64).reshape(n, 3)
            room = LabelRoom(arr[:, 0], arr[:, 1], arr[:, 2])
        else:
            step = max(n // SAMPLE, 1)
            sample = np.array([label_widths(titles(i), status[i], measure)
                               for i in range(0, n, step)], np.float64)
            typical = np.median(sample, axis=0)
            room = LabelRoom(np.full(n, typical[0]), np.full(n, typical[1]),
                             np.full(n, typical[2]))
        self._room = (key, room)
        return room


def label_widths(title: str, status: int, measure: TextMeasure) -> tuple[float, float, float]:
    """One line, two lines and the shortest readable form of a label, in pixels.

    Summed from the widths of its words, which a font measure remembers, so a
    lane of thousands costs a lookup per word; ``text.label_text`` measures the
    labels actually placed exactly.
    """
    words = title.split(" ")
    space = measure.width(" ")
    tail = suffix(status)
    tail_px = measure.width(tail) if tail else 0.0
    sizes = [measure.width(w) for w in words]
    prefix = [0.0]
    for size in sizes:
        prefix.append(prefix[-1] + size)
    count = len(words)
    title_px = prefix[-1] + space * (count - 1)
    one = title_px + tail_px + PAD + 1.0
    two = math.inf
    for cut in range(1, count + (1 if tail else 0)):
        first = prefix[cut] + space * (cut - 1)
        rest = count - cut
        second = (prefix[-1] - prefix[cut] + space * max(rest - 1, 0) + tail_px) if rest \
            else tail_px - space
        two = min(two, max(first, second) + PAD + 1.0)
    two = min(two, one)
    # ``text.shortest`` keeps 60% of the characters; its width is near 60% of the
    # title's, plus the ellipsis (exact widths are measured for the labels placed).
    ellipsis = measure.width(ELLIPSIS)
    room = min(title_px, max(title_px * KEEP + ellipsis, sizes[0] + ellipsis, 40.0))
    least = min(one, max(MIN_WIDTH, tail_px + room + PAD + 1.0))
    return one, two, least


def _room(height: float, line: float) -> float:
    return max(height - 2 * (line + 8.0), line)


def _weights(draw: DrawSet, idx: NDArray[np.int64]) -> NDArray[np.float64]:
    """What each event counts for when rows are scarce: 1, and 1 more per importance step."""
    weight: NDArray[np.float64] = 1.0 + np.maximum(draw.importance[idx].astype(np.float64),
                                                   0.0)
    return weight


def _lane_weights(slot: NDArray[np.int32], weight: NDArray[np.float64], lanes: int
                  ) -> NDArray[np.float64]:
    out: NDArray[np.float64] = np.bincount(slot, weights=weight, minlength=lanes) \
        .astype(np.float64)[:lanes] if len(slot) else np.zeros(lanes)
    return np.maximum(out, 1.0)


def _lifted(folded: Folded, idx: NDArray[np.int64], n: int) -> Folded:
    """``folded`` of the events ``idx`` of a draw set of ``n``, indexed like the draw set."""
    row = np.full(n, -1, np.int32)
    row[idx] = folded.row
    group = np.full(n, -1, np.int64)
    group[idx] = folded.group_of
    return Folded(row, folded.rows, group, folded.group_x, folded.group_lane,
                  idx[folded.members], folded.offsets)


def _extent(draw: DrawSet, idx: NDArray[np.int64], scale: float, marker: float
            ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Left and right of the shapes of events ``idx`` at ``scale``, in days."""
    start, end = draw.start[idx], draw.end[idx]
    kind = style.shapes_of(draw.precision[idx], start, end, scale, marker)
    half = marker / 2 / scale
    mid = (start + end) / 2
    left = np.where(kind == style.POINT, mid - half, start)
    right = np.where(kind == style.POINT, mid + half,
                     np.where(kind == style.BAR, np.maximum(end, start + marker / scale),
                              np.maximum(end, start + 3.0 / scale)))
    return left, right
