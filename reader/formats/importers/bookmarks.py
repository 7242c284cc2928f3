"""Netscape bookmark files: what browsers, Pinboard, Shaarli, Raindrop and others export.

The format is loose HTML that starts ``<!DOCTYPE NETSCAPE-Bookmark-file-1>``: folders are
``<DT><H3>`` headings over ``<DL>`` lists, each link a ``<DT><A HREF ADD_DATE TAGS ...>``,
and an optional ``<DD>`` after it holds the user's description. Every link becomes a link-only
article: TAGS (comma-separated) become tags, ADD_DATE the time it was added, the description
the summary, and Pinboard's ``TOREAD="1"`` keeps it unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.encoding import decode_text
from reader.formats.items import epoch_time, link_article, tag_list, truthy
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "bookmarks"
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+NETSCAPE-Bookmark-file-1\s*>", re.I)


def sniff(head: bytes, name: str) -> int:
    if _DOCTYPE.search(head[:2048]):
        return registry.CERTAIN
    return registry.NO


@dataclass(slots=True)
class _Link:
    attrs: dict[str, str]
    title: str = ""
    description: list[str] = field(default_factory=list)


class _BookmarkReader(HTMLParser):
    """Links with their attributes, titles and descriptions, in file order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self._in_link = False
        self._in_description = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(_Link({k.casefold(): v or "" for k, v in attrs}))
            self._in_link, self._in_description = True, False
        elif tag == "dd":
            self._in_description = bool(self.links)
        elif tag in ("dt", "dl", "h3"):
            self._in_description = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False
        elif tag in ("dd", "dl"):
            self._in_description = False

    def handle_data(self, data: str) -> None:
        if self._in_link and self.links:
            self.links[-1].title += data
        elif self._in_description and self.links:
            self.links[-1].description.append(data)


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="a bookmarks file")
    reader = _BookmarkReader()
    try:
        reader.feed(text)
        reader.close()
    except AssertionError as exc:
        # Python's HTML parser asserts on a malformed "<![" section instead of raising.
        raise ImportFormatError(f"not a readable bookmarks file ({exc})") from exc
    if not reader.links:
        raise ImportFormatError("the bookmarks file holds no links")
    for n, link in enumerate(reader.links, 1):
        attrs = link.attrs
        href = attrs.get("href", "")
        if href.casefold().startswith(("javascript:", "place:", "data:", "about:")):
            # Bookmarklets and browser-internal queries are not articles.
            yield ImportFormatError(
                "not a web page (a bookmarklet or browser link)", location=f"item {n}"
            )
            continue
        description = " ".join("".join(link.description).split())
        to_read = attrs.get("toread")
        yield link_article(
            url=href,
            title=link.title,
            source_format=NAME,
            tags=tag_list(attrs.get("tags")),
            read=to_read is not None and not truthy(to_read),
            added_at=epoch_time(attrs.get("add_date")),
            summary=description or None,
            location=f"item {n}",
        )


FORMAT = ImportFormat(
    name=NAME,
    label="Netscape bookmarks (HTML)",
    extensions=(),
    sniff=sniff,
    parse=parse,
)
