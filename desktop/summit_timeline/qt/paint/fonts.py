"""Colours and type for drawings that leave the window: exports, handouts, presenter slides.

Exports are printed and projected, so they do not follow the window's theme:
paper is always light, and the projector look is chosen for contrast in a lit
room.  Lane colours come from the application theme's list so that a lane has
the same colour in the window, on a slide and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette

from ..theme import plot_colours


@dataclass(frozen=True)
class Look:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    lane_shade: QColor
    accent: QColor
    card: QColor
    """Fill behind the quote and figure boxes of a slide."""
    marker: QColor
    """The knowledge-date line."""
    lanes: tuple[QColor, ...]
    dark: bool = False
    """Lane colours are lightened on a dark background, as in the window's dark theme."""

    def lane(self, lane: int, track_colour: str | None = None) -> QColor:
        """A lane's colour: the track's own if it has one, else the theme's list in order."""
        colour = QColor(track_colour or self.lanes[lane % len(self.lanes)])
        return colour.lighter(150) if self.dark else colour


def _theme_lanes() -> tuple[QColor, ...]:
    return plot_colours(QPalette()).lanes


def paper_look() -> Look:
    """Light paper: PNG, SVG, PDF and handouts."""
    return Look(
        background=QColor("#FFFFFF"), text=QColor("#1D1D1B"), muted=QColor("#66666A"),
        grid=QColor(0, 0, 0, 34), lane_shade=QColor("#F2F4F7"), accent=QColor("#D9480F"),
        card=QColor("#F4F5F7"), marker=QColor("#C98A00"), lanes=_theme_lanes(),
    )


def projector_look() -> Look:
    """Presenter mode: near-white on deep slate reads well on projectors in lit rooms."""
    return Look(
        background=QColor("#15191F"), text=QColor("#F2F2EE"), muted=QColor("#A9AEB6"),
        grid=QColor(255, 255, 255, 36), lane_shade=QColor("#1E242C"),
        accent=QColor("#FFB020"), card=QColor("#202731"), marker=QColor("#FFC640"),
        lanes=_theme_lanes(), dark=True,
    )


def sans_font(pixel_size: float, *, bold: bool = False) -> QFont:
    """A sans-serif font at a pixel size, so layouts scale with the surface, not with DPI.

    Qt falls back per glyph (for example to Noto CJK for 习近平), and PDF and
    SVG output keep the text as text.
    """
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font
