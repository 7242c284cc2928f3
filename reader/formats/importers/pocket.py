"""Pocket exports: ``ril_export.html`` (the long-standing export) and the CSV of 2025.

The HTML export lists links under ``<h1>Unread</h1>`` and ``<h1>Read Archive</h1>``, each an
``<a href time_added tags>``; the CSV has the header ``title,url,time_added,tags,status`` with
tags separated by ``|`` and status ``unread`` or ``archive``. Both give link-only articles
whose content Folio fetches later. (Pocket's zip holds these CSV files; the input walker
opens it.)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.encoding import decode_text
from reader.formats.items import csv_records, epoch_time, link_article, tag_list
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "pocket"
_CSV_HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?\s*title,url,time_added,tags,status\s*\r?\n", re.I)
_HTML_MARK = re.compile(rb"<title>\s*Pocket Export\s*</title>", re.I)
_ARCHIVE_HEADINGS = ("read archive", "archive", "archived", "read")
# CSV fields can be long (a title with the page's text in it); Python's default cap is 128 KB.
csv.field_size_limit(10 * 1024 * 1024)


def sniff(head: bytes, name: str) -> int:
    if _CSV_HEADER.match(head):
        return registry.CERTAIN
    if _HTML_MARK.search(head[:4096]):
        return registry.CERTAIN
    base = name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
    if base == "ril_export.html":
        return registry.CONTENT
    return registry.NO


class _ExportReader(HTMLParser):
    """The links of ``ril_export.html`` with the section (h1) each sits under."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[dict[str, str], str, bool]] = []
        self._archived = False
        self._in_heading = False
        self._heading = ""
        self._link: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_heading, self._heading = True, ""
        elif tag == "a":
            self._link = {k: v or "" for k, v in attrs}
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_heading:
            self._in_heading = False
            self._archived = self._heading.strip().casefold() in _ARCHIVE_HEADINGS
        elif tag == "a" and self._link is not None:
            self.links.append((self._link, "".join(self._text), self._archived))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._heading += data
        elif self._link is not None:
            self._text.append(data)


def _parse_html(text: str) -> Iterator[ParsedItem]:
    reader = _ExportReader()
    try:
        reader.feed(text)
        reader.close()
    except AssertionError as exc:
        # Python's HTML parser asserts on a malformed "<![" section instead of raising.
        raise ImportFormatError(f"not a readable Pocket export ({exc})") from exc
    if not reader.links:
        return
    for n, (attrs, title, archived) in enumerate(reader.links, 1):
        yield link_article(
            url=attrs.get("href"),
            title=title,
            source_format=NAME,
            tags=tag_list(attrs.get("tags"), separators=",|"),
            archived=archived,
            added_at=epoch_time(attrs.get("time_added")),
            location=f"item {n}",
        )


def _parse_csv(text: str) -> Iterator[ParsedItem]:
    rows = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip().casefold() for h in next(rows)]
    except (StopIteration, csv.Error) as exc:
        raise ImportFormatError("the CSV has no header row") from exc
    missing = {"title", "url"} - set(header)
    if missing:
        raise ImportFormatError(f"not a Pocket CSV: no {', '.join(sorted(missing))} column")
    for record in csv_records(rows, header):
        if isinstance(record, ImportFormatError):
            yield record
            continue
        where, cells = record
        status = cells.get("status", "").strip().casefold()
        yield link_article(
            url=cells.get("url", ""),
            title=cells.get("title", ""),
            source_format=NAME,
            tags=tag_list(cells.get("tags", ""), separators="|,"),
            archived=status in ("archive", "archived", "read"),
            added_at=epoch_time(cells.get("time_added", "")),
            location=where,
        )


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="a Pocket export")
    head = text.lstrip()[:200].casefold()
    if head.startswith("title,url"):
        yield from _parse_csv(text)
        return
    if "<" not in text[:4096]:
        raise ImportFormatError("not a Pocket export (neither its HTML nor its CSV)")
    produced = False
    for item in _parse_html(text):
        produced = True
        yield item
    if not produced:
        raise ImportFormatError("the Pocket export lists no links")


FORMAT = ImportFormat(
    name=NAME,
    label="Pocket export (HTML or CSV)",
    extensions=(),
    sniff=sniff,
    parse=parse,
)
