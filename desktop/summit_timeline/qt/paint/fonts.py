"""Fonts and the text measure a scene is built with: one font, measured and drawn alike.

The scene decides where every label goes from widths this module measures,
and the painters draw with the very same font, so a label always fits the box
it was given.  Sizes are in pixels, so a layout scales with the surface
(a 4K slide, an A4 page) and not with the screen's DPI.
"""

from __future__ import annotations

import re
from typing import Final

from PySide6.QtGui import QFont, QFontMetricsF

SVG_FAMILIES: Final = ("DejaVu Sans", "Noto Sans", "Arial", "sans-serif")
"""What exported SVG text asks for: families every browser and slide tool knows."""
SVG_DPI: Final = 96
"""CSS pixels per inch: 1920×1080 declares 508 × 285.75 mm and opens at its pixel size."""
_FAMILY: Final = re.compile(rb'font-family="([^"]*)"')


def font_list(svg: bytes, drawn: str) -> bytes:
    """Every ``font-family`` of an SVG widened to a list browsers know, the family drawn
    with first.

    Qt writes its own alias ("Sans Serif"), which no browser knows.
    """
    names = [drawn, *(f for f in SVG_FAMILIES if f != drawn)]
    quoted = ", ".join(n if n == "sans-serif" else f"&apos;{n}&apos;" for n in names)
    return _FAMILY.sub(f'font-family="{quoted}"'.encode(), svg)


def sans_font(pixel_size: float, *, bold: bool = False, base: QFont | None = None) -> QFont:
    """A sans-serif font at a pixel size.

    Qt falls back per glyph (for example to Noto CJK for 习近平), and PDF and
    SVG output keep the text as text.
    """
    font = QFont(base) if base is not None else QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


class FontMeasure:
    """``scene.text.TextMeasure`` for a QFont, remembering widths already asked for."""

    _LIMIT: Final = 50_000

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self._metrics = QFontMetricsF(self.font)
        self._key = self.font.key()
        self._height = float(self._metrics.height())
        self._widths: dict[str, float] = {}

    @property
    def key(self) -> str:
        return self._key

    @property
    def line_height(self) -> float:
        return self._height

    @property
    def ascent(self) -> float:
        return float(self._metrics.ascent())

    def width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > self._LIMIT:
                self._widths.clear()
            width = self._widths[text] = float(self._metrics.horizontalAdvance(text))
        return width
