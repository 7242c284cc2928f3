"""Omnivore exports: the metadata JSON, and the zip that holds it with the articles' content.

Omnivore's export is a zip of ``metadata_<from>_to_<to>.json`` files (a JSON array of saved
items: ``slug``, ``title``, ``author``, ``url``, ``state``, ``labels``, ``savedAt``, ...), the
readable HTML of each item in ``content/<slug>.html`` and the user's highlights in
``highlights/<slug>.md``. The metadata alone gives link-only articles (with their description
as the summary); with the zip, each article gets its content and highlights.

Labels become tags; ``state`` ``Archived`` means archived; ``readingProgress`` (a percentage)
becomes the reading position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from reader.domain.article import ArticleDraft, Highlight
from reader.domain.errors import ImportFormatError
from reader.formats import json_text, registry
from reader.formats.archive import ArchiveError, SafeZip, is_zip
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
    web_url,
)
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "omnivore"
_METADATA = re.compile(r"(?:^|/)metadata_\d+_to_\d+\.json$", re.I)
_KEYS = (b'"slug"', b'"savedAt"')
# A quote in Omnivore's highlight Markdown ends with a link back to the highlight.
_BACKLINK = re.compile(r"\s*\[[^\]]*\]\(https?://[^)]*\)\s*$")

#: Reads a member of the archive by name (None when there is no such member).
Resource = Callable[[str], bytes | None]


def sniff(head: bytes, name: str) -> int:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"[") and all(k in head for k in _KEYS):
        return registry.CERTAIN
    if _METADATA.search(name.replace("\\", "/")) and start.startswith(b"["):
        return registry.CONTENT
    return registry.NO


def claims_archive(names: Sequence[str]) -> bool:
    """Whether an archive's member names (or an unpacked folder's) are Omnivore's export
    layout: ``metadata_*.json`` at the top, with the articles' ``content/`` beside it."""
    top = [n for n in names if "/" not in n.replace("\\", "/")]
    return any(_METADATA.search(n) for n in top) and any(
        n.replace("\\", "/").startswith("content/") for n in names
    )


def _highlights_from_markdown(text: str, body: str, slug: str) -> tuple[Highlight, ...]:
    """Omnivore's highlight file: each quote a ``>`` block, a note as the paragraph after."""
    out: list[Highlight] = []
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if not block.startswith(">"):
            continue
        quote = " ".join(line.lstrip(">").strip() for line in block.split("\n"))
        quote = _BACKLINK.sub("", quote).strip()
        note = None
        if i < len(blocks) and not blocks[i].startswith((">", "#")):
            note = blocks[i]
            i += 1
        made = highlight(quote, body=body, note=note, ident=f"omnivore-{slug}-{len(out) + 1}")
        if made is not None:
            out.append(made)
    return tuple(out)


def _highlights_from_json(value: object, body: str, slug: str) -> tuple[Highlight, ...]:
    if not isinstance(value, list):
        return ()
    out: list[Highlight] = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, Mapping):
            continue
        made = highlight(
            item.get("quote"),
            body=body,
            note=item.get("annotation") or item.get("note"),
            created=item.get("createdAt") or item.get("created_at"),
            ident=text_value(item.get("id")) or f"omnivore-{slug}-{n}",
        )
        if made is not None:
            out.append(made)
    return tuple(out)


def _draft(
    item: Mapping[str, Any], where: str, resource: Resource | None
) -> ArticleDraft | ImportFormatError:
    url = web_url(item.get("url") or item.get("originalUrl"))
    slug = text_value(item.get("slug")) or ""
    state = (text_value(item.get("state")) or "").casefold()
    if state == "deleted":
        return ImportFormatError("deleted in Omnivore, so left out", location=where)
    body = ""
    highlights: tuple[Highlight, ...] = ()
    if resource is not None and slug:
        raw = resource(f"content/{slug}.html")
        if raw:
            body = body_from_html(decode_text(raw, what="HTML", keep_controls=True), base_url=url)
        notes = resource(f"highlights/{slug}.md")
        if notes and notes.strip():
            highlights = _highlights_from_markdown(
                decode_text(notes, what="Markdown"), " ".join(body.split()), slug
            )
    if not body and isinstance(item.get("content"), str):
        body = body_from_html(item.get("content"), base_url=url)
    if not highlights:
        highlights = _highlights_from_json(item.get("highlights"), body, slug)
    title = clean_title(item.get("title"))
    inferred = not title
    if inferred:
        if not url:
            return ImportFormatError("the item has no link and no title", location=where)
        title = title_from_url(url)
    if not url and not body:
        return ImportFormatError("the item has no link and no content", location=where)
    summary = text_value(item.get("description"))
    progress_raw = item.get("readingProgress") or item.get("readingProgressPercent") or 0
    try:
        progress = max(0.0, min(1.0, float(progress_raw) / 100))
    except (TypeError, ValueError):
        progress = 0.0
    archived = state == "archived"
    return ArticleDraft(
        title=title,
        title_inferred=inferred,
        body=body,
        url=url,
        author=text_value(item.get("author")),
        site_name=text_value(item.get("siteName")) or site_of(url),
        published_at=published(item.get("publishedAt")),
        language=language_of(item.get("language"), body or f"{title}\n{summary or ''}"),
        summary=summary,
        image_url=web_url(item.get("thumbnail") or item.get("image")),
        tags=tag_list(item.get("labels")),
        read=archived or progress >= 0.98,
        archived=archived,
        progress=progress,
        added_at=any_time(item.get("savedAt")),
        highlights=highlights,
        source_format=NAME,
        content_pending=not body,
    )


def _items(text: str, location: str | None) -> list[Any]:
    try:
        doc = json_text.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if location:
            where = f"{location}, {where}"
        raise ImportFormatError(f"not valid JSON ({exc.msg})", location=where) from exc
    if not isinstance(doc, list):
        raise ImportFormatError("not an Omnivore export (it should be a list of items)")
    return doc


def _parse_items(
    items: list[Any], resource: Resource | None, prefix: str = ""
) -> Iterator[ParsedItem]:
    for n, item in enumerate(items, 1):
        where = f"{prefix}item {n}"
        if not isinstance(item, Mapping):
            yield ImportFormatError("the item is not an object", location=where)
            continue
        yield _draft(item, where, resource)


def _parse_archive(data: bytes) -> Iterator[ParsedItem]:
    try:
        with SafeZip(data) as archive:
            metadata = sorted(n for n in archive.names() if _METADATA.search(n))
            if not metadata:
                raise ImportFormatError("not an Omnivore export (no metadata_*.json inside)")

            def resource(name: str) -> bytes | None:
                try:
                    return archive.read_name(name)
                except ArchiveError:
                    return None

            for member in metadata:
                raw = archive.read_name(member)
                text = decode_text(raw or b"", what="JSON", keep_controls=True)
                prefix = f"{member}: " if len(metadata) > 1 else ""
                items = _items(text, member if len(metadata) > 1 else None)
                yield from _parse_items(items, resource, prefix)
    except ArchiveError as exc:
        raise ImportFormatError(str(exc)) from exc


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    if is_zip(data[:4]):
        yield from _parse_archive(data)
        return
    text = decode_text(data, what="an Omnivore export", keep_controls=True)
    yield from _parse_items(_items(text, None), None)


FORMAT = ImportFormat(
    name=NAME,
    label="Omnivore export (JSON or zip)",
    extensions=(),
    sniff=sniff,
    parse=parse,
    archive=claims_archive,
)
