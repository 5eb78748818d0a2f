"""Greedy placement of event labels so that no two overlap and none covers an event.

Two passes.  First every label claims only its narrowest readable width, the
most important first, so a long label never takes the one place a smaller
event had: whoever has room gets a label.  Then, again the most important
first, each label grows to its full text where there is room: on one line
beside its event (right, else left), inside its band, or on two lines beside
it; failing that, as wide an abbreviation as fits.  A label with no room at
its narrowest is dropped for this view and comes back when zooming in gives
it room.  Pure numpy and floats: tested without a screen.

Runs for every frame of the window, so it is built to be cheap.  Labels only
ever sit on a few vertical extents (one or two lines centred on a row), so
obstacles are kept per extent: the events as sorted arrays searched by
bisection, the labels placed so far as short lists.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

GAP: Final = 4.0
MIN_WIDTH: Final = 60.0
"""Narrowest an abbreviated label may get before it is dropped instead (default)."""
INSIDE_MIN: Final = 40.0
"""A band or bar at least this wide may carry its label inside it."""
ONE, TWO, SHORT = 0, 1, 2
"""Forms of a placed label: whole on one line, whole on two lines, abbreviated."""

Span = tuple[float, float]


@dataclass(frozen=True)
class PlacedLabels:
    which: NDArray[np.int64]
    """Index into the candidate arrays of each placed label, in placing order."""
    widths: NDArray[np.float64]
    """Width each placed label got; less than its one-line width means abbreviated."""
    rects: NDArray[np.float64]
    """(n, 4) left, top, right, bottom in pixels."""
    form: NDArray[np.int8]
    """``ONE``, ``TWO`` or ``SHORT`` per placed label."""


class _Events:
    """The drawn events as obstacles, grouped by their exact vertical extent."""

    def __init__(self, shapes: NDArray[np.float64], owner: NDArray[np.int64]) -> None:
        order = np.lexsort((shapes[:, 0], shapes[:, 3], shapes[:, 1]))
        s = shapes[order]
        self.owner = owner[order]
        self.left = s[:, 0]
        self.right = s[:, 2]
        new = np.ones(len(s), np.bool_)
        new[1:] = (s[1:, 1] != s[:-1, 1]) | (s[1:, 3] != s[:-1, 3])
        starts = np.flatnonzero(new).tolist()
        self.bounds = list(zip(starts, [*starts[1:], len(s)], strict=True))
        self.tops: list[float] = s[starts, 1].tolist() if len(s) else []
        self.bottoms: list[float] = s[starts, 3].tolist() if len(s) else []
        self._lists: dict[int, tuple[list[float], list[float], list[float]]] = {}

    def groups(self, tops: NDArray[np.float64], bottoms: NDArray[np.float64]
               ) -> list[list[int]]:
        """For each extent [tops[k], bottoms[k]), the groups of events it meets."""
        if not self.tops:
            return [[] for _ in range(len(tops))]
        meets = (np.asarray(self.tops)[None, :] < bottoms[:, None]) \
            & (np.asarray(self.bottoms)[None, :] > tops[:, None])
        return [np.flatnonzero(row).tolist() for row in meets]

    def _arrays(self, g: int) -> tuple[list[float], list[float], list[float]]:
        """Lefts (sorted), the running maximum of rights in that order, rights sorted."""
        got = self._lists.get(g)
        if got is None:
            lo, hi = self.bounds[g]
            lefts, rights = self.left[lo:hi], self.right[lo:hi]
            got = (lefts.tolist(), np.maximum.accumulate(rights).tolist(),
                   np.sort(rights).tolist())
            self._lists[g] = got
        return got

    def blocked(self, groups: list[int], x0: float, x1: float) -> bool:
        for g in groups:
            lefts, reach, _ = self._arrays(g)
            k = bisect_left(lefts, x1)
            if k and reach[k - 1] > x0:
                return True
        return False

    def blocked_except(self, groups: list[int], x0: float, x1: float, own: int) -> bool:
        for g in groups:
            lo, hi = self.bounds[g]
            hit = (self.left[lo:hi] < x1) & (self.right[lo:hi] > x0) & (self.owner[lo:hi] != own)
            if hit.any():
                return True
        return False

    def next_start(self, groups: list[int], x: float) -> float:
        """Smallest left edge at or after ``x``."""
        out = np.inf
        for g in groups:
            lefts = self._arrays(g)[0]
            k = bisect_left(lefts, x)
            if k < len(lefts):
                out = min(out, lefts[k])
        return float(out)

    def prev_end(self, groups: list[int], x: float) -> float:
        """Largest right edge at or before ``x``."""
        out = -np.inf
        for g in groups:
            rights = self._arrays(g)[2]
            k = bisect_right(rights, x)
            if k:
                out = max(out, rights[k - 1])
        return float(out)


class _Board:
    """Where labels and events are, per vertical extent a label can take."""

    def __init__(self, extents: list[Span], events: _Events | None,
                 bounds: tuple[float, float, float, float]) -> None:
        self.b0, _, self.b2, _ = bounds
        self.extents = extents
        tops = np.array([e[0] for e in extents], np.float64)
        bottoms = np.array([e[1] for e in extents], np.float64)
        meets = (tops[None, :] < bottoms[:, None]) & (bottoms[None, :] > tops[:, None])
        self.meets = [np.flatnonzero(row).tolist() for row in meets]
        self.labels: list[dict[int, Span]] = [{} for _ in extents]
        self.wishes: list[dict[int, Span]] = [{} for _ in extents]
        """Room claimed labels would grow into, which others avoid taking while they can."""
        self.modest = False
        self.events = events
        self.groups = events.groups(tops, bottoms) if events is not None \
            else [[] for _ in extents]

    def put(self, line: int, key: int, span: Span) -> None:
        for other in self.meets[line]:
            self.labels[other][key] = span

    def take(self, line: int, key: int) -> None:
        for other in self.meets[line]:
            self.labels[other].pop(key, None)

    def wish(self, line: int, key: int, span: Span | None) -> None:
        """Register (or with None, drop) the room label ``key`` would grow into."""
        for other in self.meets[line]:
            if span is None:
                self.wishes[other].pop(key, None)
            else:
                self.wishes[other][key] = span

    def free(self, line: int, x0: float, x1: float, own: int = -1) -> bool:
        """Inside the bounds, over no label and no event (but its own, when ``own``), and
        while ``modest``, over no other label's wish."""
        if x0 < self.b0 or x1 > self.b2:
            return False
        if any(o0 < x1 and o1 > x0 for o0, o1 in self.labels[line].values()):
            return False
        if self.modest and any(o0 < x1 and o1 > x0 for o0, o1 in self.wishes[line].values()):
            return False
        if self.events is None:
            return True
        if own >= 0:
            return not self.events.blocked_except(self.groups[line], x0, x1, own)
        return not self.events.blocked(self.groups[line], x0, x1)

    def next_start(self, line: int, x: float) -> float:
        found = min((o0 for o0, _ in self.labels[line].values() if o0 >= x), default=np.inf)
        if self.events is not None:
            found = min(found, self.events.next_start(self.groups[line], x))
        return float(found)

    def prev_end(self, line: int, x: float) -> float:
        found = max((o1 for _, o1 in self.labels[line].values() if o1 <= x), default=-np.inf)
        if self.events is not None:
            found = max(found, self.events.prev_end(self.groups[line], x))
        return float(found)

    # ------------------------------------------------------------ tries

    def beside(self, line: int, left: float, right: float, width: float) -> Span | None:
        """The whole width right of the event, else left of it."""
        for x0 in (right + GAP, left - GAP - width):
            if self.free(line, x0, x0 + width):
                return (x0, x0 + width)
        return None

    def inside(self, line: int, own: int, left: float, right: float, width: float,
               least: float) -> Span | None:
        """Inside a band or bar, running on past its end when the row is free there.

        A short band ("Oct") still gets its whole status suffix this way.
        """
        if right - left < INSIDE_MIN:
            return None
        x0 = max(left + GAP, self.b0)
        x1 = min(x0 + width, self.b2, self.next_start(line, x0 - 0.5) - GAP)
        if x1 - x0 >= least and self.free(line, x0, x1, own):
            return (x0, x1)
        return None

    def shrunk(self, line: int, own: int, left: float, right: float, width: float,
               least: float) -> Span | None:
        """The widest abbreviation of at least ``least``: inside, else right, else left."""
        found = self.inside(line, own, left, right, width, least)
        if found is not None:
            return found
        x0 = max(right + GAP, self.b0)
        x1 = min(x0 + width, self.b2, self.next_start(line, x0 - 0.5) - GAP)
        if x1 - x0 >= least and self.free(line, x0, x1):
            return (x0, x1)
        x1 = min(left - GAP, self.b2)
        x0 = max(x1 - width, self.b0, self.prev_end(line, x1 + 0.5) + GAP)
        if x1 - x0 >= least and self.free(line, x0, x1):
            return (x0, x1)
        return None


def _wish(left: float, right: float, width: float, x0: float, x1: float, b0: float,
          b2: float) -> Span:
    """The room a label claimed at [x0, x1] would take at ``width`` on its side of its event."""
    if x1 <= left - GAP + 0.5:
        return (max(x1 - width, b0), x1)
    return (x0, min(x0 + width, b2))


def place(left: NDArray[np.float64], right: NDArray[np.float64], centre_y: NDArray[np.float64],
          width: NDArray[np.float64], height: float, priority: NDArray[np.float64],
          bounds: tuple[float, float, float, float],
          shapes: NDArray[np.float64] | None = None,
          min_width: NDArray[np.float64] | None = None, *,
          two: NDArray[np.float64] | None = None, two_height: float | None = None,
          owner: NDArray[np.int64] | None = None) -> PlacedLabels:
    """Place a label beside each event [left, right] x centre_y, or drop it.

    ``width``: each label whole on one line; ``two``: whole on two lines
    (``inf`` where it cannot be split); ``min_width``: the narrowest it may be
    abbreviated to (default ``MIN_WIDTH``), so a label whose status must stay
    readable is dropped rather than cut below its "(planned)".  ``height`` and
    ``two_height``: a label's height on one and on two lines.

    ``priority``: larger first (ties: earlier candidates first).  ``bounds``:
    the (left, top, right, bottom) labels must stay inside.  ``shapes``: (m, 4)
    rectangles of the drawn events, which labels must not cover; ``owner[j]``
    says which candidate shape ``j`` belongs to (-1: none; default: shape ``j``
    is candidate ``j``), since a label may touch its own event and sit inside
    its own band.
    """
    n = len(left)
    lefts = np.asarray(left, np.float64).tolist()
    rights = np.asarray(right, np.float64).tolist()
    ones = np.asarray(width, np.float64)
    least_arr = np.minimum(np.asarray(min_width, np.float64) if min_width is not None
                           else np.full(n, MIN_WIDTH), ones)
    twos = (np.asarray(two, np.float64) if two is not None else np.full(n, np.inf)).tolist()
    h2 = two_height if two_height is not None else 2 * height
    b0, bt, b2, bb = (float(v) for v in bounds)
    cy = np.asarray(centre_y, np.float64)
    keys1 = list(zip((cy - height / 2).tolist(), (cy + height / 2).tolist(), strict=True))
    keys2 = list(zip((cy - h2 / 2).tolist(), (cy + h2 / 2).tolist(), strict=True))
    extents = sorted(set(keys1) | set(keys2))
    line_of = {e: k for k, e in enumerate(extents)}
    events = None
    if shapes is not None and len(shapes):
        owners = owner if owner is not None else np.arange(len(shapes), dtype=np.int64)
        events = _Events(np.asarray(shapes, np.float64), np.asarray(owners, np.int64))
    board = _Board(extents, events, (b0, bt, b2, bb))
    order = np.argsort(-np.asarray(priority, np.float64), kind="stable").tolist()
    one_list, least_list = ones.tolist(), least_arr.tolist()

    # Claim: the narrowest readable label for everyone with room, most important first.
    claims: list[tuple[int, int, float, float]] = []
    for i in order:
        top, bottom = keys1[i]
        if top < bt or bottom > bb:
            continue
        line = line_of[keys1[i]]
        w = least_list[i]
        found = board.beside(line, lefts[i], rights[i], w) \
            or board.shrunk(line, i, lefts[i], rights[i], w, w)
        if found is None:
            continue
        board.put(line, i, found)
        claims.append((i, line, *found))

    # Grow: whole on one line, inside the band, whole on two lines, else wider.  First
    # without taking the room a later label would grow into on its side (a label rather
    # wraps than cuts a neighbour to "Put…"), then taking it.
    for i, line, x0, x1 in claims:
        board.wish(line, i, _wish(lefts[i], rights[i], one_list[i], x0, x1, b0, b2))
    placed: list[tuple[int, int, float, float, float, float]] = []
    for i, line, x0, x1 in claims:
        board.wish(line, i, None)
        if x1 - x0 >= one_list[i] - 1e-9:
            placed.append((i, ONE, x0, keys1[i][0], x1, keys1[i][1]))
            continue
        board.take(line, i)
        full = one_list[i]
        top2, bottom2 = keys2[i]
        two_fits = twos[i] < full and top2 >= bt and bottom2 <= bb
        line2 = line_of[keys2[i]]
        done = False
        for modest in (True, False):
            board.modest = modest
            found = board.beside(line, lefts[i], rights[i], full) \
                or board.inside(line, i, lefts[i], rights[i], full, full)
            if found is not None:
                board.put(line, i, found)
                placed.append((i, ONE, found[0], keys1[i][0], found[1], keys1[i][1]))
                done = True
                break
            found = board.beside(line2, lefts[i], rights[i], twos[i]) if two_fits else None
            if found is not None:
                board.put(line2, i, found)
                placed.append((i, TWO, found[0], top2, found[1], bottom2))
                done = True
                break
        board.modest = False
        if done:
            continue
        found = board.shrunk(line, i, lefts[i], rights[i], full, x1 - x0)
        if found is None or found[1] - found[0] <= x1 - x0:
            found = (x0, x1)
        board.put(line, i, found)
        form = ONE if found[1] - found[0] >= full - 1e-9 else SHORT
        placed.append((i, form, found[0], keys1[i][0], found[1], keys1[i][1]))

    if not placed:
        return PlacedLabels(np.zeros(0, np.int64), np.zeros(0, np.float64),
                            np.zeros((0, 4), np.float64), np.zeros(0, np.int8))
    which, forms, x0s, tops, x1s, bottoms = zip(*placed, strict=True)
    rects = np.column_stack((x0s, tops, x1s, bottoms)).astype(np.float64)
    return PlacedLabels(np.array(which, np.int64), rects[:, 2] - rects[:, 0], rects,
                        np.array(forms, np.int8))
