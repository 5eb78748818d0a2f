"""The ``.timeline`` XML files of "Timeline" (thetimelineproj), version 0.21 and later.

Read with ``defusedxml`` (SAX), which refuses entity declarations, so an
entity bomb or an external entity is an error, not a hang.  Categories become
tracks (with their colours), events keep start, end, text, description,
fuzzy (as EDTF ``~``), milestone (a point on its start), ends_today (an open
end), hyperlinks (as sources), labels and extra categories (as topics).
Containers, written in the text as ``[id]Title`` with sub-events
``(id)Title``, become events linked by ``related``.  Unknown elements are
ignored; icons, alerts, progress and colours of single events are reported.
Only the Gregorian time type is a calendar the model can hold; the old text
format of versions before 0.21 is refused with a message saying how to
convert it.
"""

from __future__ import annotations

import re
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field
from typing import Final

import defusedxml
import defusedxml.sax

from ..model import Event
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, edtf_point, ends_before, interval
from .native import Loaded

NAME: Final = "thetimelineproj"
EXTENSIONS: Final = (".timeline",)
_TIME: Final = re.compile(
    r"\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2}):(\d{1,2}))?\s*")
_CONTAINER: Final = re.compile(r"^\[(\d+)\](.*)$", re.S)
_SUBEVENT: Final = re.compile(r"^\((\d+)\)(.*)$", re.S)
_COLOUR: Final = re.compile(r"\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*")
_MAX_DEPTH: Final = 64


@dataclass
class Node:
    tag: str
    line: int
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> Node | None:
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def value(self, tag: str) -> str | None:
        c = self.child(tag)
        return None if c is None else c.text


class _Handler(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:
        self.locator = locator

    def _line(self) -> int:
        return (self.locator.getLineNumber() or 0) if self.locator is not None else 0

    def startElement(self, name: str, attrs: object) -> None:
        node = Node(name, self._line())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        if len(self.stack) > _MAX_DEPTH:
            raise xml.sax.SAXParseException(
                f"elements are nested more than {_MAX_DEPTH} deep", None,
                self.locator)  # type: ignore[arg-type]

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def parse_xml(data: bytes, file: str) -> Node:
    handler = _Handler()
    try:
        defusedxml.sax.parseString(data, handler, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except defusedxml.EntitiesForbidden as err:
        raise limits.fail(file, f"the file declares an XML entity ('{err.name}'); entities "
                                "are refused because they can expand without bound",
                          "", handler._line(), 1) from None
    except defusedxml.DefusedXmlException as err:
        raise limits.fail(file, f"the XML is refused: {err}", "", handler._line(), 1) from None
    except xml.sax.SAXParseException as err:
        raise limits.fail(file, f"malformed XML: {err.getMessage()}", "",
                          err.getLineNumber() or 1, (err.getColumnNumber() or 0) + 1) from None
    except LookupError as err:  # an XML declaration naming an unknown encoding
        raise limits.fail(file, f"malformed XML: {err}", "", 1, 1) from None
    except (xml.sax.SAXException, ValueError, UnicodeError) as err:
        raise limits.fail(file, f"malformed XML: {err}", "", handler._line() or 1, 1) from None
    if handler.root is None:
        raise limits.fail(file, "the file has no XML root element", "", 1, 1)
    return handler.root


def sniff(data: bytes, name: str) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"# Written by Timeline"):
        return True
    return b"<timeline>" in head and (b"<version>" in head or b"<events>" in head
                                      or b"<categories>" in head)


def _colour(text: str | None) -> str | None:
    m = _COLOUR.fullmatch(text or "")
    if m is None:
        return None
    rgb = [min(255, int(g)) for g in m.groups()]
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _true(text: str | None) -> bool:
    return (text or "").strip().lower() == "true"


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.b = Builder(file, default_track="Uncategorised")
        self.errors: list[Problem] = []

    def error(self, node: Node, path: str, message: str) -> None:
        if len(self.errors) < 200:
            self.errors.append(Problem(self.file, message, path, node.line, 1))

    def warn(self, node: Node, path: str, message: str, key: str | None = None) -> None:
        self.b.warn(message, path, node.line, 1, key=key)

    def time(self, node: Node | None, parent: Node, path: str,
             tag: str) -> tuple[str, str] | None:
        """(EDTF day, time of day) of a ``start``/``end`` element."""
        if node is None:
            self.error(parent, path, f"missing required element <{tag}>")
            return None
        m = _TIME.fullmatch(node.text)
        if m is None:
            self.error(node, f"{path}/{tag}", f"expected a time like 2024-05-16 10:00:00, "
                                              f"found {node.text.strip()[:40]!r}")
            return None
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            day = edtf_point(y, mo, d)
        except ValueError as err:
            self.error(node, f"{path}/{tag}", f"{node.text.strip()!r} is not a date: {err}")
            return None
        if y < -9999 or y > 9999:
            self.error(node, f"{path}/{tag}", f"year {y} is beyond what this reader handles")
            return None
        clock = ":".join(f"{int(g):02d}" for g in m.groups()[3:]) if m.group(4) else "00:00:00"
        return day, clock

    def read(self, root: Node) -> Loaded:
        if root.tag != "timeline":
            self.error(root, f"/{root.tag}", f"the root element is <{root.tag}>, not <timeline>")
            raise LoadError(self.file, self.errors)
        timetype = (root.value("timetype") or "gregoriantime").strip()
        if timetype != "gregoriantime":
            node = root.child("timetype") or root
            self.error(node, "/timeline/timetype", f"the time type is '{timetype}'; only "
                       "'gregoriantime' files hold calendar dates this app can draw")
            raise LoadError(self.file, self.errors)
        known = {"version", "timetype", "eras", "categories", "events", "view", "now"}
        for c in root.children:
            if c.tag not in known:
                self.warn(c, f"/timeline/{c.tag}", f"unknown element <{c.tag}> was ignored",
                          key=f"unknown:{c.tag}")
        if root.child("view") is not None:
            self.warn(root.child("view") or root, "/timeline/view", "saved view settings "
                      "(displayed period, hidden categories) are not kept")
        self.categories(root.child("categories"))
        events = root.child("events")
        if events is None:
            self.error(root, "/timeline", "missing required element <events>")
            raise LoadError(self.file, self.errors)
        self.events(events)
        self.eras(root.child("eras"))
        if self.errors:
            raise LoadError(self.file, self.errors)
        return self.b.build(_title(self.file))

    def categories(self, node: Node | None) -> None:
        if node is None:
            return
        for i, cat in enumerate(c for c in node.children if c.tag == "category"):
            path = f"/timeline/categories/category[{i + 1}]"
            name = (cat.value("name") or "").strip()
            if not name:
                self.error(cat, path, "a category needs a <name>")
                continue
            self.b.track(name, _colour(cat.value("color")))
            if (cat.value("parent") or "").strip():
                self.warn(cat, path, "category hierarchy is not kept; each category is its "
                          "own track", key="category-parent")

    def events(self, node: Node) -> None:
        containers: dict[str, str] = {}
        members: dict[str, list[str]] = {}
        pending: list[tuple[Node, str, dict[str, object]]] = []
        known = {"start", "end", "text", "progress", "fuzzy", "fuzzy_start", "fuzzy_end",
                 "locked", "ends_today", "category", "categories", "description", "labels",
                 "alert", "hyperlink", "icon", "default_color", "milestone"}
        for i, ev in enumerate(c for c in node.children if c.tag == "event"):
            limits.checkpoint()
            path = f"/timeline/events/event[{i + 1}]"
            for c in ev.children:
                if c.tag not in known:
                    self.warn(c, f"{path}/{c.tag}", f"unknown element <{c.tag}> was ignored",
                              key=f"unknown:{c.tag}")
            start = self.time(ev.child("start"), ev, path, "start")
            end = self.time(ev.child("end"), ev, path, "end")
            text_node = ev.child("text")
            if text_node is None:
                self.error(ev, path, "missing required element <text>")
                continue
            if start is None or end is None:
                continue
            if ends_before(start[0], end[0]):
                self.error(ev, f"{path}/end", f"the end {end[0]} is before the start {start[0]}")
                continue
            text = text_node.text
            container = sub = None
            if m := _CONTAINER.match(text):
                container, text = m.group(1), m.group(2)
            elif m := _SUBEVENT.match(text):
                sub, text = m.group(1), m.group(2)
            elif text.startswith(" (") or text.startswith(" ["):
                text = text[1:]
            milestone = _true(ev.value("milestone"))
            fuzzy = _true(ev.value("fuzzy"))
            fuzzy_start = fuzzy or _true(ev.value("fuzzy_start"))
            fuzzy_end = fuzzy or _true(ev.value("fuzzy_end"))
            ends_today = _true(ev.value("ends_today"))
            first = start[0] + ("~" if fuzzy_start else "")
            if milestone or (start[0] == end[0] and not ends_today):
                when = first
            elif ends_today:
                when = f"{first}/.."
            else:
                when = interval(first, end[0] + ("~" if fuzzy_end else ""))
            if start[1] != "00:00:00" or end[1] not in ("00:00:00", "23:59:59"):
                self.warn(ev, path, "times of day are not kept; the event keeps its days",
                          key="time-of-day")
            category = (ev.value("category") or "").strip()
            if category and not self.b.has_track(category):
                self.warn(ev, f"{path}/category", f"category '{category}' is not defined; "
                          "a track was made for it", key=f"undefined-category:{category}")
            topics: list[str] = []
            extra = ev.child("categories")
            if extra is not None:
                topics += [c.text.strip() for c in extra.children
                           if c.tag == "category" and c.text.strip()
                           and c.text.strip() != category]
            topics += [t.strip() for t in (ev.value("labels") or "").split(",") if t.strip()]
            sources = [s for s in (self.b.source(link.strip(), link.strip()) for link in
                                   (ev.value("hyperlink") or "").split(";") if link.strip())
                       if s is not None]
            for tag, what in (("icon", "event icons"), ("alert", "alerts"),
                              ("default_color", "colours of single events")):
                if (ev.value(tag) or "").strip():
                    self.warn(ev, f"{path}/{tag}", f"{what} are not kept", key=tag)
            progress = (ev.value("progress") or "0").strip()
            if progress not in ("", "0"):
                self.warn(ev, f"{path}/progress", "progress values are not kept",
                          key="progress")
            event_id = self.b.event_id(f"container-{container}" if container else text,
                                       f"event-{i + 1}", exact=False)
            if container is not None:
                containers.setdefault(container, event_id)
            if sub is not None:
                members.setdefault(sub, []).append(event_id)
            pending.append((ev, path, {
                "id": event_id, "track": self.b.track(category or None), "title": text.strip(),
                "when": when, "summary": (ev.value("description") or "").strip(),
                "topics": tuple(dict.fromkeys(topics)), "sources": tuple(dict.fromkeys(sources)),
                "kind": "milestone" if milestone else None, "container": container,
                "sub": sub}))
        for ev, path, rec in pending:
            related: list[str] = []
            if rec["container"] is not None:
                related = members.get(str(rec["container"]), [])
            elif rec["sub"] is not None:
                parent = containers.get(str(rec["sub"]))
                if parent is None:
                    self.warn(ev, f"{path}/text", f"sub-event of container {rec['sub']}, which "
                              "is not in the file; read as a plain event", key="orphan")
                else:
                    related = [parent]
            self.b.events.append(Event(
                id=str(rec["id"]), track=str(rec["track"]), title=str(rec["title"]),
                when=str(rec["when"]), summary=str(rec["summary"]),
                topics=rec["topics"],  # type: ignore[arg-type]
                sources=rec["sources"],  # type: ignore[arg-type]
                kind=rec["kind"],  # type: ignore[arg-type]
                related=tuple(related)))

    def eras(self, node: Node | None) -> None:
        if node is None:
            return
        eras = [c for c in node.children if c.tag == "era"]
        if eras:
            self.warn(node, "/timeline/eras", "eras became events on the track 'Eras'")
        for i, era in enumerate(eras):
            path = f"/timeline/eras/era[{i + 1}]"
            start = self.time(era.child("start"), era, path, "start")
            end = self.time(era.child("end"), era, path, "end")
            if start is None or end is None:
                continue
            if ends_before(start[0], end[0]):
                self.error(era, f"{path}/end", f"the end {end[0]} is before the start {start[0]}")
                continue
            name = (era.value("name") or "").strip()
            when = f"{start[0]}/.." if _true(era.value("ends_today")) else \
                interval(start[0], end[0])
            self.b.events.append(Event(
                id=self.b.event_id(f"era-{name}", f"era-{i + 1}", exact=False),
                track=self.b.track("Eras"), title=name, when=when, kind="other",
                importance=0))


def _title(file: str) -> str:
    base = re.split(r"[\\/]", file)[-1]
    return re.sub(r"\.timeline$", "", base, flags=re.I) or "Imported timeline"


def read(data: bytes, name: str) -> Loaded:
    limits.check_size(data, name)
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"# Written by Timeline") or re.match(rb"(CATEGORY|EVENT):", head):
        raise limits.fail(name, "this is a Timeline file in the text format of versions before "
                                "0.21, which is not read; open it in Timeline 0.21 or later "
                                "and save it, which converts it to XML", "", 1, 1)
    root = parse_xml(data, name)
    return _Reader(name).read(root)
