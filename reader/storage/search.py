"""Turning a list query or a search into SQL: filters, FTS5 match expressions, order, snippets.

The FTS5 expression is built from the parsed query with every term quoted, so what the user
types can never be an FTS5 syntax error: a query the parser does not understand is words.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
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
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from reader.domain.errors import QueryCancelled
from reader.domain.query import ListQuery, SearchHit, SearchQuery, SortKey, View
from reader.storage.models import ArticleRow, ArticleTag, HighlightRow, TagRow
from reader.storage.repository import SUMMARY_COLUMNS

FTS = table("articles_fts", column("rowid"))
FTS_TABLE: ColumnElement[Any] = literal_column("articles_fts")
#: BM25 weights of title, author, body, tags and highlights: a word in the title counts most.
BM25 = "bm25(articles_fts, 10.0, 4.0, 1.0, 6.0, 3.0)"
#: The same ranking as FTS5's ``rank`` for one query. Ordering by ``rank`` lets FTS5 sort the
#: matches itself, so a LIMIT stops early and snippets are made only for the rows returned;
#: ordering by a bm25() expression made SQLite build a snippet for every match before sorting.
RANK_FUNCTION = "bm25(10.0, 4.0, 1.0, 6.0, 3.0)"
RANK: ColumnElement[Any] = literal_column("articles_fts.rank")
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


def _ranked(expression: str) -> list[TextClause]:
    """The MATCH of a ranked search and the ranking it is to be ordered by."""
    return [
        _match(expression),
        text("articles_fts.rank MATCH :rank_function").bindparams(rank_function=RANK_FUNCTION),
    ]


def _filters_only_trash(lq: ListQuery, q: SearchQuery) -> bool:
    """Whether a query's only condition besides its words is leaving the Trash out."""
    bare = replace(q, groups=(), text="")
    return bare.is_empty and lq.view is View.ALL and not lq.tag and not lq.site


def _trashed_matches(session: Session, expression: str) -> set[int]:
    """Row keys of the articles in the Trash that match: few, found one indexed probe each."""
    trashed = select(ArticleRow.pk).where(ArticleRow.deleted_at.is_not(None)).scalar_subquery()
    stmt: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(FTS)
        .where(_match(expression), literal_column("rowid").in_(trashed))
    )
    return {int(k) for k in session.scalars(stmt)}


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


_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.ADDED: ArticleRow.added_at,
    SortKey.PUBLISHED: ArticleRow.published_at,
    SortKey.TITLE: ArticleRow.title,
    SortKey.AUTHOR: ArticleRow.author,
    SortKey.SITE: ArticleRow.site_name,
    SortKey.READING_TIME: ArticleRow.words,
    SortKey.PROGRESS: ArticleRow.progress,
}
#: Sorts whose column may be empty: articles with no value come last whichever the direction.
_NULLS_LAST = (SortKey.PUBLISHED, SortKey.AUTHOR, SortKey.SITE)


def _order(sort: SortKey, descending: bool) -> list[Any]:
    col = _SORT_COLUMNS.get(sort, ArticleRow.added_at)
    if sort in _NULLS_LAST:
        return [col.is_(None), col.desc() if descending else col.asc(), ArticleRow.pk.desc()]
    return [
        col.desc() if descending else col.asc(),
        ArticleRow.pk.desc() if descending else ArticleRow.pk.asc(),
    ]


def _index_ordered(lq: ListQuery, conds: list[ColumnElement[bool]]) -> list[Select[Any]]:
    """The list's keys as queries that each read one sort index in its own order.

    A sort with empty values is two queries, the articles with a value (ties broken by row
    key in the same direction) then those without (newest first): ``ORDER BY col IS NULL``
    would have made SQLite sort the whole view."""
    col = _SORT_COLUMNS.get(lq.sort, ArticleRow.added_at)
    key = ArticleRow.pk.desc() if lq.descending else ArticleRow.pk.asc()
    ordered = col.desc() if lq.descending else col.asc()
    base = select(ArticleRow.pk).where(and_(*conds))
    if lq.sort not in _NULLS_LAST:
        return [base.order_by(ordered, key)]
    return [
        base.where(col.is_not(None)).order_by(ordered, key),
        base.where(col.is_(None)).order_by(ArticleRow.pk.desc()),
    ]


#: SQLite virtual machine steps between two looks at a read's cancel flag (about a millisecond).
CANCEL_CHECK_STEPS = 50_000


@contextmanager
def _stoppable(session: Session, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Reads in this block stop (QueryCancelled) soon after ``cancelled()`` turns true."""
    if cancelled is None:
        yield
        return
    driver = session.connection().connection.driver_connection
    driver.set_progress_handler(lambda: 1 if cancelled() else 0, CANCEL_CHECK_STEPS)  # type: ignore[union-attr]
    try:
        yield
    except (sqlite3.OperationalError, DBAPIError) as exc:
        if cancelled():
            raise QueryCancelled("the read was cancelled") from exc
        raise
    finally:
        driver.set_progress_handler(None, 0)  # type: ignore[union-attr]


def ordered_keys(
    session: Session,
    lq: ListQuery,
    limit: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[int]:
    """Row keys of every article the list query shows, in display order; with ``limit``,
    only the first ones (the same as the full list's first, as every order ends on the row
    key; relevance ties aside), read with ``LIMIT`` so SQLite stops as soon as it has them.
    ``cancelled()`` turning true stops the read with QueryCancelled."""
    with _stoppable(session, cancelled):
        return _ordered_keys(session, lq, limit)


def _ordered_keys(session: Session, lq: ListQuery, limit: int | None) -> list[int]:
    q = lq.parsed
    expression = match_expression(q)
    conds = conditions(lq, q)

    def index_ordered(extra: list[ColumnElement[bool]]) -> list[int]:
        keys: list[int] = []
        for stmt in _index_ordered(lq, [*conds, *extra]):
            if limit is not None:
                if len(keys) >= limit:
                    break
                stmt = stmt.limit(limit - len(keys))
            keys.extend(_first_column(session, stmt))
        return keys

    if expression is None:
        return index_ordered([])
    if lq.sort is SortKey.RELEVANCE and _filters_only_trash(lq, q):
        # FTS5 ranks and sorts on its own; the few matches in the Trash are taken out after,
        # instead of looking up every match's row to check it is not in the Trash.
        trashed = _trashed_matches(session, expression)
        ranked: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(FTS)
            .where(*_ranked(expression))
            .order_by(RANK)
        )
        if limit is not None:
            ranked = ranked.limit(limit + len(trashed))
        keys = _first_column(session, ranked)
        kept = [k for k in keys if k not in trashed] if trashed else list(keys)
        return kept if limit is None else kept[:limit]
    if lq.sort is SortKey.RELEVANCE:
        ranked = (
            select(literal_column("rowid"))
            .select_from(FTS)
            .where(*_ranked(expression), _passing(conds))
            .order_by(RANK)
        )
        return _first_column(session, ranked if limit is None else ranked.limit(limit))
    # In another order the sort index leads, each article checked against the set of matches.
    return index_ordered([ArticleRow.pk.in_(_fts_pks(expression))])


def _kept(lq: ListQuery, q: SearchQuery, conds: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """``_passing``, or when the Trash is the only filter, not in the Trash (a small set)."""
    if _filters_only_trash(lq, q):
        trashed = select(ArticleRow.pk).where(ArticleRow.deleted_at.is_not(None))
        return literal_column("+articles_fts.rowid").not_in(trashed)
    return _passing(conds)


def _passing(conds: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """For a query over the full-text index: the match's article meets ``conds``.

    The articles that do are found once, from the indexes that carry the columns the filters
    read, into a set each match is checked against; joining each match to its row instead
    read the whole row (the state columns sit after the body) for every match. The unary
    ``+`` keeps FTS5 from taking the set as a list of rows to look up one by one."""
    return literal_column("+articles_fts.rowid").in_(select(ArticleRow.pk).where(*conds))


_PLAIN = (str, int, float, bytes, type(None))


def _first_column(session: Session, stmt: Select[Any]) -> list[int]:
    """The first column of every row, in order, as one JSON array made by SQLite.

    A list's keys are up to a whole library of rows: building a Python row for each (let
    alone SQLAlchemy's result handling) cost several times SQLite's own work, and one array
    parsed at once is several times cheaper. SQLite does not flatten an ordered subquery into
    an aggregate, so the array keeps the order. Statements whose parameters need converting
    go the usual way."""
    first = stmt.selected_columns[0].label("k")
    inner = stmt.with_only_columns(first).subquery()
    wrapped = select(func.json_group_array(inner.c.k))
    compiled = wrapped.compile(dialect=session.get_bind().dialect)
    values = compiled.construct_params()
    params = [values[name] for name in compiled.positiontup or ()]
    if not all(isinstance(v, _PLAIN) for v in params):
        return [int(k) for k in session.scalars(stmt)]
    driver = session.connection().connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        row = cursor.execute(compiled.string, params).fetchone()
    finally:
        cursor.close()
    keys: list[int] = json.loads(row[0]) if row and row[0] else []
    return keys


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


def _count(
    session: Session,
    lq: ListQuery,
    q: SearchQuery,
    expression: str,
    conds: list[ColumnElement[bool]],
) -> int:
    """How many articles match in all. Counting in FTS5 alone reads only the index; the rows
    are looked at only when there are filters to apply."""
    if _filters_only_trash(lq, q):
        matches = select(func.count()).select_from(FTS).where(_match(expression))
        return int(session.scalar(matches) or 0) - len(_trashed_matches(session, expression))
    counted = select(func.count()).select_from(FTS).where(_match(expression), _passing(conds))
    return int(session.scalar(counted) or 0)


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
    snippet = func.snippet(FTS_TABLE, -1, mark[0], mark[1], "…", SNIPPET_TOKENS)
    found: Sequence[Any] = session.execute(
        select(
            ArticleRow.uid,
            ArticleRow.title,
            ArticleRow.author,
            ArticleRow.published_at,
            snippet,
            RANK,
        )
        .select_from(FTS)
        .join(ArticleRow, ArticleRow.pk == literal_column("articles_fts.rowid"))
        .where(*_ranked(expression), _kept(lq, q, conds))
        .order_by(RANK)
        .limit(limit)
        .offset(offset)
    ).all()
    total = _count(session, lq, q, expression, conds)
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
