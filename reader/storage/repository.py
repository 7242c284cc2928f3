"""Reading and writing articles in one session: the only code that sees ORM rows.

Every function takes the caller's session (the library owns the transaction) and returns domain
values or ids. Row keys (``pk``) are small integers the list model holds for every row of a
view; article ids (uuid strings) are what everything else speaks.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session, selectinload

from reader.domain.article import (
    EDITABLE_FIELDS,
    Article,
    ArticleDraft,
    ArticleSummary,
    Highlight,
    RelatedLink,
    Revision,
)
from reader.domain.errors import ArticleNotFoundError, EditConflictError, FolioError
from reader.domain.text import clean_tags, content_hash, normalize_tag, normalize_url, word_count
from reader.storage.models import (
    ArticleRow,
    ArticleTag,
    CountsRow,
    HighlightRow,
    RelatedRow,
    RevisionRow,
    SourceRow,
    TagRow,
    tag_keys_text,
)
from reader.storage.reading import article_of, articles_by_id, highlight_of

SUMMARY_COLUMNS = (
    ArticleRow.pk,
    ArticleRow.uid,
    ArticleRow.title,
    ArticleRow.title_inferred,
    ArticleRow.author,
    ArticleRow.site_name,
    ArticleRow.published_at,
    ArticleRow.added_at,
    ArticleRow.read,
    ArticleRow.starred,
    ArticleRow.archived,
    ArticleRow.progress,
    ArticleRow.words,
    ArticleRow.deleted_at,
    ArticleRow.content_pending,
    ArticleRow.language,
)

# Read from the list's own covering index (see models.ArticleRow): SQLite would otherwise pick
# the rows themselves, whose list columns sit behind the body's overflow pages.
_SUMMARIES = (
    text(
        f"SELECT {', '.join(c.name for c in SUMMARY_COLUMNS)} "
        "FROM articles INDEXED BY ix_articles_summary WHERE pk IN :keys"
    )
    .bindparams(bindparam("keys", expanding=True))
    .columns(*SUMMARY_COLUMNS)
)


@dataclass(frozen=True, slots=True)
class Counts:
    """The sidebar's numbers."""

    all: int = 0
    unread: int = 0
    starred: int = 0
    archive: int = 0
    trash: int = 0
    pending: int = 0


# --------------------------------------------------------------------------- row <-> domain
def to_article(row: ArticleRow) -> Article:
    return article_of(
        row,
        [link.tag.name for link in row.tag_links],
        [highlight_of(h) for h in row.highlights],
        [RelatedLink(rel=r.rel, title=r.title, url=r.url) for r in row.related],
        row.source,
    )


def summary_from_tuple(r: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=r[1],
        title=r[2],
        title_inferred=bool(r[3]),
        author=r[4],
        site_name=r[5],
        published_at=r[6],
        added_at=r[7],
        read=bool(r[8]),
        starred=bool(r[9]),
        archived=bool(r[10]),
        progress=float(r[11] or 0.0),
        words=int(r[12] or 0),
        deleted=r[13] is not None,
        content_pending=bool(r[14]),
        language=r[15],
    )


def _full(stmt: Select[ArticleRow]) -> Select[ArticleRow]:
    return stmt.options(
        selectinload(ArticleRow.tag_links).joinedload(ArticleTag.tag),
        selectinload(ArticleRow.highlights),
        selectinload(ArticleRow.related),
        selectinload(ArticleRow.source),
    )


# --------------------------------------------------------------------------- reads
def get_row(session: Session, article_id: str) -> ArticleRow:
    row = session.scalars(_full(select(ArticleRow).where(ArticleRow.uid == article_id))).first()
    if row is None:
        raise ArticleNotFoundError(article_id)
    return row


def get_article(session: Session, article_id: str) -> Article:
    """The article with this id, read with plain queries (storage.reading): the reader asks
    for one article at every move, and the ORM's objects cost more than the queries."""
    found = articles_by_id(session, [article_id])
    if not found:
        raise ArticleNotFoundError(article_id)
    return found[0]


def get_articles(session: Session, article_ids: Sequence[str]) -> list[Article]:
    """The articles with these ids, in the order given (missing ids are skipped).

    Read with plain queries (storage.reading): exports read whole libraries this way."""
    return articles_by_id(session, article_ids)


def summaries(session: Session, pks: Sequence[int]) -> dict[int, ArticleSummary]:
    """List rows for these row keys."""
    out: dict[int, ArticleSummary] = {}
    for start in range(0, len(pks), 900):
        chunk = list(pks[start : start + 900])
        for r in session.execute(_SUMMARIES, {"keys": chunk}):
            out[r[0]] = summary_from_tuple(r)
    return out


def pk_of(session: Session, article_id: str) -> int | None:
    return session.scalar(select(ArticleRow.pk).where(ArticleRow.uid == article_id))


def pks_of(session: Session, article_ids: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for start in range(0, len(article_ids), 900):
        chunk = list(article_ids[start : start + 900])
        for uid, pk in session.execute(
            select(ArticleRow.uid, ArticleRow.pk).where(ArticleRow.uid.in_(chunk))
        ):
            out[uid] = pk
    return out


def find_duplicate(session: Session, draft: ArticleDraft) -> str | None:
    """The id of an article already in the library that ``draft`` repeats, if any.

    Same id (a re-imported Folio export), same normalised URL, or same content.
    """
    if draft.id:
        found = session.scalar(select(ArticleRow.uid).where(ArticleRow.uid == draft.id))
        if found:
            return found
    key = normalize_url(draft.url)
    if key:
        found = session.scalar(select(ArticleRow.uid).where(ArticleRow.url_key == key).limit(1))
        if found:
            return found
    digest = content_hash(draft.body, draft.title)
    if digest:
        found = session.scalar(
            select(ArticleRow.uid).where(ArticleRow.content_hash == digest).limit(1)
        )
        if found:
            return found
    return None


def counts(session: Session) -> Counts:
    """The sidebar's numbers, as the triggers on ``articles`` keep them: one row read."""
    row = session.execute(
        select(
            CountsRow.live,
            CountsRow.unread,
            CountsRow.starred,
            CountsRow.archived,
            CountsRow.trashed,
            CountsRow.pending,
        ).where(CountsRow.id == 1)
    ).first()
    return Counts(*(int(x or 0) for x in row)) if row is not None else Counts()


def tag_counts(session: Session) -> list[tuple[str, int]]:
    """Every tag with the number of articles (not in Trash) that carry it, by name.

    Links are counted per tag from their index, and the few in the Trash taken away, rather
    than each link's article being looked up."""
    counted = select(ArticleTag.tag_id, func.count()).group_by(ArticleTag.tag_id)
    links: dict[int, int] = {tag_id: n for tag_id, n in session.execute(counted)}  # noqa: C416
    in_trash = select(ArticleRow.pk).where(ArticleRow.deleted_at.is_not(None))
    trashed = session.execute(counted.where(ArticleTag.article_pk.in_(in_trash)))
    for tag_id, n in trashed:
        links[tag_id] = links.get(tag_id, 0) - n
    rows = session.execute(select(TagRow.id, TagRow.name).order_by(TagRow.name))
    return [(name, int(links.get(tag_id, 0))) for tag_id, name in rows]


def site_counts(session: Session, limit: int = 200) -> list[tuple[str, int]]:
    """Sites (``site_name``) with their article counts, most articles first (counted in the
    site index, which carries the Trash marker)."""
    n = func.count().label("n")
    rows = session.execute(
        select(ArticleRow.site_name, n)
        .where(ArticleRow.deleted_at.is_(None), ArticleRow.site_name.is_not(None))
        .group_by(ArticleRow.site_name)
        .order_by(n.desc(), ArticleRow.site_name)
        .limit(limit)
    )
    return [(str(name), int(c)) for name, c in rows if name]


def tags_for(session: Session, article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each article's tags, in the article's order (articles with none map to ``()``)."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(article_ids), 900):
        chunk = list(article_ids[start : start + 900])
        for uid in session.scalars(select(ArticleRow.uid).where(ArticleRow.uid.in_(chunk))):
            out.setdefault(uid, [])
        rows = session.execute(
            select(ArticleRow.uid, TagRow.name)
            .join(ArticleTag, ArticleTag.article_pk == ArticleRow.pk)
            .join(TagRow, TagRow.id == ArticleTag.tag_id)
            .where(ArticleRow.uid.in_(chunk))
            .order_by(ArticleRow.uid, ArticleTag.position)
        )
        for uid, name in rows:
            out.setdefault(uid, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def all_tag_names(session: Session) -> list[str]:
    return list(session.scalars(select(TagRow.name).order_by(TagRow.name)))


def revisions(session: Session, article_id: str) -> list[Revision]:
    pk = pk_of(session, article_id)
    if pk is None:
        raise ArticleNotFoundError(article_id)
    rows = session.scalars(
        select(RevisionRow).where(RevisionRow.article_pk == pk).order_by(RevisionRow.id.desc())
    )
    return [_revision(r, article_id) for r in rows]


def revisions_of(session: Session, article_ids: Sequence[str]) -> dict[str, tuple[Revision, ...]]:
    """Each article's revisions, newest first (articles with none are left out)."""
    out: dict[str, list[Revision]] = {}
    for start in range(0, len(article_ids), 900):
        chunk = list(article_ids[start : start + 900])
        rows = session.execute(
            select(ArticleRow.uid, RevisionRow)
            .join(RevisionRow, RevisionRow.article_pk == ArticleRow.pk)
            .where(ArticleRow.uid.in_(chunk))
            .order_by(RevisionRow.article_pk, RevisionRow.id.desc())
        )
        for uid, row in rows:
            out.setdefault(uid, []).append(_revision(row, uid))
    return {uid: tuple(found) for uid, found in out.items()}


def _revision(row: RevisionRow, article_id: str) -> Revision:
    return Revision(
        id=row.id,
        article_id=article_id,
        saved_at=row.saved_at,
        title=row.title,
        body=row.body,
        fields=json.loads(row.fields or "{}"),
    )


def add_revisions(session: Session, article_pk: int, revisions: Iterable[Revision]) -> None:
    """Store revisions carried by an import, given newest first as they are listed and
    exported (stored oldest first, so their ids keep that order)."""
    session.add_all(
        RevisionRow(
            article_pk=article_pk,
            saved_at=r.saved_at,
            title=r.title,
            body=r.body,
            fields=json.dumps(r.fields, ensure_ascii=False),
        )
        for r in reversed(tuple(revisions))
    )


# --------------------------------------------------------------------------- writes
def _tag_rows(session: Session, names: Iterable[str]) -> list[TagRow]:
    """Tag rows for these names, created when new (names match without regard to case)."""
    wanted = list(clean_tags(list(names)))
    if not wanted:
        return []
    existing = {
        t.name.casefold(): t for t in session.scalars(select(TagRow).where(TagRow.name.in_(wanted)))
    }
    out: list[TagRow] = []
    for name in wanted:
        row = existing.get(name.casefold())
        if row is None:
            row = TagRow(name=name)
            session.add(row)
            existing[name.casefold()] = row
        out.append(row)
    session.flush()
    return out


def _set_tags(session: Session, row: ArticleRow, names: Iterable[str]) -> None:
    tags = _tag_rows(session, names)
    row.tag_links = [
        ArticleTag(article_pk=row.pk, tag_id=t.id, position=i) for i, t in enumerate(tags)
    ]
    row.tags_text = " ".join(t.name for t in tags)
    row.tag_keys = tag_keys_text(t.id for t in tags)


def _set_highlights(row: ArticleRow, highlights: Iterable[Highlight]) -> None:
    """Make the article's highlights these: rows of kept ids are updated in place (a new row
    with the same id would clash with the old one before it is deleted)."""
    wanted = list(highlights)
    existing = {h.uid: h for h in row.highlights}
    rows: list[HighlightRow] = []
    for h in wanted:
        found = existing.pop(h.id, None) if h.id else None
        if found is None:
            found = HighlightRow(uid=h.id or str(uuid.uuid4()))
        found.quote = h.quote
        found.prefix = h.prefix
        found.suffix = h.suffix
        found.note = h.note
        found.color = h.color
        found.created_at = h.created_at
        rows.append(found)
    row.highlights = rows
    row.highlights_text = "\n".join(h.quote + (f"\n{h.note}" if h.note else "") for h in wanted)


def _set_related(row: ArticleRow, related: Iterable[RelatedLink]) -> None:
    row.related = [
        RelatedRow(position=i, rel=r.rel, title=r.title, url=r.url) for i, r in enumerate(related)
    ]


def _apply_content(row: ArticleRow, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)
    row.words = word_count(row.body)
    row.url_key = normalize_url(row.url)
    row.content_hash = content_hash(row.body, row.title)


def insert_article(
    session: Session,
    draft: ArticleDraft,
    *,
    now: datetime,
    source_file: str | None = None,
    default_format: str = "folio",
) -> str:
    """Store a draft as a new article; return its id."""
    uid = draft.id or str(uuid.uuid4())
    # Tags first, then the row with every collection set before it is added: assigning a
    # collection to a row already flushed would first load it (a query per relation).
    tags = _tag_rows(session, draft.tags)
    row = ArticleRow(
        uid=uid,
        title_inferred=draft.title_inferred,
        read=draft.read,
        starred=draft.starred,
        archived=draft.archived,
        progress=max(0.0, min(1.0, float(draft.progress or 0.0))),
        content_pending=draft.content_pending,
        added_at=draft.added_at or now,
        updated_at=draft.updated_at or draft.added_at or now,
        deleted_at=None,
        version=1,
        tags_text=" ".join(t.name for t in tags),
        tag_keys=tag_keys_text(t.id for t in tags),
        highlights_text="",
        tag_links=[ArticleTag(tag_id=t.id, tag=t, position=i) for i, t in enumerate(tags)],
    )
    _apply_content(
        row,
        {
            "title": draft.title or "",
            "subtitle": draft.subtitle,
            "author": draft.author,
            "author_bio": draft.author_bio,
            "site_name": draft.site_name,
            "url": draft.url,
            "published_at": draft.published_at,
            "language": draft.language,
            "summary": draft.summary,
            "image_url": draft.image_url,
            "image_credit": draft.image_credit,
            "image_caption": draft.image_caption,
            "body": draft.body or "",
        },
    )
    _set_highlights(row, draft.highlights)
    _set_related(row, draft.related)
    if draft.source is not None:
        src = draft.source
        row.source = SourceRow(
            format=src.format,
            file=src.file,
            imported_at=src.imported_at,
            removed=json.dumps(list(src.removed), ensure_ascii=False),
        )
    else:
        row.source = SourceRow(
            format=draft.source_format or default_format,
            file=source_file,
            imported_at=now if source_file is not None else None,
            removed=json.dumps(list(draft.removed), ensure_ascii=False),
        )
    session.add(row)
    session.flush()
    if draft.revisions:
        add_revisions(session, row.pk, draft.revisions)
    return uid


def editable_fields(article: Article) -> dict[str, object]:
    """The editable fields of an article as JSON-compatible values (tags as a list)."""
    out: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(article, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def update_article(
    session: Session,
    edited: Article,
    *,
    now: datetime,
    keep_revision: bool = True,
    check_version: bool = True,
) -> bool:
    """Save the editable fields of ``edited`` over the stored article.

    The stored state is kept as a revision first. ``edited.version`` must be the stored version
    (the one the edit started from), else EditConflictError. Returns False when nothing changed.
    """
    row = get_row(session, edited.id)
    if check_version and row.version != edited.version:
        raise EditConflictError(edited.id, edited.version, row.version)
    before = to_article(row)
    old = editable_fields(before)
    new = editable_fields(edited)
    new["tags"] = list(clean_tags(new["tags"]))
    if old == new and before.title_inferred == edited.title_inferred:
        return False
    if keep_revision:
        session.add(
            RevisionRow(
                article_pk=row.pk,
                saved_at=before.updated_at,
                title=before.title,
                body=before.body,
                fields=json.dumps(old, ensure_ascii=False),
            )
        )
    content = {k: v for k, v in new.items() if k != "tags"}
    content["body"] = content["body"] or ""
    content["title"] = content["title"] or ""
    _apply_content(row, content)
    if old["tags"] != new["tags"]:
        _set_tags(session, row, new["tags"])  # type: ignore[arg-type]
    row.title_inferred = edited.title_inferred
    if row.body:
        row.content_pending = False
    row.version += 1
    row.updated_at = now
    session.flush()
    return True


def set_highlights(session: Session, article_id: str, highlights: Sequence[Highlight]) -> None:
    row = get_row(session, article_id)
    _set_highlights(row, highlights)
    session.flush()


def set_state(
    session: Session,
    article_ids: Sequence[str],
    *,
    read: bool | None = None,
    starred: bool | None = None,
    archived: bool | None = None,
    progress: float | None = None,
) -> list[str]:
    """Change reading state on many articles at once; return the ids that exist."""
    values: dict[str, Any] = {}
    if read is not None:
        values["read"] = read
    if starred is not None:
        values["starred"] = starred
    if archived is not None:
        values["archived"] = archived
    if progress is not None:
        values["progress"] = max(0.0, min(1.0, progress))
    if not values or not article_ids:
        return []
    done: list[str] = []
    for found in _existing(session, article_ids):
        session.execute(update(ArticleRow).where(ArticleRow.uid.in_(found)).values(**values))
        done.extend(found)
    return done


def set_tags_for(
    session: Session, article_ids: Sequence[str], add: Sequence[str], remove: Sequence[str]
) -> list[str]:
    """Add and remove tags on many articles; return the ids whose tags changed."""
    drop = {t.casefold() for t in clean_tags(list(remove))}
    changed: list[str] = []
    for article_id in article_ids:
        row = get_row(session, article_id)
        current = [link.tag.name for link in row.tag_links]
        new = [t for t in current if t.casefold() not in drop]
        new = list(clean_tags(new + list(add)))
        if new != current:
            _set_tags(session, row, new)
            changed.append(article_id)
    session.flush()
    return changed


def _refresh_tags_text(session: Session, pks: Iterable[int]) -> None:
    """Rewrite the indexed tag names and keys of these articles from their tag links."""
    for pk in pks:
        tags = session.execute(
            select(TagRow.id, TagRow.name)
            .join(ArticleTag, ArticleTag.tag_id == TagRow.id)
            .where(ArticleTag.article_pk == pk)
            .order_by(ArticleTag.position)
        ).all()
        session.execute(
            update(ArticleRow)
            .where(ArticleRow.pk == pk)
            .values(
                tags_text=" ".join(name for _id, name in tags),
                tag_keys=tag_keys_text(tag_id for tag_id, _name in tags),
            )
        )


def _tag_row(session: Session, name: str) -> TagRow:
    row = session.scalar(select(TagRow).where(TagRow.name == normalize_tag(name)))
    if row is None:
        raise FolioError(f"there is no tag called “{name}”")
    return row


def _uids(session: Session, pks: Sequence[int]) -> list[str]:
    if not pks:
        return []
    return list(session.scalars(select(ArticleRow.uid).where(ArticleRow.pk.in_(pks))))


def rename_tag(session: Session, old: str, new: str) -> list[str]:
    """Rename a tag; renaming it to another tag's name merges the two. Returns the ids of the
    articles whose tags changed."""
    target_name = normalize_tag(new)
    if not target_name:
        raise FolioError("a tag needs a name")
    source = _tag_row(session, old)
    pks = list(session.scalars(select(ArticleTag.article_pk).where(ArticleTag.tag_id == source.id)))
    target = session.scalar(
        select(TagRow).where(TagRow.name == target_name, TagRow.id != source.id)
    )
    if target is None:
        if source.name == target_name:
            return []
        source.name = target_name
        session.flush()
    else:
        has_target = set(
            session.scalars(
                select(ArticleTag.article_pk).where(
                    ArticleTag.tag_id == target.id, ArticleTag.article_pk.in_(pks)
                )
            )
        )
        session.execute(
            delete(ArticleTag).where(
                ArticleTag.tag_id == source.id, ArticleTag.article_pk.in_(has_target)
            )
        )
        session.execute(
            update(ArticleTag).where(ArticleTag.tag_id == source.id).values(tag_id=target.id)
        )
        session.execute(delete(TagRow).where(TagRow.id == source.id))
    session.expire_all()
    _refresh_tags_text(session, pks)
    return _uids(session, pks)


def delete_tag(session: Session, name: str) -> list[str]:
    """Take a tag off every article and forget it; returns the ids of those articles."""
    row = _tag_row(session, name)
    pks = list(session.scalars(select(ArticleTag.article_pk).where(ArticleTag.tag_id == row.id)))
    session.execute(delete(ArticleTag).where(ArticleTag.tag_id == row.id))
    session.execute(delete(TagRow).where(TagRow.id == row.id))
    session.expire_all()
    _refresh_tags_text(session, pks)
    return _uids(session, pks)


def _existing(session: Session, article_ids: Sequence[str], *conds: Any) -> Iterator[list[str]]:
    """Chunks of ``article_ids`` (in the given order) that exist and meet ``conds``; chunked
    to stay under SQLite's limit on bound parameters."""
    for start in range(0, len(article_ids), 900):
        chunk = list(article_ids[start : start + 900])
        keep = set(session.scalars(select(ArticleRow.uid).where(ArticleRow.uid.in_(chunk), *conds)))
        yield [u for u in chunk if u in keep]


def trash(session: Session, article_ids: Sequence[str], *, now: datetime) -> list[str]:
    """Move articles to the Trash; return the ids that were not there already."""
    done: list[str] = []
    for found in _existing(session, article_ids, ArticleRow.deleted_at.is_(None)):
        session.execute(update(ArticleRow).where(ArticleRow.uid.in_(found)).values(deleted_at=now))
        done.extend(found)
    return done


def restore(session: Session, article_ids: Sequence[str]) -> list[str]:
    """Bring articles back from the Trash; return the ids that were in it."""
    done: list[str] = []
    for found in _existing(session, article_ids, ArticleRow.deleted_at.is_not(None)):
        session.execute(update(ArticleRow).where(ArticleRow.uid.in_(found)).values(deleted_at=None))
        done.extend(found)
    return done


def purge(session: Session, article_ids: Sequence[str]) -> list[str]:
    """Delete articles for good (their tags links, highlights and revisions go with them)."""
    done: list[str] = []
    for found in _existing(session, article_ids):
        session.execute(delete(ArticleRow).where(ArticleRow.uid.in_(found)))
        done.extend(found)
    return done


def trashed_ids(session: Session) -> list[str]:
    return list(session.scalars(select(ArticleRow.uid).where(ArticleRow.deleted_at.is_not(None))))


def delete_unused_tags(session: Session) -> None:
    session.execute(
        delete(TagRow).where(
            ~select(ArticleTag.tag_id).where(ArticleTag.tag_id == TagRow.id).exists()
        )
    )
