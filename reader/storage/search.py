"""Turning a list query or a search into SQL: filters, FTS5 match expressions, order, snippets.

The FTS5 expression is built from the parsed query with every term quoted, so what the user
types can never be an FTS5 syntax error: a query the parser does not understand is words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    TextClause,
    and_,
    bindparam,
    column,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session

from reader.domain.query import ListQuery, SearchHit, SearchQuery, SortKey, View
from reader.storage.models import ArticleRow, ArticleTag, HighlightRow, TagRow
from reader.storage.repository import SUMMARY_COLUMNS

FTS = table("articles_fts", column("rowid"))
FTS_TABLE: ColumnElement[Any] = literal_column("articles_fts")
#: BM25 weights of title, author, body, tags and highlights: a word in the title counts most.
BM25 = "bm25(articles_fts, 10.0, 4.0, 1.0, 6.0, 3.0)"
SNIPPET_TOKENS = 18


def _quote(term: str) -> str:
    """One term as an FTS5 string: a phrase stays a phrase, ``word*`` stays a prefix."""
    prefix = term.endswith("*") and not term.startswith('"')
    core = term.rstrip("*") if prefix else term
    if core.startswith('"') and core.endswith('"') and len(core) >= 2:
        core = core[1:-1]
    core = core.replace('"', '""')
    return f'"{core}"' + ("*" if prefix and core else "")


def match_expression(q: SearchQuery) -> str | None:
    """The FTS5 MATCH text for the query's words, or None when it has none."""
    groups = []
    for group in q.groups:
        alts = [_quote(t) for t in group if t.strip('"*')]
        if not alts:
            continue
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return " AND ".join(groups) if groups else None


def _excluded_expression(q: SearchQuery) -> str | None:
    terms = [_quote(t) for t in q.excluded if t.strip('"*')]
    return " OR ".join(terms) if terms else None


def _match(expression: str) -> TextClause:
    """``articles_fts MATCH <expression>``, with a bind name of its own so two can coexist."""
    return text("articles_fts MATCH :e").bindparams(bindparam("e", expression, unique=True))


def _fts_pks(expression: str) -> Select[Any]:
    return select(literal_column("rowid")).select_from(FTS).where(_match(expression))


def _tag_filter(name: str) -> ColumnElement[bool]:
    sub = (
        select(ArticleTag.article_pk)
        .join(TagRow, TagRow.id == ArticleTag.tag_id)
        .where(TagRow.name == name)
    )
    return ArticleRow.pk.in_(sub)


def _contains(col: Any, value: str) -> ColumnElement[bool]:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    condition: ColumnElement[bool] = col.ilike(f"%{escaped}%", escape="\\")
    return condition


def _site_filter(value: str) -> ColumnElement[bool]:
    host = value.casefold().removeprefix("www.")
    return or_(
        _contains(ArticleRow.site_name, value),
        ArticleRow.url_key.like(f"{host}%"),
        ArticleRow.url_key.like(f"%.{host}%"),
    )


def _lang_filter(value: str) -> ColumnElement[bool]:
    return or_(ArticleRow.language == value, ArticleRow.language.like(f"{value}-%"))


def _day(d: date) -> str:
    return d.isoformat()


def _flag(flag: str) -> ColumnElement[bool]:
    return {
        "unread": ArticleRow.read.is_(False),
        "read": ArticleRow.read.is_(True),
        "starred": ArticleRow.starred.is_(True),
        "unstarred": ArticleRow.starred.is_(False),
        "archived": ArticleRow.archived.is_(True),
        "unarchived": ArticleRow.archived.is_(False),
        "trash": ArticleRow.deleted_at.is_not(None),
        "pending": ArticleRow.content_pending.is_(True),
        "highlighted": ArticleRow.pk.in_(select(HighlightRow.article_pk)),
    }.get(flag, true())


def conditions(lq: ListQuery, q: SearchQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a list query with its parsed search, text match excluded."""
    wants_trash = lq.view is View.TRASH or "trash" in q.flags
    conds: list[ColumnElement[bool]] = [
        ArticleRow.deleted_at.is_not(None) if wants_trash else ArticleRow.deleted_at.is_(None)
    ]
    if lq.view is View.UNREAD:
        conds.append(ArticleRow.read.is_(False))
    elif lq.view is View.STARRED:
        conds.append(ArticleRow.starred.is_(True))
    elif lq.view is View.ARCHIVE:
        conds.append(ArticleRow.archived.is_(True))
    if lq.tag:
        conds.append(_tag_filter(lq.tag))
    if lq.site:
        conds.append(ArticleRow.site_name == lq.site)
    conds.extend(_tag_filter(t) for t in q.tags)
    conds.extend(not_(_tag_filter(t)) for t in q.not_tags)
    conds.extend(_contains(ArticleRow.author, a) for a in q.authors)
    conds.extend(
        or_(ArticleRow.author.is_(None), not_(_contains(ArticleRow.author, a)))
        for a in q.not_authors
    )
    conds.extend(_site_filter(s) for s in q.sites)
    conds.extend(not_(_site_filter(s)) for s in q.not_sites)
    if q.langs:
        conds.append(or_(*(_lang_filter(x) for x in q.langs)))
    conds.extend(or_(ArticleRow.language.is_(None), not_(_lang_filter(x))) for x in q.not_langs)
    conds.extend(_flag(f) for f in q.flags if f != "trash")
    conds.extend(not_(_flag(f)) for f in q.not_flags if f != "trash")
    if "trash" in q.not_flags and wants_trash:
        conds.append(false())
    day = func.substr(func.coalesce(ArticleRow.published_at, func.date(ArticleRow.added_at)), 1, 10)
    if q.before:
        conds.append(day < _day(q.before))
    if q.after:
        conds.append(day > _day(q.after))
    excluded = _excluded_expression(q)
    if excluded:
        conds.append(ArticleRow.pk.not_in(_fts_pks(excluded)))
    return conds


def _order(sort: SortKey, descending: bool) -> list[Any]:
    col: Any = {
        SortKey.ADDED: ArticleRow.added_at,
        SortKey.PUBLISHED: ArticleRow.published_at,
        SortKey.TITLE: ArticleRow.title,
        SortKey.AUTHOR: ArticleRow.author,
        SortKey.SITE: ArticleRow.site_name,
        SortKey.READING_TIME: ArticleRow.words,
        SortKey.PROGRESS: ArticleRow.progress,
    }.get(sort, ArticleRow.added_at)
    if sort in (SortKey.PUBLISHED, SortKey.AUTHOR, SortKey.SITE):
        # Articles with no value sort last whichever the direction.
        return [col.is_(None), col.desc() if descending else col.asc(), ArticleRow.pk.desc()]
    return [
        col.desc() if descending else col.asc(),
        ArticleRow.pk.desc() if descending else ArticleRow.pk.asc(),
    ]


def ordered_keys(session: Session, lq: ListQuery) -> list[int]:
    """Row keys of every article the list query shows, in display order."""
    q = lq.parsed
    expression = match_expression(q)
    conds = conditions(lq, q)
    if expression is None:
        stmt = select(ArticleRow.pk).where(and_(*conds)).order_by(*_order(lq.sort, lq.descending))
        return list(session.scalars(stmt))
    fts = _match(expression)
    stmt = (
        select(ArticleRow.pk)
        .select_from(FTS)
        .join(ArticleRow, ArticleRow.pk == literal_column("articles_fts.rowid"))
        .where(fts, *conds)
    )
    if lq.sort is SortKey.RELEVANCE:
        stmt = stmt.order_by(literal_column(BM25), ArticleRow.pk.desc())
    else:
        stmt = stmt.order_by(*_order(lq.sort, lq.descending))
    return list(session.scalars(stmt))


def snippets(
    session: Session, pks: Sequence[int], q: SearchQuery, mark: tuple[str, str]
) -> dict[int, str]:
    """Body snippets with the matched words between ``mark`` for these row keys."""
    expression = match_expression(q)
    if expression is None or not pks:
        return {}
    stmt = text(
        "SELECT rowid, snippet(articles_fts, -1, :a, :b, '…', :n) FROM articles_fts "
        "WHERE articles_fts MATCH :e AND rowid IN (" + ",".join(str(int(k)) for k in pks) + ")"
    ).bindparams(a=mark[0], b=mark[1], n=SNIPPET_TOKENS, e=expression)
    return {int(r[0]): str(r[1]) for r in session.execute(stmt)}


def search(
    session: Session,
    q: SearchQuery,
    *,
    limit: int,
    offset: int = 0,
    mark: tuple[str, str] = ("**", "**"),
) -> tuple[int, list[SearchHit]]:
    """Ranked search hits (best first) with snippets, and the number of matches in all."""
    lq = ListQuery(search=q.text, sort=SortKey.RELEVANCE)
    expression = match_expression(q)
    conds = conditions(lq, q)
    if expression is None:
        base = select(*SUMMARY_COLUMNS).where(and_(*conds))
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        rows = session.execute(
            base.order_by(ArticleRow.added_at.desc(), ArticleRow.pk.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        hits = [
            SearchHit(id=r[1], title=r[2], author=r[4], published_at=r[6], snippet="", score=0.0)
            for r in rows
        ]
        return int(total), hits
    fts = _match(expression)
    join = (
        select()
        .select_from(FTS)
        .join(ArticleRow, ArticleRow.pk == literal_column("articles_fts.rowid"))
        .where(fts, *conds)
    )
    total = session.scalar(join.with_only_columns(func.count())) or 0
    snippet = func.snippet(FTS_TABLE, -1, mark[0], mark[1], "…", SNIPPET_TOKENS)
    found: Sequence[Any] = session.execute(
        join.with_only_columns(
            ArticleRow.uid,
            ArticleRow.title,
            ArticleRow.author,
            ArticleRow.published_at,
            snippet,
            literal_column(BM25),
        )
        .order_by(literal_column(BM25), ArticleRow.pk.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    hits = [
        SearchHit(
            id=r[0],
            title=r[1],
            author=r[2],
            published_at=r[3],
            snippet=str(r[4] or ""),
            score=round(-float(r[5]), 6),
        )
        for r in found
    ]
    return int(total), hits
