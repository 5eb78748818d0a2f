"""Light, dark and high-contrast palettes, and the plot colours derived from them.

The plot reads its colours from the application palette rather than keeping
its own, so the timeline always matches the dialogs and docks around it,
whichever theme (or system setting) is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES: Final = ("system", "light", "dark", "high_contrast")
THEME_TITLES: Final = {"system": "System", "light": "Light", "dark": "Dark",
                       "high_contrast": "High contrast"}
_LANE_COLOURS: Final = ("#1F6FB2", "#B5562A", "#2E8B57", "#8E44AD", "#B8860B", "#C0392B",
                        "#16A085", "#7F8C8D")
_system_palette: QPalette | None = None


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(colours[QPalette.ColorRole.WindowText])
    disabled.setAlpha(110)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


R = QPalette.ColorRole
_LIGHT: Final = {
    R.Window: "#F3F3F1", R.WindowText: "#1D1D1B", R.Base: "#FFFFFF", R.AlternateBase: "#F1F3F6",
    R.Text: "#1D1D1B", R.Button: "#E9E9E6", R.ButtonText: "#1D1D1B", R.Highlight: "#2F6FDE",
    R.HighlightedText: "#FFFFFF", R.Link: "#1A5FC8", R.LinkVisited: "#6B3FB5",
    R.ToolTipBase: "#FFFFF0", R.ToolTipText: "#1D1D1B", R.Mid: "#B9B9B5", R.Dark: "#8A8A86",
    R.PlaceholderText: "#76767A", R.Light: "#FFFFFF", R.Midlight: "#EDEDEB", R.Shadow: "#707070",
}
_DARK: Final = {
    R.Window: "#26282B", R.WindowText: "#E6E6E3", R.Base: "#1B1C1E", R.AlternateBase: "#23262A",
    R.Text: "#E6E6E3", R.Button: "#33363A", R.ButtonText: "#E6E6E3", R.Highlight: "#4C8DF6",
    R.HighlightedText: "#FFFFFF", R.Link: "#7EB0FF", R.LinkVisited: "#B59CFF",
    R.ToolTipBase: "#33363A", R.ToolTipText: "#E6E6E3", R.Mid: "#55585C", R.Dark: "#141516",
    R.PlaceholderText: "#9A9A9E", R.Light: "#4A4D52", R.Midlight: "#3A3D41", R.Shadow: "#000000",
}
_HIGH_CONTRAST: Final = {
    R.Window: "#000000", R.WindowText: "#FFFFFF", R.Base: "#000000", R.AlternateBase: "#141414",
    R.Text: "#FFFFFF", R.Button: "#000000", R.ButtonText: "#FFFFFF", R.Highlight: "#FFD400",
    R.HighlightedText: "#000000", R.Link: "#6CF0FF", R.LinkVisited: "#FF9CF0",
    R.ToolTipBase: "#000000", R.ToolTipText: "#FFFFFF", R.Mid: "#FFFFFF", R.Dark: "#FFFFFF",
    R.PlaceholderText: "#D0D0D0", R.Light: "#FFFFFF", R.Midlight: "#FFFFFF", R.Shadow: "#FFFFFF",
}


def apply_theme(app: QApplication, name: str) -> None:
    """Switch the whole application; ``system`` restores the palette Qt started with."""
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    if name == "light":
        app.setPalette(_palette(_LIGHT))
    elif name == "dark":
        app.setPalette(_palette(_DARK))
    elif name == "high_contrast":
        app.setPalette(_palette(_HIGH_CONTRAST))
    else:
        hints = QGuiApplication.styleHints()
        if hints.colorScheme() == Qt.ColorScheme.Dark:
            app.setPalette(_palette(_DARK))
        else:
            app.setPalette(_system_palette)


@dataclass(frozen=True)
class PlotColours:
    background: QColor
    foreground: QColor
    muted: QColor
    grid: QColor
    grid_solid: QColor
    """The grid colour already blended with the background, so it draws opaque."""
    lane_shade: QColor
    accent: QColor
    marker: QColor
    """Knowledge-date marker."""
    as_of: QColor
    high_contrast: bool
    lanes: tuple[QColor, ...]

    def lane(self, lane: int, track_colour: str | None = None) -> QColor:
        if self.high_contrast:
            return QColor(self.foreground)
        colour = QColor(track_colour) if track_colour else self.lanes[lane % len(self.lanes)]
        return colour.lighter(150) if self.background.lightness() < 128 else QColor(colour)


def plot_colours(palette: QPalette) -> PlotColours:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = base.lightness() < 128
    contrast = base == QColor("#000000") and palette.color(QPalette.ColorRole.Highlight) \
        == QColor("#FFD400")
    muted = QColor(text)
    muted.setAlpha(150)
    grid = QColor(text)
    grid.setAlpha(40 if not contrast else 120)
    shade = QColor(palette.color(QPalette.ColorRole.AlternateBase))
    if shade == base:
        shade = base.darker(104) if not dark else base.lighter(115)
    return PlotColours(
        background=base, foreground=text, muted=muted, grid=grid, lane_shade=shade,
        grid_solid=_blend(base, text, 0.13 if not contrast else 0.5),
        accent=palette.color(QPalette.ColorRole.Highlight),
        marker=QColor("#E0A000") if not dark else QColor("#FFC640"),
        as_of=QColor("#7A7A7A") if not dark else QColor("#A8A8A8"),
        high_contrast=contrast,
        lanes=tuple(QColor(c) for c in _LANE_COLOURS),
    )


def _blend(base: QColor, over: QColor, amount: float) -> QColor:
    return QColor(*(round(b + (o - b) * amount) for b, o in
                    ((base.red(), over.red()), (base.green(), over.green()),
                     (base.blue(), over.blue()))))
