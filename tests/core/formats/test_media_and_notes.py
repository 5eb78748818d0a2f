"""Alt text and speaker notes through the importers and exporters: kept where a format has a
place for them, said where a picture will show, listed among the losses where it has none."""

from __future__ import annotations

import datetime as dt
import json

import msgspec
from formats_support import assert_valid, default_timeline

from summit_timeline.core.formats import csv_plain, ics, timelinejs, timelinejs_csv
from summit_timeline.core.formats.held import Loss
from summit_timeline.core.model import Media, Timeline

NOTES = "Mention the joint statement.\n\nThen the tea at Zhongnanhai."


def _messages(loaded) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(w) for w in loaded.warnings)


def _with(timeline: Timeline, **fields: object) -> Timeline:
    first = msgspec.structs.replace(timeline.events[0], **fields)
    return msgspec.structs.replace(timeline, events=(first, *timeline.events[1:]))


def test_timelinejs_keeps_alt_text_and_says_where_media_will_show() -> None:
    doc = {"events": [
        {"start_date": {"year": 2024, "month": 5, "day": 16},
         "text": {"headline": "Talks"},
         "media": {"url": "photos/handshake.jpg", "caption": "Arrival", "credit": "Pool",
                   "alt": "Two leaders shake hands"}},
        {"start_date": {"year": 2024, "month": 7, "day": 3},
         "text": {"headline": "Summit"},
         "media": {"url": "https://example.org/venue.jpg", "alt": "The venue"}}]}
    loaded = timelinejs.read(json.dumps(doc).encode(), "tl3.json")
    assert_valid(loaded)
    local, web = (e.media[0] for e in loaded.timeline.events)
    assert (local.file, local.alt, local.caption) == ("photos/handshake.jpg",
                                                      "Two leaders shake hands", "Arrival")
    assert (web.url, web.alt) == ("https://example.org/venue.jpg", "The venue")
    messages = _messages(loaded)
    assert "alt" not in messages, "alt text is kept, so nothing says it is dropped"
    assert "local images show in the details, on their slide and in the handout" in messages
    assert "never fetched" in messages
    back = timelinejs.read(timelinejs.write(loaded.timeline), "again.json").timeline
    assert [e.media for e in back.events] == [e.media for e in loaded.timeline.events]


def test_the_timelinejs_sheet_keeps_its_alt_text_column() -> None:
    sheet = ("Year,Month,Day,Headline,Text,Media,Media Credit,Media Caption,Alt Text\r\n"
             "2024,5,16,Talks,,photos/a.jpg,Pool,Arrival,Two leaders shake hands\r\n")
    loaded = timelinejs_csv.read(sheet.encode(), "sheet.csv")
    assert loaded.timeline.events[0].media[0].alt == "Two leaders shake hands"
    assert "alt text" not in _messages(loaded).lower()


def _said(losses: list[Loss]) -> list[str]:
    return [loss.what for loss in losses]


def test_speaker_notes_travel_as_icalendar_comment() -> None:
    before = _with(default_timeline(), notes=NOTES)
    text = ics.write(before).decode().replace("\r\n ", "")
    assert "COMMENT:Mention the joint statement.\\n\\nThen the tea at Zhongnanhai." in text
    after = ics.read(ics.write(before), "x.ics", today=dt.date(2030, 1, 1))
    assert after.timeline.events[0].notes == NOTES
    assert "speaker notes" not in _said(ics.losses(before))
    assert "COMMENT" not in _messages(after)


def test_speaker_notes_have_a_csv_column() -> None:
    before = _with(default_timeline(), notes=NOTES)
    after = csv_plain.read(csv_plain.write(before), "x.csv")
    assert_valid(after)
    assert after.timeline.events[0].notes == NOTES
    named = csv_plain.read(b"Title,When,Speaker notes\r\nTalks,2024-05-16,Say hello\r\n",
                           "n.csv")
    assert named.timeline.events[0].notes == "Say hello"


def test_exporters_list_the_notes_and_alt_text_they_cannot_hold() -> None:
    noted = _with(default_timeline(), notes=NOTES,
                  media=(Media(file="a.png", alt="What it shows"),))
    assert "speaker notes" in _said(timelinejs.losses(noted))
    assert "media alt text (what an image shows)" in _said(csv_plain.losses(noted))
    assert "media alt text (what an image shows)" in _said(ics.losses(noted))
    assert "media alt text (what an image shows)" not in _said(timelinejs.losses(noted))
    plain = default_timeline()
    assert not any("speaker notes" in x or "alt text" in x
                   for x in _said(timelinejs.losses(plain) + csv_plain.losses(plain)))
