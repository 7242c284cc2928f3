"""Merging the copies of one article that a single import file holds.

Exports repeat themselves: a link saved twice in Pocket, a bookmark in two folders, a feed
entry listed again. Copies are recognised the way the library recognises duplicates (the same
normalised URL, or the same text) and merged into one article that keeps everything any copy
had: the union of their tags and highlights, starred or archived if any copy is, the fullest
text and the earliest time it was saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import datetime

from reader.domain.article import Article, ArticleDraft
from reader.domain.fetch import fill_article
from reader.domain.text import clean_tags, content_hash, normalize_url

# Fields where the first copy's value wins, and a later copy only fills a gap.
_FILLED = (
    "subtitle", "author", "author_bio", "site_name", "url", "published_at", "language",
    "summary", "image_url", "image_credit", "image_caption",
)  # fmt: skip


def duplicate_key(draft: ArticleDraft) -> str | None:
    """What two copies of an article share: the normalised URL, else the text's hash."""
    url = normalize_url(draft.url)
    if url:
        return "url:" + url
    digest = content_hash(draft.body)
    return "text:" + digest if digest else None


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def merge(first: ArticleDraft, other: ArticleDraft) -> ArticleDraft:
    """One draft holding what both copies hold (``first`` wins where both have a value)."""
    take_body = len(other.body.strip()) > len(first.body.strip())
    base = replace(other, id=first.id) if take_body else first
    changes: dict[str, object] = {}
    for name in _FILLED:
        if getattr(base, name) in (None, ""):
            donor = first if base is other else other
            value = getattr(donor, name)
            if value not in (None, ""):
                changes[name] = value
    if base.title_inferred and not (first if base is other else other).title_inferred:
        donor = first if base is other else other
        changes["title"], changes["title_inferred"] = donor.title, False
    quotes = {h.quote for h in base.highlights}
    extra = [h for h in (first.highlights + other.highlights) if h.quote not in quotes and h.quote]
    for h in extra:
        quotes.add(h.quote)
    changes.update(
        tags=clean_tags(list(first.tags) + list(other.tags)),
        read=first.read or other.read,
        starred=first.starred or other.starred,
        archived=first.archived or other.archived,
        progress=max(first.progress, other.progress),
        highlights=base.highlights + tuple(extra),
        added_at=_earliest(first.added_at, other.added_at),
        content_pending=not base.body.strip() and (first.content_pending or other.content_pending),
        removed=base.removed or first.removed or other.removed,
    )
    known = {f.name for f in fields(ArticleDraft)}
    return replace(base, **{k: v for k, v in changes.items() if k in known})  # type: ignore[arg-type]


def merge_copies(
    entries: Sequence[object],
) -> tuple[dict[int, ArticleDraft], dict[int, int]]:
    """For a file's parsed entries (drafts among errors): the merged draft to store at each
    first copy's position, and for every later copy the position of the first one."""
    first_at: dict[str, int] = {}
    merged: dict[int, ArticleDraft] = {}
    copy_of: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, ArticleDraft):
            continue
        key = duplicate_key(entry)
        if key is None:
            continue
        if key in first_at:
            head = first_at[key]
            merged[head] = merge(merged[head], entry)
            copy_of[index] = head
        else:
            first_at[key] = index
            merged[index] = entry
    return {i: d for i, d in merged.items() if i in set(copy_of.values())}, copy_of


def complete(article: Article, copy: ArticleDraft) -> tuple[Article, str] | None:
    """A stored article completed by a copy found in a later import, and what it gained: the
    copy's text when the article was only a link, and highlights it lacks. None when the copy
    adds nothing (tags and state stay as the user has them in Folio)."""
    gained: list[str] = []
    result = article
    if article.content_pending and not article.body.strip() and copy.body.strip():
        result = fill_article(article, copy)
        gained.append("its text")
    quotes = {h.quote for h in article.highlights}
    extra = tuple(h for h in copy.highlights if h.quote and h.quote not in quotes)
    if extra:
        result = replace(result, highlights=result.highlights + extra)
        gained.append(f"{len(extra)} highlight{'s' if len(extra) != 1 else ''}")
    if not gained:
        return None
    return result, " and ".join(gained) + " added to the article already saved"
