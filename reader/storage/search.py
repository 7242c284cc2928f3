"""Turning a list query or a search into SQL: filters, FTS5 match expressions, order, snippets.

The FTS5 expression is built from the parsed query with every term quoted, so what the user
types can never be an FTS5 syntax error: a query the parser does not understand is words.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
from reader.storage.models import ArticleRow, ArticleTag, HighlightRow, TagRow, tag_key
from reader.storage.repository import SUMMARY_COLUMNS

FTS = table("articles_fts", column("rowid"))
#: A match's relevance as FTS5's bm25 gives it (lower is better), with the weights of title,
#: author, body, tags and highlights: a word in the title counts most. The tags' keys weigh
#: nothing: they only narrow a search to a tag (see ``_narrowed``).
#:
#: Matches are ordered by this expression rather than by FTS5's ``rank``: for ``ORDER BY rank``
#: FTS5 runs the query again inside itself and sorts every match before SQLite sees the first
#: (122 ms for a word in all of 100,000 articles), where SQLite's own sorter keeps only the
#: LIMIT's best rows (82 ms), and a filter tests each match before its score is computed (a
#: word searched within a tag of 14,000 articles: 33 ms instead of 167). Ties go to the older
#: row, so a view's first rows are the start of all its rows.
BM25: ColumnElement[Any] = literal_column("bm25(articles_fts, 10.0, 4.0, 1.0, 6.0, 3.0, 0.0)")
BEST_FIRST: tuple[ColumnElement[Any], ...] = (BM25, literal_column("articles_fts.rowid"))
SNIPPET_TOKENS = 18


def _quote(term: str) -> str:
    """One term as an FTS5 string: a phrase stays a phrase, ``word*`` stays a prefix."""
    prefix = term.endswith("*") and not term.startswith('"')
    core = term.rstrip("*") if prefix else term
    if core.startswith('"') and core.endswith('"') and len(core) >= 2:
        core = core[1:-1]
    core = core.replace('"', '""')
    return f'"{core}"' + ("*" if prefix and core else "")


#: The index's columns a user's words are looked for in: all but the tags' keys.
TEXT_COLUMNS = "{title author body tags_text highlights_text}"


def _in_text(expression: str) -> str:
    return f"{TEXT_COLUMNS} : ({expression})"


def match_expression(q: SearchQuery) -> str | None:
    """The FTS5 MATCH text for the query's words, or None when it has none."""
    groups = []
    for group in q.groups:
        alts = [_quote(t) for t in group if t.strip('"*')]
        if not alts:
            continue
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return _in_text(" AND ".join(groups)) if groups else None


def _excluded_expression(q: SearchQuery) -> str | None:
    terms = [_quote(t) for t in q.excluded if t.strip('"*')]
    return _in_text(" OR ".join(terms)) if terms else None


def _narrowed(session: Session, lq: ListQuery, q: SearchQuery, expression: str) -> str | None:
    """The match expression with the tags an article must have or lack, and the words left
    out, added for FTS5 to apply; None when a tag it needs does not exist (nothing matches).

    FTS5 steps through the lists of the words' and the tags' matches side by side, so only
    the matches within the tags reach SQLite: a word in all of 100,000 articles searched
    within a tag of 14,000 is ranked in 23 ms, where testing each of its matches against the
    tag's articles took 41."""
    wanted, unwanted = _tags_of(lq, q), q.not_tags
    names = set(wanted) | set(unwanted)
    ids: dict[str, int] = {}
    if names:
        ids = {
            str(name): int(tag_id)
            for name, tag_id in session.execute(
                select(TagRow.name, TagRow.id).where(TagRow.name.in_(names))
            )
        }
    for name in wanted:
        if name not in ids:
            return None
        expression = f"({expression}) AND tag_keys : {tag_key(ids[name])}"
    for name in unwanted:
        if name in ids:
            expression = f"({expression}) NOT tag_keys : {tag_key(ids[name])}"
    excluded = _excluded_expression(q)
    if excluded:
        expression = f"({expression}) NOT ({excluded})"
    return expression


def _match(expression: str) -> TextClause:
    """``articles_fts MATCH <expression>``, with a bind name of its own so two can coexist."""
    return text("articles_fts MATCH :e").bindparams(bindparam("e", expression, unique=True))


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


def _tag_keys(name: str) -> Select[Any]:
    """Row keys of the articles with this tag (read from the tag's index entries)."""
    return (
        select(ArticleTag.article_pk)
        .join(TagRow, TagRow.id == ArticleTag.tag_id)
        .where(TagRow.name == name)
    )


def _tag_filter(name: str, *, per_row: bool = False) -> ColumnElement[bool]:
    """The article has this tag. ``per_row``: looked up for each article the query reads,
    for reads that stop early (``LIMIT``): the first 100 rows of a tag with 14,000 articles
    are found in 0.2 ms this way, where collecting the whole tag first took 5 ms (25 cold).
    A read of every row is quicker with the tag's articles collected once."""
    if not per_row:
        return ArticleRow.pk.in_(_tag_keys(name))
    tag_id = select(TagRow.id).where(TagRow.name == name).scalar_subquery()
    return (
        select(ArticleTag.article_pk)
        .where(ArticleTag.article_pk == ArticleRow.pk, ArticleTag.tag_id == tag_id)
        .exists()
    )


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


def _wants_trash(lq: ListQuery, q: SearchQuery) -> bool:
    return lq.view is View.TRASH or "trash" in q.flags


def _trash_condition(lq: ListQuery, q: SearchQuery) -> ColumnElement[bool]:
    """In the Trash when the query asks for it, else out of it."""
    deleted = ArticleRow.deleted_at
    return deleted.is_not(None) if _wants_trash(lq, q) else deleted.is_(None)


def conditions(
    lq: ListQuery, q: SearchQuery, *, per_row: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a list query with its parsed search, text match excluded.
    ``per_row``: for a read that stops early (see ``_tag_filter``)."""
    conds = [_trash_condition(lq, q)]
    conds.extend(_tag_filter(t, per_row=per_row) for t in _tags_of(lq, q))
    conds.extend(not_(_tag_filter(t)) for t in q.not_tags)
    conds.extend(_row_conditions(lq, q))
    excluded = _excluded_expression(q)
    if excluded:
        conds.append(ArticleRow.pk.not_in(_fts_pks(excluded)))
    return conds


def _tags_of(lq: ListQuery, q: SearchQuery) -> tuple[str, ...]:
    """The tags an article must have: the sidebar's and the query's."""
    return ((lq.tag,) if lq.tag else ()) + q.tags


def _row_conditions(lq: ListQuery, q: SearchQuery) -> list[ColumnElement[bool]]:
    """The conditions on the article's own columns, the Trash aside."""
    conds: list[ColumnElement[bool]] = []
    if lq.view is View.UNREAD:
        conds.append(ArticleRow.read.is_(False))
    elif lq.view is View.STARRED:
        conds.append(ArticleRow.starred.is_(True))
    elif lq.view is View.ARCHIVE:
        conds.append(ArticleRow.archived.is_(True))
    if lq.site:
        conds.append(ArticleRow.site_name == lq.site)
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
    if "trash" in q.not_flags and _wants_trash(lq, q):
        conds.append(false())
    day = func.substr(func.coalesce(ArticleRow.published_at, func.date(ArticleRow.added_at)), 1, 10)
    if q.before:
        conds.append(day < _day(q.before))
    if q.after:
        conds.append(day > _day(q.after))
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
    if expression is not None and lq.sort is SortKey.RELEVANCE:
        m = _matches(session, lq, q, expression)
        ranked = _ranked(session, m, limit, scores=False) if m is not None else []
        return [key for key, _score in ranked]
    conds = conditions(lq, q, per_row=limit is not None)
    if expression is not None:
        # In another order the sort index leads, each article checked against the matches.
        conds.append(ArticleRow.pk.in_(_fts_pks(expression)))
    keys: list[int] = []
    for stmt in _index_ordered(lq, conds):
        if limit is not None:
            if len(keys) >= limit:
                break
            stmt = stmt.limit(limit - len(keys))
        keys.extend(_first_column(session, stmt))
    return keys


@dataclass(frozen=True, slots=True)
class _Matches:
    """How a list query's matches are read: the MATCH expression with its tags and left-out
    words (``_narrowed``), tests of its other conditions (``_match_filters``), and the Trash's
    matches to take out afterwards when leaving the Trash out is the only condition."""

    expression: str
    filters: list[ColumnElement[bool]]
    trashed: frozenset[int]


def _matches(session: Session, lq: ListQuery, q: SearchQuery, expression: str) -> _Matches | None:
    """None when nothing can match (a tag the query needs does not exist)."""
    narrowed = _narrowed(session, lq, q, expression)
    if narrowed is None:
        return None
    filters = _match_filters(lq, q)
    if filters is None:
        # Nothing to filter by but the Trash: its few matches are taken out afterwards, so
        # no match is tested against anything.
        return _Matches(narrowed, [], frozenset(_trashed_matches(session, narrowed)))
    return _Matches(narrowed, filters, frozenset())


def _ranked(
    session: Session,
    m: _Matches,
    limit: int | None,
    *,
    offset: int = 0,
    scores: bool = True,
) -> list[tuple[int, float]]:
    """The matches, best first, as (row key, bm25 score); without ``scores`` the scores are 0
    (all the keys of a large view come back as one array)."""
    stmt: Select[Any] = (
        select(literal_column("articles_fts.rowid"), BM25)
        .select_from(FTS)
        .where(_match(m.expression), *m.filters)
        .order_by(*BEST_FIRST)
    )
    if limit is not None:
        stmt = stmt.limit(offset + limit + len(m.trashed))
    if scores:
        rows = [(int(r[0]), float(r[1])) for r in session.execute(stmt)]
    else:
        rows = [(k, 0.0) for k in _first_column(session, stmt)]
    if m.trashed:
        rows = [row for row in rows if row[0] not in m.trashed]
    return rows[offset:] if limit is None else rows[offset : offset + limit]


def _match_filters(lq: ListQuery, q: SearchQuery) -> list[ColumnElement[bool]] | None:
    """The list query's conditions on the articles' own columns as tests of a full-text
    match's row key; None when leaving out the Trash is all there is to it (``_ranked`` does
    that afterwards). Tags and words left out are FTS5's to apply (``_narrowed``).

    The test is against the set of row keys SQLite reads once, from an index, of the articles
    that meet the conditions; a match is tested before its score is computed. Testing each
    match against its own row read the whole row (the state columns sit after the body). The
    unary ``+`` keeps FTS5 from taking the set as a list of rows to look up one by one."""
    key: ColumnElement[Any] = literal_column("+articles_fts.rowid")
    rest = _row_conditions(lq, q)
    if rest:
        return [key.in_(select(ArticleRow.pk).where(_trash_condition(lq, q), *rest))]
    if _wants_trash(lq, q):
        return [key.in_(select(ArticleRow.pk).where(ArticleRow.deleted_at.is_not(None)))]
    return None


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


#: A page of results this large a share of all the matches (or more) gets its snippets while
#: FTS5 walks every match, not by looking each row up: at 2,000 phrase matches, 2,000 lookups
#: cost twice the walk, while 50 lookups among 100,000 matches cost a sixth of it.
SNIPPETS_BY_WALK = 1 / 16


def snippets(
    session: Session,
    pks: Sequence[int],
    q: SearchQuery,
    mark: tuple[str, str],
    *,
    matches: int | None = None,
) -> dict[int, str]:
    """Body snippets with the matched words between ``mark`` for these row keys, out of
    ``matches`` matches in all (when known: see SNIPPETS_BY_WALK)."""
    expression = match_expression(q)
    if expression is None or not pks:
        return {}
    walk = matches is not None and len(pks) >= matches * SNIPPETS_BY_WALK
    keys = ",".join(str(int(k)) for k in pks)
    stmt = text(
        "SELECT rowid, snippet(articles_fts, -1, :a, :b, '…', :n) FROM articles_fts "
        f"WHERE articles_fts MATCH :e AND {'+' if walk else ''}rowid IN ({keys})"
    ).bindparams(a=mark[0], b=mark[1], n=SNIPPET_TOKENS, e=expression)
    return {int(r[0]): str(r[1]) for r in session.execute(stmt)}


def _count(session: Session, m: _Matches) -> int:
    """How many articles match in all. Counting in FTS5 alone reads only the index."""
    counted = select(func.count()).select_from(FTS).where(_match(m.expression), *m.filters)
    return int(session.scalar(counted) or 0) - len(m.trashed)


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
    # The page's rows are ranked first, then only they get their snippets: a snippet in the
    # ranked query itself would be made for every match before the sort.
    m = _matches(session, lq, q, expression)
    if m is None:
        return 0, []
    ranked = _ranked(session, m, limit, offset=offset)
    keys = [key for key, _score in ranked]
    columns = (ArticleRow.pk, ArticleRow.uid, ArticleRow.title, ArticleRow.author)
    details = {
        int(r[0]): r
        for r in session.execute(
            select(*columns, ArticleRow.published_at).where(ArticleRow.pk.in_(keys))
        )
    }
    total = _count(session, m)
    passages = snippets(session, keys, q, mark, matches=total)
    hits = [
        SearchHit(
            id=details[key][1],
            title=details[key][2],
            author=details[key][3],
            published_at=details[key][4],
            snippet=passages.get(key, ""),
            score=round(-score, 6),
        )
        for key, score in ranked
        if key in details
    ]
    return total, hits
