"""Storing imported articles many at a time: plain SQL for whole batches instead of ORM objects.

An import of thousands of files spent most of its time building ORM rows, lazily loading their
empty relationships and flushing after every step. Here a batch of articles goes in as a few
multi-row INSERTs, and their tag links, provenance, highlights and related links as one Core
``executemany`` per table, with row keys assigned up front so the child rows need no round
trip. The full-text index and the counts follow through the same triggers as every other
write.

Duplicates are decided before anything is written, against the library (one query per key kind
for the whole batch) and against the articles accepted earlier in the same batch, with the
same rules as ``repository.find_duplicate``: same id, else same normalised URL, else same
content. The caller owns the transaction and the savepoints.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from reader.domain.article import ArticleDraft
from reader.domain.keys import Keys
from reader.domain.text import clean_tags
from reader.storage.models import (
    ArticleRow,
    ArticleTag,
    HighlightRow,
    RelatedRow,
    RevisionRow,
    SourceRow,
    TagRow,
    tag_keys_text,
)

#: Bound parameters per lookup query (SQLite's limit is 32,766; stay well under it).
_CHUNK = 900
#: Bound parameters per multi-row INSERT.
_MAX_PARAMS = 30_000


@dataclass(slots=True)
class _Seen:
    """Duplicate keys of the articles accepted so far, each mapped to the article's id."""

    ids: set[str] = field(default_factory=set)
    urls: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    def add(self, uid: str, keys: Keys) -> None:
        self.ids.add(uid)
        if keys.url_key:
            self.urls.setdefault(keys.url_key, uid)
        if keys.content_hash:
            self.hashes.setdefault(keys.content_hash, uid)


@dataclass(frozen=True, slots=True)
class Planned:
    """One article accepted for writing: its new id and row key."""

    uid: str
    pk: int
    draft: ArticleDraft
    keys: Keys
    source_file: str | None


class ImportWriter:
    """Writes batches of drafts in the caller's transaction; one per import batch."""

    def __init__(self, session: Session, *, now: datetime, default_format: str = "folio") -> None:
        self._session = session
        self._now = now
        self._default_format = default_format
        self._next_pk = int(session.scalar(select(func.max(ArticleRow.pk))) or 0) + 1
        self._tag_ids: dict[str, tuple[int, str]] = {}
        self._library = _Seen()
        self._batch = _Seen()
        self._pending: list[Planned] = []

    # ---------------------------------------------------------------- duplicates
    def look_up(self, drafts: Iterable[tuple[ArticleDraft, Keys]]) -> None:
        """Find which of these drafts' keys the library already holds (a query per key kind
        for all of them, instead of three per draft)."""
        ids: set[str] = set()
        urls: set[str] = set()
        hashes: set[str] = set()
        for draft, keys in drafts:
            if draft.id:
                ids.add(draft.id)
            if keys.url_key:
                urls.add(keys.url_key)
            if keys.content_hash:
                hashes.add(keys.content_hash)
        s = self._session
        for chunk in _chunks(ids):
            self._library.ids.update(
                s.scalars(select(ArticleRow.uid).where(ArticleRow.uid.in_(chunk)))
            )
        for chunk in _chunks(urls):
            rows = s.execute(
                select(ArticleRow.url_key, ArticleRow.uid)
                .where(ArticleRow.url_key.in_(chunk))
                .order_by(ArticleRow.pk)
            )
            for key, uid in rows:
                self._library.urls.setdefault(str(key), uid)
        for chunk in _chunks(hashes):
            rows = s.execute(
                select(ArticleRow.content_hash, ArticleRow.uid)
                .where(ArticleRow.content_hash.in_(chunk))
                .order_by(ArticleRow.pk)
            )
            for key, uid in rows:
                self._library.hashes.setdefault(str(key), uid)

    def duplicate_of(self, draft: ArticleDraft, keys: Keys) -> str | None:
        """The id of the article ``draft`` repeats: one in the library (as looked up), or one
        accepted earlier in this batch. The id rule is checked first in both, then the URL,
        then the content, as ``repository.find_duplicate`` does."""
        if draft.id and (draft.id in self._library.ids or draft.id in self._batch.ids):
            return draft.id
        for seen in (self._library, self._batch):
            if keys.url_key and keys.url_key in seen.urls:
                return seen.urls[keys.url_key]
        for seen in (self._library, self._batch):
            if keys.content_hash and keys.content_hash in seen.hashes:
                return seen.hashes[keys.content_hash]
        return None

    def plan(self, draft: ArticleDraft, keys: Keys, source_file: str | None) -> str:
        """Accept a draft: give it an id and a row key, remember its keys, and hold it for the
        next ``flush``. Returns its id."""
        uid = draft.id or str(uuid.uuid4())
        self._pending.append(Planned(uid, self._next_pk, draft, keys, source_file))
        self._next_pk += 1
        self._batch.add(uid, keys)
        return uid

    def flush(self) -> None:
        """Write every article planned since the last flush."""
        planned, self._pending = self._pending, []
        self.write(planned)

    def is_link_only(self, article_id: str) -> bool:
        """Whether the article is only a link so far (a later copy may bring its text)."""
        for p in self._pending:
            if p.uid == article_id:
                return p.draft.content_pending and not p.draft.body.strip()
        row = self._session.execute(
            select(ArticleRow.content_pending, ArticleRow.body).where(ArticleRow.uid == article_id)
        ).first()
        return row is not None and bool(row[0]) and not str(row[1] or "").strip()

    def mark(self) -> tuple[int, _Seen, list[Planned]]:
        """The state to go back to if what is planned next is rolled back."""
        copy = _Seen(set(self._batch.ids), dict(self._batch.urls), dict(self._batch.hashes))
        return self._next_pk, copy, list(self._pending)

    def reset(self, state: tuple[int, _Seen, list[Planned]]) -> None:
        """Go back to a ``mark``, after the savepoint its plans were written in rolled back
        (tag rows it created went with it, so their ids are forgotten)."""
        self._next_pk, self._batch, self._pending = state[0], state[1], list(state[2])
        self._tag_ids.clear()

    # ---------------------------------------------------------------- writing
    def write(self, planned: Sequence[Planned]) -> None:
        """Insert the planned articles and everything that hangs off them."""
        if not planned:
            return
        tag_names = [t for p in planned for t in p.draft.tags]
        self._resolve_tags(tag_names)
        articles: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        sources: list[dict[str, Any]] = []
        highlights: list[dict[str, Any]] = []
        related: list[dict[str, Any]] = []
        revisions: list[dict[str, Any]] = []
        now = self._now
        for p in planned:
            d = p.draft
            tags = [self._tag_ids[t.casefold()] for t in clean_tags(list(d.tags))]
            for position, (tag_id, _name) in enumerate(tags):
                links.append({"article_pk": p.pk, "tag_id": tag_id, "position": position})
            articles.append(
                {
                    "pk": p.pk,
                    "uid": p.uid,
                    "title": d.title or "",
                    "title_inferred": d.title_inferred,
                    "subtitle": d.subtitle,
                    "author": d.author,
                    "author_bio": d.author_bio,
                    "site_name": d.site_name,
                    "url": d.url,
                    "url_key": p.keys.url_key,
                    "content_hash": p.keys.content_hash,
                    "published_at": d.published_at,
                    "language": d.language,
                    "summary": d.summary,
                    "image_url": d.image_url,
                    "image_credit": d.image_credit,
                    "image_caption": d.image_caption,
                    "body": d.body or "",
                    "words": p.keys.words,
                    "tags_text": " ".join(name for _id, name in tags),
                    "tag_keys": tag_keys_text(tag_id for tag_id, _name in tags),
                    "highlights_text": "\n".join(
                        h.quote + (f"\n{h.note}" if h.note else "") for h in d.highlights
                    ),
                    "read": d.read,
                    "starred": d.starred,
                    "archived": d.archived,
                    "progress": max(0.0, min(1.0, float(d.progress or 0.0))),
                    "content_pending": d.content_pending,
                    "added_at": d.added_at or now,
                    "updated_at": d.updated_at or d.added_at or now,
                    "deleted_at": None,
                    "version": 1,
                }
            )
            for h in d.highlights:
                highlights.append(
                    {
                        "uid": h.id or str(uuid.uuid4()),
                        "article_pk": p.pk,
                        "quote": h.quote,
                        "prefix": h.prefix,
                        "suffix": h.suffix,
                        "note": h.note,
                        "color": h.color,
                        "created_at": h.created_at,
                    }
                )
            for position, r in enumerate(d.related):
                related.append(
                    {
                        "article_pk": p.pk,
                        "position": position,
                        "rel": r.rel,
                        "title": r.title,
                        "url": r.url,
                    }
                )
            # Newest first in a file, stored oldest first so their ids keep that order.
            for rev in reversed(d.revisions):
                revisions.append(
                    {
                        "article_pk": p.pk,
                        "saved_at": rev.saved_at,
                        "title": rev.title,
                        "body": rev.body,
                        "fields": json.dumps(rev.fields, ensure_ascii=False),
                    }
                )
            sources.append(self._source(p))
        s = self._session
        # One multi-row INSERT per slice, not executemany: every statement opens a statement
        # savepoint, and at each one FTS5 flushes what it holds to a new index segment. Row by
        # row that made a segment per article (and the merging that follows) and doubled the
        # cost of an import. The statement goes to the driver as it is: SQLAlchemy's compiling
        # of thousands of parameters cost more than SQLite's work.
        # The rows that hang off the articles go the same way: through the ORM they cost
        # more than the articles themselves.
        _insert_many(s, ArticleRow.__table__, articles)
        _insert_many(s, ArticleTag.__table__, links)
        _insert_many(s, HighlightRow.__table__, highlights)
        _insert_many(s, RelatedRow.__table__, related)
        _insert_many(s, RevisionRow.__table__, revisions)
        _insert_many(s, SourceRow.__table__, sources)

    def _source(self, p: Planned) -> dict[str, Any]:
        d = p.draft
        if d.source is not None:
            return {
                "article_pk": p.pk,
                "format": d.source.format,
                "file": d.source.file,
                "imported_at": d.source.imported_at,
                "removed": json.dumps(list(d.source.removed), ensure_ascii=False),
            }
        return {
            "article_pk": p.pk,
            "format": d.source_format or self._default_format,
            "file": p.source_file,
            "imported_at": self._now if p.source_file is not None else None,
            "removed": json.dumps(list(d.removed), ensure_ascii=False),
        }

    def _resolve_tags(self, names: Sequence[str]) -> None:
        """Tag ids for these names, creating the new ones (names match whatever their case)."""
        wanted = [n for n in clean_tags(list(names)) if n.casefold() not in self._tag_ids]
        if not wanted:
            return
        s = self._session
        for chunk in _chunks(wanted):
            for tag_id, name in s.execute(
                select(TagRow.id, TagRow.name).where(TagRow.name.in_(chunk))
            ):
                self._tag_ids.setdefault(name.casefold(), (tag_id, name))
        for name in wanted:
            if name.casefold() not in self._tag_ids:
                result = s.execute(insert(TagRow).values(name=name).returning(TagRow.id))
                tag_id = result.scalar_one()
                self._tag_ids[name.casefold()] = (int(tag_id), name)


def _insert_many(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name, every row the same keys) with multi-row
    INSERT statements on the session's own connection, each value converted as the column's
    type would. Columns a row leaves out (an autoincrement key) get what SQLite gives them."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    columns = [c for c in table.columns if c.name in rows[0]]
    convert = [c.type.bind_processor(dialect) for c in columns]
    names = [c.name for c in columns]
    per_statement = max(1, _MAX_PARAMS // len(columns))
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            values: list[Any] = []
            for row in part:
                for name, fn in zip(names, convert, strict=True):
                    value = row[name]
                    values.append(fn(value) if fn is not None and value is not None else value)
            cursor.execute(
                f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
                + ", ".join([row_marks] * len(part)),
                values,
            )
    finally:
        cursor.close()


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
