"""Text from a timeline file made safe for rich-text widgets.

Files come from anyone; a summary must not be able to load a remote image
(a tracking pixel) or run anything.  Only a few inline tags survive, links
keep only web and mail schemes, and nothing is ever fetched.
"""

from __future__ import annotations

import html
from typing import Final

import nh3

_TAGS: Final = {"b", "i", "em", "strong", "br", "p", "ul", "ol", "li", "a", "code", "sub", "sup"}
_ATTRIBUTES: Final = {"a": {"href"}}
_SCHEMES: Final = {"http", "https", "mailto"}


def rich(text: str) -> str:
    """File text that may hold simple markup, with everything dangerous removed."""
    return nh3.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel=None)


def plain(text: str) -> str:
    """File text shown as-is: every character escaped."""
    return html.escape(text, quote=True)


def url(text: str | None) -> str | None:
    """A link target we are willing to open, or None."""
    if not text:
        return None
    lowered = text.strip().lower()
    if lowered.startswith(("http://", "https://", "mailto:")):
        return html.escape(text.strip(), quote=True)
    return None
