"""Greedy placement of event labels so that no two overlap and none covers an event.

Two passes.  First every label claims only its narrowest readable width (or, where
one line has no room for that, its two-line form), the most important first,
so a long label never takes the one place a smaller event had: whoever has
room gets a label.  Then, again the most important
first, each label grows to its full text where there is room: on one line
beside its event (right, else left), inside its band, or on two lines beside
it; failing that, as wide an abbreviation as fits.  A label with no room at
its narrowest is dropped for this view and comes back when zooming in gives
it room.  Pure numpy and floats: tested without a screen.

Runs for many frames of the window, so it is built to be cheap.  Labels only
ever sit on a few vertical extents (one or two lines centred on a row), so
obstacles are kept per extent: the events as sorted arrays searched by
bisection, the labels placed so far as short lists; and a label with no room
beside its event even before any other label is placed is never tried.
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
    """The drawn events as obstacles, looked up per vertical extent a label can take."""

    def __init__(self, shapes: NDArray[np.float64], owner: NDArray[np.int64]) -> None:
        self.left = shapes[:, 0]
        self.top = shapes[:, 1]
        self.right = shapes[:, 2]
        self.bottom = shapes[:, 3]
        self.owner = owner
        self._lines: dict[int, tuple[list[float], list[float], list[float],
                                     NDArray[np.int64]]] = {}

    def arrays(self, line: int, top: float, bottom: float
               ) -> tuple[list[float], list[float], list[float], NDArray[np.int64]]:
        """For the events meeting [top, bottom): lefts (sorted), the running maximum of
        rights in that order, rights sorted, and which events they are (in left order)."""
        got = self._lines.get(line)
        if got is None:
            which = np.flatnonzero((self.top < bottom) & (self.bottom > top))
            which = which[np.argsort(self.left[which], kind="stable")]
            rights = self.right[which]
            got = (self.left[which].tolist(),
                   np.maximum.accumulate(rights).tolist() if len(rights) else [],
                   np.sort(rights).tolist(), which)
            self._lines[line] = got
        return got

    def blocked(self, line: int, top: float, bottom: float, x0: float, x1: float) -> bool:
        lefts, reach, _, _ = self.arrays(line, top, bottom)
        k = bisect_left(lefts, x1)
        return bool(k) and reach[k - 1] > x0

    def blocked_except(self, line: int, top: float, bottom: float, x0: float, x1: float,
                       own: int) -> bool:
        lefts, _, _, which = self.arrays(line, top, bottom)
        k = bisect_left(lefts, x1)
        near = which[:k]
        hit = (self.right[near] > x0) & (self.owner[near] != own)
        return bool(hit.any())

    def next_start(self, line: int, top: float, bottom: float, x: float) -> float:
        """Smallest left edge at or after ``x``."""
        lefts = self.arrays(line, top, bottom)[0]
        k = bisect_left(lefts, x)
        return lefts[k] if k < len(lefts) else float("inf")

    def prev_end(self, line: int, top: float, bottom: float, x: float) -> float:
        """Largest right edge at or before ``x``."""
        rights = self.arrays(line, top, bottom)[2]
        k = bisect_right(rights, x)
        return rights[k - 1] if k else float("-inf")


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
        top, bottom = self.extents[line]
        if own >= 0:
            return not self.events.blocked_except(line, top, bottom, x0, x1, own)
        return not self.events.blocked(line, top, bottom, x0, x1)

    def next_start(self, line: int, x: float) -> float:
        found = min((o0 for o0, _ in self.labels[line].values() if o0 >= x), default=np.inf)
        if self.events is not None:
            top, bottom = self.extents[line]
            found = min(found, self.events.next_start(line, top, bottom, x))
        return float(found)

    def prev_end(self, line: int, x: float) -> float:
        found = max((o1 for _, o1 in self.labels[line].values() if o1 <= x), default=-np.inf)
        if self.events is not None:
            top, bottom = self.extents[line]
            found = max(found, self.events.prev_end(line, top, bottom, x))
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
        if x1 - x0 >= least - 1e-9 and self.free(line, x0, x1, own):
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
        if x1 - x0 >= least - 1e-9 and self.free(line, x0, x1):
            return (x0, x1)
        x1 = min(left - GAP, self.b2)
        x0 = max(x1 - width, self.b0, self.prev_end(line, x1 + 0.5) + GAP)
        if x1 - x0 >= least - 1e-9 and self.free(line, x0, x1):
            return (x0, x1)
        return None


def _wish(left: float, right: float, width: float, x0: float, x1: float, b0: float,
          b2: float) -> Span:
    """The room a label claimed at [x0, x1] would take at ``width`` on its side of its event."""
    if x1 <= left - GAP + 0.5:
        return (max(x1 - width, b0), x1)
    return (x0, min(x0 + width, b2))


def _no_room(left: NDArray[np.float64], right: NDArray[np.float64], cy: NDArray[np.float64],
             least: NDArray[np.float64], shapes: NDArray[np.float64] | None,
             owner: NDArray[np.int64] | None, b0: float, b2: float) -> NDArray[np.bool_]:
    """Candidates that cannot have even their narrowest label, whatever else is placed.

    Seen from its own row alone (events centred on the same line always block it),
    the room right of an event is at most up to the next event starting there, and
    the room left of it at most back to the furthest end of the events starting
    before it.
    Where both are narrower than the label's least width and the event is too
    narrow to hold it, the label would be tried and dropped: skipping it changes
    nothing but the time spent, which at thousands of events in view is most of it.
    """
    n = len(left)
    hopeless = np.zeros(n, np.bool_)
    if shapes is None or not len(shapes) or not n:
        return hopeless
    owners = owner if owner is not None else np.arange(len(shapes), dtype=np.int64)
    mine = owners[(owners >= 0) & (owners < n)]
    if len(mine) != n or len(np.unique(mine)) != n:
        return hopeless  # not one shape per candidate: no shortcut
    s_cy = (shapes[:, 1] + shapes[:, 3]) / 2
    order = np.lexsort((shapes[:, 0], s_cy))
    s_left, s_right, row = shapes[order, 0], shapes[order, 2], s_cy[order]
    new_row = np.ones(len(order), np.bool_)
    new_row[1:] = row[1:] != row[:-1]
    row_id = np.cumsum(new_row) - 1
    # Running maximum of right edges within each row, up to and including each shape.
    reach = s_right.copy()
    starts = np.flatnonzero(new_row)
    for a, b in zip(starts.tolist(), [*starts[1:].tolist(), len(order)], strict=True):
        reach[a:b] = np.maximum.accumulate(s_right[a:b])
    where = np.empty(len(order), np.int64)
    where[order] = np.arange(len(order))
    at = where[np.flatnonzero((owners >= 0) & (owners < n))]
    cand = owners[order[at]]
    k = np.empty(n, np.int64)
    k[cand] = at
    same_row = row[k] == cy
    # One sorted key for (row, left): rows far apart, so a search never leaves its row.
    span = float(max(np.abs(shapes[:, [0, 2]]).max(), abs(b0), abs(b2), 1.0)) * 4 + 4 * GAP
    packed = row_id.astype(np.float64) * span + s_left
    # Right: from where a label there would start to the next event starting after it.
    x0 = np.maximum(right + GAP, b0)
    nxt = np.searchsorted(packed, row_id[k] * span + x0, side="left")
    last = len(order) - 1
    has_next = (nxt <= last) & (row_id[np.minimum(nxt, last)] == row_id[k])
    room_right = np.minimum(np.where(has_next, s_left[np.minimum(nxt, last)], b2), b2) - x0
    # Left: back from where a label there would end to the furthest end of the events
    # of the row starting before that.
    x1 = np.minimum(left - GAP, b2)
    prev = np.searchsorted(packed, row_id[k] * span + x1, side="left") - 1
    has_prev = (prev >= 0) & (row_id[np.maximum(prev, 0)] == row_id[k])
    room_left = x1 - np.maximum(np.where(has_prev, reach[np.maximum(prev, 0)], b0), b0)
    out: NDArray[np.bool_] = same_row & (room_right < least) & (room_left < least) \
        & ((right - left) < INSIDE_MIN)
    return out


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
    # (a label of a single word has no two-line form: its ``two`` is infinite)
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
    twos_arr = np.asarray(two, np.float64) if two is not None else np.full(n, np.inf)
    hopeless = _no_room(np.asarray(left, np.float64), np.asarray(right, np.float64), cy,
                        np.minimum(least_arr, twos_arr), shapes, owner, b0, b2)
    order = [i for i in np.argsort(-np.asarray(priority, np.float64), kind="stable").tolist()
             if not hopeless[i]]
    one_list, least_list = ones.tolist(), least_arr.tolist()

    # Claim: the narrowest readable label for everyone with room, most important first;
    # where one line has no room even for that, the whole label on two lines.
    claims: list[tuple[int, int, float, float]] = []
    wrapped: dict[int, tuple[int, float, float]] = {}
    for i in order:
        top, bottom = keys1[i]
        if top < bt or bottom > bb:
            continue
        line = line_of[keys1[i]]
        w = least_list[i]
        found = board.beside(line, lefts[i], rights[i], w) \
            or board.shrunk(line, i, lefts[i], rights[i], w, w)
        if found is None:
            top2, bottom2 = keys2[i]
            if twos[i] < one_list[i] and top2 >= bt and bottom2 <= bb:
                line2 = line_of[keys2[i]]
                found = board.beside(line2, lefts[i], rights[i], twos[i])
                if found is not None:
                    board.put(line2, i, found)
                    wrapped[i] = (line2, *found)
                    claims.append((i, line2, *found))
            continue
        board.put(line, i, found)
        claims.append((i, line, *found))

    # Grow: whole on one line, inside the band, whole on two lines, else wider.  First
    # without taking the room a later label would grow into on its side (a label rather
    # wraps than cuts a neighbour to "Put…"), then taking it.
    for i, line, x0, x1 in claims:
        if i not in wrapped:
            board.wish(line, i, _wish(lefts[i], rights[i], one_list[i], x0, x1, b0, b2))
    placed: list[tuple[int, int, float, float, float, float]] = []
    for i, line, x0, x1 in claims:
        if i in wrapped:
            placed.append((i, TWO, x0, keys2[i][0], x1, keys2[i][1]))
            continue
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
