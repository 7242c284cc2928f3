"""Link lists in JSON: the exports of bookmark services and browsers.

Pinboard, Delicious, elcurator and Readability export a JSON list of bookmarks; Firefox and
Chrome save their bookmarks as a JSON tree of folders. They name the same facts differently
(``href``/``url``/``uri``, ``description`` as the title or as a note, times in seconds,
microseconds or Chrome's microseconds since 1601), so this importer looks for any object that
holds a web link, reads its fields by the names those services use, and gives link-only
articles. It also answers for any other ``.json`` file, so one that is not an export Folio
knows gets a clear reason instead of being read as prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import json_text, registry
from reader.formats.encoding import decode_text
from reader.formats.items import (
    any_time,
    highlight,
    link_article,
    tag_list,
    text_value,
    truthy,
    web_url,
)
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "links-json"
_LINK_KEYS = ("url", "href", "uri", "article__url", "link")
_TITLE_KEYS = ("title", "article__title", "name")
_NOTE_KEYS = ("extended", "excerpt", "article__excerpt", "note", "notes")
_TIME_KEYS = ("time", "created", "created_at", "dateAdded", "date_added", "add_date", "saved_at")
_HAS_LINK = re.compile(rb'"(?:href|url|uri|article__url)"\s*:\s*"https?://')
# Chrome counts microseconds from 1601-01-01 (Windows' epoch).
_WINDOWS_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_MAX_DEPTH = 64


def sniff(head: bytes, name: str) -> int:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"[", b"{") and _HAS_LINK.search(head):
        # Below CONTENT: the formats that know their own keys win over this general reader.
        return registry.CONTENT - 5
    if registry.extension_of(name) == "json":
        return registry.EXTENSION
    return registry.NO


def _time(obj: Mapping[str, Any]) -> datetime | None:
    for key in _TIME_KEYS:
        value = obj.get(key)
        if value in (None, "", 0, "0"):
            continue
        if key == "date_added" and str(value).isdigit() and int(str(value)) > 10**16:
            try:
                return _WINDOWS_EPOCH + timedelta(microseconds=int(str(value)))
            except OverflowError:
                return None
        found = any_time(value)
        if found is not None:
            return found
    return None


def _link_objects(node: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """Every object in the tree that holds a web link, in document order."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for child in node:
            yield from _link_objects(child, depth + 1)
    elif isinstance(node, Mapping):
        if any(web_url(node.get(k)) for k in _LINK_KEYS):
            yield node
            return
        for value in node.values():
            if isinstance(value, (list, Mapping)):
                yield from _link_objects(value, depth + 1)


def _item(obj: Mapping[str, Any], n: int) -> ParsedItem:
    url = next((u for u in (web_url(obj.get(k)) for k in _LINK_KEYS) if u), None)
    title = next((t for t in (text_value(obj.get(k)) for k in _TITLE_KEYS) if t), None)
    description = text_value(obj.get("description"))
    if title is None and "href" in obj:
        # Pinboard: "description" is the title, "extended" the note.
        title, description = description, None
    note = next((t for t in (text_value(obj.get(k)) for k in _NOTE_KEYS) if t), description)
    tags_value = obj.get("tags")
    separators = " " if "href" in obj and isinstance(tags_value, str) else ","
    to_read = obj.get("toread")
    archived = truthy(obj.get("archive")) or truthy(obj.get("is_archived"))
    draft = link_article(
        url=url,
        title=title,
        source_format=NAME,
        tags=tag_list(tags_value, separators=separators),
        read=to_read is not None and not truthy(to_read),
        starred=truthy(obj.get("favorite")) or truthy(obj.get("starred")),
        archived=archived,
        added_at=_time(obj),
        summary=note,
        location=f"item {n}",
    )
    marks = obj.get("highlights")
    if isinstance(draft, ArticleDraft) and isinstance(marks, list):
        # Pocket's annotations file: the quotes the user highlighted on each saved link.
        found = [
            highlight(
                m.get("quote"),
                body="",
                note=m.get("note"),
                created=m.get("created_at"),
                ident=f"{NAME}-{n}-{i}",
            )
            for i, m in enumerate(marks, 1)
            if isinstance(m, Mapping)
        ]
        draft = replace(draft, highlights=tuple(h for h in found if h is not None))
    return draft


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="JSON", keep_controls=True)
    try:
        doc = json_text.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ImportFormatError(f"not valid JSON ({exc.msg})", location=where) from exc
    found = False
    for n, obj in enumerate(_link_objects(doc), 1):
        found = True
        yield _item(obj, n)
    if not found:
        raise ImportFormatError(
            "a JSON file, but not an export Folio knows (no articles or links in it)"
        )


FORMAT = ImportFormat(
    name=NAME,
    label="Bookmarks and link lists (JSON: Pinboard, Delicious, Firefox, Chrome, ...)",
    extensions=(),
    sniff=sniff,
    parse=parse,
)
