"""The one palette object: every colour a scene uses, for the screen and for paper.

A painter never picks a colour: it gets them from the scene's palette, so a
lane is the same colour in the window, on a slide, on paper and in the
legend.  Colours are plain (red, green, blue, alpha) tuples so the scene stays
free of Qt; the window's palette is derived from the application's, and the
paper and projector looks are fixed because prints and projectors do not
follow a desktop theme.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import Final, Literal

Rgba = tuple[int, int, int, int]
LookName = Literal["light", "dark", "high_contrast", "system", "paper", "projector"]

LANE_COLOURS: Final = ("#1F6FB2", "#B5562A", "#2E8B57", "#8E44AD", "#B8860B", "#C0392B",
                       "#16A085", "#7F8C8D")
"""Lanes in order, unless a track names its own colour."""


def rgba(colour: str | Rgba, alpha: int | None = None) -> Rgba:
    """``#RRGGBB`` (or a tuple) as a tuple, optionally with a new alpha."""
    if isinstance(colour, tuple):
        r, g, b, a = colour
    else:
        text = colour.lstrip("#")
        if len(text) != 6:
            raise ValueError(f"not a #RRGGBB colour: {colour!r}")
        r, g, b, a = int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), 255
    return (r, g, b, a if alpha is None else alpha)


def blend(base: Rgba, over: Rgba, amount: float) -> Rgba:
    """``over`` laid on ``base`` at ``amount`` (0…1), opaque: cheaper to draw than alpha."""
    return (round(base[0] + (over[0] - base[0]) * amount),
            round(base[1] + (over[1] - base[1]) * amount),
            round(base[2] + (over[2] - base[2]) * amount), 255)


def lighter(colour: Rgba, factor: float = 1.5) -> Rgba:
    """Brighter in HSV value, spilling into less saturation once the value is full."""
    h, s, v = colorsys.rgb_to_hsv(colour[0] / 255, colour[1] / 255, colour[2] / 255)
    v *= factor
    if v > 1.0:
        s = max(0.0, s - (v - 1.0))
        v = 1.0
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return (round(r * 255), round(g * 255), round(b * 255), colour[3])


def darker(colour: Rgba, factor: float = 1.25) -> Rgba:
    h, s, v = colorsys.rgb_to_hsv(colour[0] / 255, colour[1] / 255, colour[2] / 255)
    r, g, b = colorsys.hsv_to_rgb(h, s, v / factor)
    return (round(r * 255), round(g * 255), round(b * 255), colour[3])


def lightness(colour: Rgba) -> float:
    """HSL lightness, 0…255, to tell a dark background from a light one."""
    return (max(colour[:3]) + min(colour[:3])) / 2


@dataclass(frozen=True)
class Palette:
    name: str
    background: Rgba
    text: Rgba
    muted: Rgba
    """Secondary text and the fill of cancelled events."""
    grid: Rgba
    """Opaque: the grid colour already blended with the background."""
    lane_shade: Rgba
    """Every other lane's band."""
    accent: Rgba
    """The selection ring and the current event on a slide."""
    marker: Rgba
    """The knowledge-date line and its caption."""
    as_of: Rgba
    """The data's own date ("data as of")."""
    label_back: Rgba
    """Behind label text, so a label stays readable over a grid line."""
    card: Rgba
    """Behind the quote and figure boxes of a slide."""
    lanes: tuple[Rgba, ...]
    changed: Rgba = (194, 24, 91, 255)
    """The ring around an event whose knowledge changed between two dates: a colour
    no lane, status or line uses, solid because a dashed outline means "planned"."""
    dark: bool = False
    high_contrast: bool = False

    def lane(self, lane: int, track_colour: str | None = None) -> Rgba:
        """A lane's colour: the track's own if it has one, else the list in order.

        High contrast draws every lane in the text colour; on a dark background
        the colours are lightened so they keep their contrast.
        """
        if self.high_contrast:
            return self.text
        colour = rgba(track_colour) if track_colour else self.lanes[lane % len(self.lanes)]
        return lighter(colour) if self.dark else colour


def screen(name: str, *, base: Rgba, text: Rgba, alternate: Rgba, highlight: Rgba,
           high_contrast: bool = False) -> Palette:
    """The window's palette from four colours of the desktop theme."""
    dark = lightness(base) < 128
    shade = alternate
    if shade[:3] == base[:3]:
        shade = darker(base, 1.04) if not dark else lighter(base, 1.15)
    return Palette(
        name=name, background=base, text=text, muted=rgba(text, 150),
        grid=blend(base, text, 0.13 if not high_contrast else 0.5), lane_shade=shade,
        accent=highlight,
        marker=rgba("#E0A000") if not dark else rgba("#FFC640"),
        as_of=rgba("#7A7A7A") if not dark else rgba("#A8A8A8"),
        label_back=rgba(base, 200), card=shade,
        lanes=tuple(rgba(c) for c in LANE_COLOURS), dark=dark, high_contrast=high_contrast,
        changed=rgba("#C2185B") if not dark else rgba("#FF80BF"),
    )


LIGHT: Final = screen("light", base=rgba("#FFFFFF"), text=rgba("#1D1D1B"),
                      alternate=rgba("#F1F3F6"), highlight=rgba("#2F6FDE"))
DARK: Final = screen("dark", base=rgba("#1B1C1E"), text=rgba("#E6E6E3"),
                     alternate=rgba("#23262A"), highlight=rgba("#4C8DF6"))
HIGH_CONTRAST: Final = screen("high_contrast", base=rgba("#000000"), text=rgba("#FFFFFF"),
                              alternate=rgba("#141414"), highlight=rgba("#FFD400"),
                              high_contrast=True)
PAPER: Final = Palette(
    name="paper", background=rgba("#FFFFFF"), text=rgba("#1D1D1B"), muted=rgba("#66666A"),
    grid=rgba("#DDDDDD"), lane_shade=rgba("#F2F4F7"), accent=rgba("#D9480F"),
    marker=rgba("#C98A00"), as_of=rgba("#7A7A7A"), label_back=rgba("#FFFFFF", 200),
    card=rgba("#F4F5F7"), lanes=tuple(rgba(c) for c in LANE_COLOURS),
)
"""Light paper: PNG, SVG, PDF and handouts."""
PROJECTOR: Final = Palette(
    name="projector", background=rgba("#15191F"), text=rgba("#F2F2EE"), muted=rgba("#A9AEB6"),
    grid=rgba("#30353C"), lane_shade=rgba("#1E242C"), accent=rgba("#FFB020"),
    marker=rgba("#FFC640"), as_of=rgba("#A8A8A8"), label_back=rgba("#15191F", 200),
    card=rgba("#202731"), lanes=tuple(rgba(c) for c in LANE_COLOURS), dark=True,
    changed=rgba("#FF80BF"),
)
"""Presenter mode: near-white on deep slate reads well on projectors in lit rooms."""

LOOKS: Final[dict[str, Palette]] = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST, PAPER,
                                                        PROJECTOR)}
