"""Light, dark and high-contrast palettes, and the timeline's palette derived from them.

The plot reads its colours from the application palette rather than keeping
its own, so the timeline always matches the dialogs and docks around it,
whichever theme (or system setting) is active.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..scene.palette import Palette, Rgba, screen

THEMES: Final = ("system", "light", "dark", "high_contrast")
THEME_TITLES: Final = {"system": "System", "light": "Light", "dark": "Dark",
                       "high_contrast": "High contrast"}
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


def plot_palette(palette: QPalette) -> Palette:
    """The scene's palette for the window, from the application's palette.

    The timeline reads its colours from the desktop theme, so it always
    matches the dialogs and docks around it, whichever theme is active.
    """
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    contrast = base == QColor("#000000") and highlight == QColor("#FFD400")
    return screen("window", base=_rgba(base), text=_rgba(text),
                  alternate=_rgba(palette.color(QPalette.ColorRole.AlternateBase)),
                  highlight=_rgba(highlight), high_contrast=contrast)


def _rgba(colour: QColor) -> Rgba:
    return (colour.red(), colour.green(), colour.blue(), colour.alpha())
