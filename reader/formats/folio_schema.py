"""The Folio JSON article object (PRODUCT.md): to and from domain values, losslessly.

The shape is fixed (tools outside Folio read it), so the keys and their order live here once,
shared by the JSON and JSON Lines importers and exporters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from reader.domain.article import (
    Article,
    ArticleDraft,
    Highlight,
    RelatedLink,
    Revision,
    Source,
)
from reader.domain.errors import ImportFormatError
from reader.domain.text import clean_tags
from reader.domain.times import iso_utc, normalize_published, parse_iso

FORMAT_VERSION = 1


def _iso(value: datetime | None) -> str | None:
    return iso_utc(value) if value is not None else None


def article_to_dict(a: Article) -> dict[str, Any]:
    """One article in the export shape, keys in PRODUCT.md's order."""
    return {
        "id": a.id,
        "title": a.title,
        "title_inferred": a.title_inferred,
        "subtitle": a.subtitle,
        "author": a.author,
        "author_bio": a.author_bio,
        "site_name": a.site_name,
        "url": a.url,
        "published_at": a.published_at,
        "added_at": _iso(a.added_at),
        "updated_at": _iso(a.updated_at),
        "language": a.language,
        "summary": a.summary,
        "image_url": a.image_url,
        "image_credit": a.image_credit,
        "image_caption": a.image_caption,
        "body": a.body,
        "tags": list(a.tags),
        "read": a.read,
        "starred": a.starred,
        "archived": a.archived,
        "progress": a.progress,
        "highlights": [
            {
                "id": h.id,
                "quote": h.quote,
                "prefix": h.prefix,
                "suffix": h.suffix,
                "note": h.note,
                "color": h.color,
                "created_at": _iso(h.created_at),
            }
            for h in a.highlights
        ],
        "related": [{"rel": r.rel, "title": r.title, "url": r.url} for r in a.related],
        "source": {
            "format": a.source.format,
            "file": a.source.file,
            "imported_at": _iso(a.source.imported_at),
            "removed": list(a.source.removed),
        },
    } | ({"revisions": [revision_to_dict(r) for r in a.revisions]} if a.revisions else {})


def revision_to_dict(r: Revision) -> dict[str, Any]:
    """One saved revision: when it was saved, its title and body, and every editable field."""
    return {"saved_at": _iso(r.saved_at), "title": r.title, "body": r.body, "fields": r.fields}


def _revisions(value: object) -> tuple[Revision, ...]:
    out: list[Revision] = []
    for n, r in enumerate(_list(value, "revisions"), 1):
        if not isinstance(r, Mapping):
            raise ImportFormatError(f"revision {n} must be an object")
        saved_at = _time(r.get("saved_at"), f"revision {n} saved_at")
        if saved_at is None:
            raise ImportFormatError(f"revision {n} needs a 'saved_at' time")
        fields = r.get("fields") or {}
        if not isinstance(fields, Mapping):
            raise ImportFormatError(f"revision {n}: 'fields' must be an object")
        out.append(
            Revision(
                id=0,
                article_id="",
                saved_at=saved_at,
                title=_text(r.get("title"), f"revision {n} title") or "",
                body=_text(r.get("body"), f"revision {n} body") or "",
                fields=dict(fields),
            )
        )
    return tuple(out)


def document(articles: Iterable[dict[str, Any]], exported_at: datetime) -> dict[str, Any]:
    return {
        "folio": FORMAT_VERSION,
        "exported_at": iso_utc(exported_at),
        "articles": list(articles),
    }


def _text(value: object, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise ImportFormatError(f"{key!r} must be text, not {type(value).__name__}")


def _bool(value: object, key: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise ImportFormatError(f"{key!r} must be true or false")


def _time(value: object, key: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ImportFormatError(f"{key!r} must be an ISO 8601 time")
    parsed = parse_iso(value)
    if parsed is None:
        raise ImportFormatError(f"{key!r} is not an ISO 8601 time: {value[:40]!r}")
    return parsed


def _list(value: object, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportFormatError(f"{key!r} must be a list")
    return value


def draft_from_dict(obj: object) -> ArticleDraft:
    """A draft from one article object; ImportFormatError says which key is wrong."""
    if not isinstance(obj, Mapping):
        raise ImportFormatError("an article must be a JSON object")
    body = _text(obj.get("body"), "body") or ""
    title = _text(obj.get("title"), "title") or ""
    if not body.strip() and not title.strip() and not obj.get("url") and not obj.get("id"):
        # An exported article (it has an id) is taken as it is, however empty: lossless.
        raise ImportFormatError("the article has no title, no body and no URL")
    published_raw = _text(obj.get("published_at"), "published_at")
    published = normalize_published(published_raw) if published_raw else None
    if published_raw and published is None:
        raise ImportFormatError(f"'published_at' is not a date: {published_raw[:40]!r}")
    try:
        progress = float(obj.get("progress") or 0.0)
    except (TypeError, ValueError) as exc:
        raise ImportFormatError("'progress' must be a number") from exc
    highlights = []
    for n, h in enumerate(_list(obj.get("highlights"), "highlights"), 1):
        if not isinstance(h, Mapping) or not isinstance(h.get("quote"), str):
            raise ImportFormatError(f"highlight {n} needs a 'quote'")
        highlights.append(
            Highlight(
                id=_text(h.get("id"), "highlight id") or "",
                quote=h["quote"],
                prefix=_text(h.get("prefix"), "prefix") or "",
                suffix=_text(h.get("suffix"), "suffix") or "",
                note=_text(h.get("note"), "note"),
                color=_text(h.get("color"), "color") or "yellow",
                created_at=_time(h.get("created_at"), "created_at"),
            )
        )
    related = []
    for r in _list(obj.get("related"), "related"):
        if not isinstance(r, Mapping):
            raise ImportFormatError("each related link must be an object")
        related.append(
            RelatedLink(
                rel=_text(r.get("rel"), "rel") or "related",
                title=_text(r.get("title"), "related title"),
                url=_text(r.get("url"), "related url"),
            )
        )
    source = None
    src = obj.get("source")
    if isinstance(src, Mapping) and src.get("format"):
        source = Source(
            format=_text(src.get("format"), "source format") or "folio",
            file=_text(src.get("file"), "source file"),
            imported_at=_time(src.get("imported_at"), "imported_at"),
            removed=tuple(str(x) for x in _list(src.get("removed"), "removed")),
        )
    article_id = _text(obj.get("id"), "id")
    url = _text(obj.get("url"), "url")

    def field(key: str) -> str | None:
        return _text(obj.get(key), key)

    return ArticleDraft(
        body=body,
        title=title,
        title_inferred=_bool(obj.get("title_inferred"), "title_inferred"),
        published_at=published,
        tags=clean_tags([_text(t, "tag") for t in _list(obj.get("tags"), "tags")]),
        read=_bool(obj.get("read"), "read"),
        starred=_bool(obj.get("starred"), "starred"),
        archived=_bool(obj.get("archived"), "archived"),
        progress=max(0.0, min(1.0, progress)),
        highlights=tuple(highlights),
        related=tuple(related),
        revisions=_revisions(obj.get("revisions")),
        id=article_id.strip() if article_id and article_id.strip() else None,
        added_at=_time(obj.get("added_at"), "added_at"),
        updated_at=_time(obj.get("updated_at"), "updated_at"),
        source=source,
        source_format="folio-json",
        content_pending=not body.strip() and bool(url),
        subtitle=field("subtitle"),
        author=field("author"),
        author_bio=field("author_bio"),
        site_name=field("site_name"),
        url=url,
        language=field("language"),
        summary=field("summary"),
        image_url=field("image_url"),
        image_credit=field("image_credit"),
        image_caption=field("image_caption"),
    )
