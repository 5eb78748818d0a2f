"""The map's colours, derived from the scene palette so the map follows every look.

Land and water are quiet tints of the background (the places and the route
are what the map is for); places are a warm red that reads on light and dark
land alike; the route takes its track's lane colour, so the Putin–Xi route is
the colour of the Putin–Xi lane.  High contrast keeps to black, white and the
palette's yellow, as its timeline does.
"""

from __future__ import annotations

from .map_scene import MapColours
from .palette import Palette, Rgba, blend, lighter, rgba

_WATER_TINT = rgba("#4682B4")
_SITE = rgba("#C8412B")


def map_colours(palette: Palette, route_colour: Rgba | None = None) -> MapColours:
    """``route_colour``: the lane colour of the route's track (None: the first lane's)."""
    back, text = palette.background, palette.text
    route = route_colour if route_colour is not None else palette.lane(0)
    if palette.high_contrast:
        return MapColours(
            water=back, outside=back, land=blend(back, text, 0.14), border=blend(back, text, 0.6),
            site=text, site_edge=back, faint=blend(back, text, 0.45),
            selected=palette.accent, chosen=palette.accent, route=palette.accent, text=text,
            muted=blend(back, text, 0.75), halo=rgba(back, 215))
    site = lighter(_SITE, 1.35) if palette.dark else _SITE
    return MapColours(
        water=blend(back, _WATER_TINT, 0.16 if palette.dark else 0.09), outside=back,
        land=blend(back, text, 0.14 if palette.dark else 0.09),
        border=blend(back, text, 0.36 if palette.dark else 0.3),
        site=site, site_edge=back, faint=blend(back, site, 0.42),
        selected=palette.accent, chosen=palette.accent, route=route, text=text,
        muted=blend(back, text, 0.62), halo=rgba(back, 200))
