"""Registers every importer and exporter with the registry (native is registered there).

Order matters only for content sniffing ties: specific formats first, the
plain CSV (which matches any CSV with ``title`` and ``when`` columns) after
the TimelineJS sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..model import Timeline
from . import csv_plain, ics, thetimelineproj, timelinejs, timelinejs_csv
from .held import Loss
from .registry import Format, register

register(Format(timelinejs.NAME, "TimelineJS JSON", timelinejs.EXTENSIONS, timelinejs.sniff,
                timelinejs.read, timelinejs.write))
register(Format(timelinejs_csv.NAME, "TimelineJS sheet (CSV)", timelinejs_csv.EXTENSIONS,
                timelinejs_csv.sniff, timelinejs_csv.read, None))
register(Format(thetimelineproj.NAME, "Timeline (thetimelineproj)", thetimelineproj.EXTENSIONS,
                thetimelineproj.sniff, thetimelineproj.read, None))
register(Format(ics.NAME, "iCalendar", ics.EXTENSIONS, ics.sniff, ics.read, ics.write))
register(Format(csv_plain.NAME, "CSV", csv_plain.EXTENSIONS, csv_plain.sniff, csv_plain.read,
                csv_plain.write))

LOSSES: Final[dict[str, Callable[[Timeline], list[Loss]]]] = {
    timelinejs.NAME: timelinejs.losses,
    ics.NAME: ics.losses,
    csv_plain.NAME: csv_plain.losses,
}
"""What each exporter cannot hold of a given timeline (native holds everything)."""
