"""Keep a bug in one item's paint() from taking the whole app down.

PySide 6.11 can crash while reporting an exception raised inside a Qt
virtual such as ``paint()`` (seen with an index error in the density
strips), and with it go unsaved work and the reader's place.  Our items'
paint methods therefore report the error once on stderr and leave the item
blank for that frame; tests still see the bug, since they check what is drawn.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., None])
_reported: set[str] = set()
_errors = [0]


def error_count() -> int:
    """How many paints have failed so far: a benchmark must not time a failed frame."""
    return _errors[0]


def report(owner: object) -> None:
    """Count a failed paint of ``owner`` and print its traceback, once per kind of owner.

    Call from an ``except`` block (widgets' ``paintEvent`` catch their own)."""
    _errors[0] += 1
    where = f"{type(owner).__name__}.paint"
    if where not in _reported:
        _reported.add(where)
        print(f"summit-timeline: error while drawing ({where}); the item is left "
              "blank:\n" + traceback.format_exc(), file=sys.stderr)


def guarded_paint(method: F) -> F:
    @functools.wraps(method)
    def paint(self: Any, painter: Any, *args: Any) -> None:
        painter.save()
        try:
            method(self, painter, *args)
        except Exception:
            report(self)
        finally:
            painter.restore()

    return paint  # type: ignore[return-value]
