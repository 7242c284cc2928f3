"""wallabag's JSON exports, version 1 and version 2.

Both are a JSON array of entries with the article's HTML in ``content``. Version 1 marks state
with ``is_read``/``is_fav`` (``"0"``/``"1"``) and keeps tags as a comma-separated string;
version 2 has ``is_archived``/``is_starred``, tags as a list, times, the language, a preview
picture and ``annotations`` (the user's highlights: a quote, a note, and where it sits), which
become Folio highlights anchored by the text around the quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from reader.domain.article import ArticleDraft, Highlight
from reader.domain.errors import ImportFormatError
from reader.formats import json_text, registry
from reader.formats.encoding import decode_text
from reader.formats.items import (
    any_time,
    body_from_html,
    clean_title,
    highlight,
    language_of,
    published,
    site_of,
    tag_list,
    text_value,
    title_from_url,
    truthy,
    web_url,
)
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "wallabag"
_V2_KEYS = (b'"is_archived"', b'"is_starred"')
_V1_KEYS = (b'"is_read"', b'"is_fav"')
# What wallabag stores when it could not fetch a page: not the article's text.
_NO_CONTENT = re.compile(
    r"can't retrieve contents for this article|^\W*Oh, what a shame, no content\W*$", re.I
)
_NO_TITLE = frozenset({"no title found", "untitled"})


def sniff(head: bytes, name: str) -> int:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"["):
        return registry.NO
    if all(k in head for k in _V2_KEYS) or all(k in head for k in _V1_KEYS):
        return registry.CERTAIN
    return registry.NO


def _tags(entry: Mapping[str, Any]) -> tuple[str, ...]:
    return tag_list(entry.get("tags"))


def _highlights(entry: Mapping[str, Any], body: str, n: int) -> tuple[Highlight, ...]:
    notes = entry.get("annotations")
    if isinstance(notes, str):
        try:
            notes = json_text.loads(notes)
        except ValueError:
            notes = None
    if not isinstance(notes, list):
        return ()
    out: list[Highlight] = []
    for i, note in enumerate(notes, 1):
        if not isinstance(note, Mapping):
            continue
        made = highlight(
            note.get("quote"),
            body=body,
            note=note.get("text"),
            created=note.get("created_at"),
            ident=f"wallabag-{text_value(entry.get('id')) or n}-{text_value(note.get('id')) or i}",
        )
        if made is not None:
            out.append(made)
    return tuple(out)


def _draft(entry: Mapping[str, Any], n: int) -> ArticleDraft | ImportFormatError:
    where = f"item {n}"
    url = web_url(entry.get("url") or entry.get("given_url"))
    content = entry.get("content")
    body = body_from_html(content, base_url=url)
    if body and _NO_CONTENT.search(body):
        body = ""
    title = clean_title(entry.get("title"))
    inferred = False
    if not title or title.casefold() in _NO_TITLE:
        if url:
            title, inferred = title_from_url(url), True
        elif not body:
            return ImportFormatError("the entry has no link, title or content", location=where)
        else:
            title, inferred = "Untitled", True
    v2 = "is_archived" in entry or "is_starred" in entry
    archived = truthy(entry.get("is_archived")) if v2 else truthy(entry.get("is_read"))
    starred = truthy(entry.get("is_starred")) if v2 else truthy(entry.get("is_fav"))
    authors = entry.get("published_by")
    author = (
        ", ".join(str(a) for a in authors if a)
        if isinstance(authors, list)
        else text_value(authors)
    )
    image = web_url(entry.get("preview_picture"))
    return ArticleDraft(
        title=title,
        title_inferred=inferred,
        body=body,
        url=url,
        author=author or None,
        site_name=site_of(url) if url else text_value(entry.get("domain_name")),
        published_at=published(entry.get("published_at")),
        language=language_of(entry.get("language"), body or title),
        image_url=image,
        tags=_tags(entry),
        read=archived,
        archived=archived,
        starred=starred,
        added_at=any_time(entry.get("created_at")),
        highlights=_highlights(entry, body, n),
        source_format=NAME,
        content_pending=not body and url is not None,
    )


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="a wallabag export", keep_controls=True)
    try:
        doc = json_text.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ImportFormatError(f"not valid JSON ({exc.msg})", location=where) from exc
    if not isinstance(doc, list):
        raise ImportFormatError("not a wallabag export (it should be a list of entries)")
    for n, entry in enumerate(doc, 1):
        if not isinstance(entry, Mapping):
            yield ImportFormatError("the entry is not an object", location=f"item {n}")
            continue
        yield _draft(entry, n)


FORMAT = ImportFormat(
    name=NAME,
    label="wallabag export (JSON, v1 or v2)",
    extensions=(),
    sniff=sniff,
    parse=parse,
)
