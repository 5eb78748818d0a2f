"""HTML from other tools, made safe and as plain as it can be.

TimelineJS slides carry HTML.  We keep a small set of tags (paragraphs, line
breaks, emphasis, lists, links) so that a detail pane can render them, drop
everything else (scripts, styles, event handlers, images, iframes), and turn
HTML that is only paragraphs and line breaks back into plain text, which is
what the native format holds everywhere else.
"""

from __future__ import annotations

import html
import re
from typing import Final

import nh3

ALLOWED_TAGS: Final = frozenset(
    {"a", "b", "strong", "i", "em", "u", "p", "br", "ul", "ol", "li", "blockquote", "sup",
     "sub", "code"}
)
ALLOWED_ATTRIBUTES: Final = {"a": {"href", "title"}}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_END = re.compile(r"<(?:br|/p|/li|/div|/h[1-6]|/tr|/td)\b[^>]*>", re.I)
_PLAIN_TAGS = frozenset({"p", "br"})
_PARA_BREAK = re.compile(r"</p>\s*<p>|<br\s*/?>\s*<br\s*/?>")
_LINE_BREAK = re.compile(r"<br\s*/?>|</?(?:p|li|ul|ol|blockquote)>")
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n\s*")


def removed_tags(text: str) -> list[str]:
    """Names of the tags in ``text`` that :func:`clean_html` will drop, in order."""
    seen: dict[str, None] = {}
    for m in _TAG.finditer(text):
        name = m.group(1).lower()
        if name not in ALLOWED_TAGS:
            seen[name] = None
    return list(seen)


def clean_html(text: str) -> str:
    """``text`` with only the allowed tags, attributes and URL schemes left."""
    if "<" not in text and "&" not in text:
        return text
    cleaned: str = nh3.clean(
        text, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer",
    )
    return cleaned


def inline_text(text: str) -> str:
    """Markup removed and entities decoded: for titles, group names, captions."""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    stripped: str = nh3.clean(_BLOCK_END.sub(" ", text), tags=set())
    return " ".join(html.unescape(stripped).split())


def html_to_summary(text: str) -> str:
    """Sanitised HTML, or plain text when the HTML is only paragraphs and line breaks."""
    cleaned = clean_html(text)
    tags = {m.group(1).lower() for m in _TAG.finditer(cleaned)}
    if tags <= _PLAIN_TAGS:
        return html_to_text(cleaned)
    return cleaned.strip()


def html_to_text(text: str) -> str:
    """Plain text of (sanitised) HTML: paragraphs become blank lines, tags go."""
    if "<" not in text and "&" not in text:
        return text.strip()
    text = _PARA_BREAK.sub("\n\n", text.strip())
    text = _LINE_BREAK.sub("\n", text)
    text = html.unescape(_ANY_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def is_html(text: str) -> bool:
    """Whether a summary holds markup (kept from an HTML source) rather than plain text."""
    return any(m.group(1).lower() in ALLOWED_TAGS for m in _TAG.finditer(text))


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs; HTML summaries pass through sanitised."""
    if is_html(text):
        return clean_html(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
