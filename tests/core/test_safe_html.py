"""Text from a data file is made safe before any widget shows it as rich text."""

from __future__ import annotations

from summit_timeline.core.safe_html import plain, rich, url


def test_file_text_cannot_load_images_or_run_scripts() -> None:
    dirty = ('<b>ok</b><img src="http://tracker/p.gif"><script>alert(1)</script>'
             '<a href="javascript:x()">bad</a><a href="https://example.org">good</a>')
    clean = rich(dirty)
    assert "<b>ok</b>" in clean and "https://example.org" in clean
    assert "img" not in clean and "script" not in clean and "javascript" not in clean
    assert url("file:///etc/passwd") is None and url("https://a.b/") == "https://a.b/"


def test_plain_text_is_shown_as_typed() -> None:
    assert plain('<b>Xi & "Putin"</b>') == "&lt;b&gt;Xi &amp; &quot;Putin&quot;&lt;/b&gt;"
