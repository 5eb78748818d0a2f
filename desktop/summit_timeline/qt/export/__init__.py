"""Exports that work with no window and no display: PNG, SVG, PDF and a slides handout.

Everything renders from data with QPainter (``QT_QPA_PLATFORM=offscreen`` is
enough), so the command line, File → Export and tests share one code path::

    snap = Snapshot.build(timeline, knowledge_day=file_day(timeline))
    export_pdf(snap, "timeline.pdf", paper="a4", pages=2)
"""

from __future__ import annotations

from ...scene.snapshot import Snapshot, UnknownTrackError, file_day
from .handout_export import export_handout
from .image_export import export_png
from .map_export import export_map
from .output import ExportError
from .pdf_export import export_pdf
from .svg_export import export_svg

__all__ = [
           "ExportError",
           "Snapshot",
           "UnknownTrackError",
           "export_handout",
           "export_map",
           "export_pdf",
           "export_png",
           "export_svg",
           "file_day",
]
