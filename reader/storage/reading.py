"""Reading many whole articles at once (exports, the command line): plain queries, no ORM.

An export reads every article of a library. Through the ORM each chunk of articles cost a
query per relationship plus an object per row and per related row, and building those objects
cost more than SQLite's work and the JSON writing together. Here a chunk is five queries
(articles, tags, highlights, related links, provenance) over the same rows, and the domain
values are built straight from their tuples by ``article_of``, which ``repository.to_article``
uses too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.domain.article import Article, Highlight, RelatedLink, Source
from reader.storage.models import (
    ArticleRow,
    ArticleTag,
    HighlightRow,
    RelatedRow,
    SourceRow,
    TagRow,
)

#: Articles per query (the row keys of a chunk are bound parameters).
CHUNK = 500

_A = ArticleRow.__table__.c
_H = HighlightRow.__table__.c
_R = RelatedRow.__table__.c
_S = SourceRow.__table__.c


def articles_by_id(session: Session, article_ids: Sequence[str]) -> list[Article]:
    """The articles with these ids, in the order given (missing ids are skipped)."""
    found: dict[str, Article] = {}
    for start in range(0, len(article_ids), CHUNK):
        chunk = list(article_ids[start : start + CHUNK])
        for article in _read(session, chunk):
            found[article.id] = article
    return [found[i] for i in article_ids if i in found]


def _read(session: Session, uids: list[str]) -> list[Article]:
    rows = session.execute(select(ArticleRow.__table__).where(_A.uid.in_(uids))).all()
    if not rows:
        return []
    pks = [r.pk for r in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    for pk, name in session.execute(
        select(ArticleTag.article_pk, TagRow.name)
        .join(TagRow, TagRow.id == ArticleTag.tag_id)
        .where(ArticleTag.article_pk.in_(pks))
        .order_by(ArticleTag.article_pk, ArticleTag.position)
    ):
        tags[pk].append(name)
    highlights: dict[int, list[Highlight]] = defaultdict(list)
    for h in session.execute(
        select(HighlightRow.__table__).where(_H.article_pk.in_(pks)).order_by(_H.id)
    ):
        highlights[h.article_pk].append(highlight_of(h))
    related: dict[int, list[RelatedLink]] = defaultdict(list)
    for r in session.execute(
        select(RelatedRow.__table__).where(_R.article_pk.in_(pks)).order_by(_R.position)
    ):
        related[r.article_pk].append(RelatedLink(rel=r.rel, title=r.title, url=r.url))
    sources = {
        s.article_pk: s
        for s in session.execute(select(SourceRow.__table__).where(_S.article_pk.in_(pks)))
    }
    return [
        article_of(
            r,
            tags.get(r.pk, ()),
            highlights.get(r.pk, ()),
            related.get(r.pk, ()),
            sources.get(r.pk),
        )
        for r in rows
    ]


def source_of(src: Any) -> Source:
    """Where an article came from, from its stored row (an ORM object or a plain row alike)."""
    if src is None:
        return Source(format="folio")
    try:
        removed = tuple(str(x) for x in json.loads(src.removed or "[]"))
    except ValueError:
        removed = ()
    return Source(format=src.format, file=src.file, imported_at=src.imported_at, removed=removed)


def article_of(
    r: Any,
    tags: Sequence[str],
    highlights: Sequence[Highlight],
    related: Sequence[RelatedLink],
    source: Any,
) -> Article:
    """An article from its stored row (an ORM object or a plain result row alike), with its
    tags, highlights, related links and source row read beside it."""
    return Article(
        id=r.uid,
        title=r.title,
        body=r.body,
        added_at=r.added_at,
        updated_at=r.updated_at,
        title_inferred=bool(r.title_inferred),
        subtitle=r.subtitle,
        author=r.author,
        author_bio=r.author_bio,
        site_name=r.site_name,
        url=r.url,
        published_at=r.published_at,
        language=r.language,
        summary=r.summary,
        image_url=r.image_url,
        image_credit=r.image_credit,
        image_caption=r.image_caption,
        tags=tuple(tags),
        read=bool(r.read),
        starred=bool(r.starred),
        archived=bool(r.archived),
        progress=r.progress,
        highlights=tuple(highlights),
        related=tuple(related),
        source=source_of(source),
        version=r.version,
        deleted_at=r.deleted_at,
        content_pending=bool(r.content_pending),
    )


def highlight_of(row: Any) -> Highlight:
    """A highlight from its stored row (an ORM object or a plain result row alike)."""
    return Highlight(
        id=row.uid,
        quote=row.quote,
        prefix=row.prefix,
        suffix=row.suffix,
        note=row.note,
        color=row.color,
        created_at=row.created_at,
    )
