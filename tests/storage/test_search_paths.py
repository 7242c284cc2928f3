"""The ways a search is answered give the same results: the ranking alone (with the Trash taken
out afterwards) when there is nothing else to filter by, tags and left-out words applied by
FTS5 itself, and each match tested against the set of articles meeting the other conditions;
all agree with FTS5's own ``rank`` order."""

from __future__ import annotations

import sqlite3

import pytest

from reader.domain.article import ArticleDraft
from reader.domain.query import ListQuery, SortKey, View
from reader.library import Library


def _add(library: Library, n: int, body: str, **kw: object) -> str:
    draft = ArticleDraft(title=f"Note {n}", body=body, **kw)  # type: ignore[arg-type]
    return library.add(draft).added[0]


def _keys_to_ids(library: Library, keys: object) -> list[str]:
    found = library.summaries(list(keys))  # type: ignore[call-overload]
    return [found[k].id for k in keys]  # type: ignore[attr-defined]


def test_totals_and_ranked_keys_leave_the_trash_out(library: Library) -> None:
    ids = [_add(library, n, "kelp " * (n + 1) + "and some other words") for n in range(6)]
    _add(library, 99, "nothing to see")
    library.trash([ids[0], ids[3]])
    results = library.search("kelp", limit=2)
    assert results.total == 4
    assert len(results.hits) == 2
    ranked = _keys_to_ids(library, library.keys(ListQuery(search="kelp", sort=SortKey.RELEVANCE)))
    assert set(ranked) == {ids[1], ids[2], ids[4], ids[5]}
    # More occurrences rank higher: the ranking is FTS5's own, best first.
    assert ranked[0] == ids[5]
    assert [h.id for h in library.search("kelp", limit=10).hits] == ranked
    # The Trash itself, searched, is answered by the joined path.
    trash = library.keys(ListQuery(view=View.TRASH, search="kelp", sort=SortKey.RELEVANCE))
    assert set(_keys_to_ids(library, trash)) == {ids[0], ids[3]}
    assert library.search("kelp is:trash").total == 2


def test_filtered_search_counts_through_the_join(library: Library) -> None:
    a = _add(library, 1, "kelp forest", tags=("sea",))
    _add(library, 2, "kelp beds")
    assert library.search("kelp tag:sea").total == 1
    assert [h.id for h in library.search("kelp tag:sea").hits] == [a]
    assert library.search("kelp -forest").total == 1


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "sort",
    [SortKey.ADDED, SortKey.PUBLISHED, SortKey.TITLE, SortKey.AUTHOR, SortKey.READING_TIME],
)
def test_every_order_reads_its_index_and_keeps_empty_values_last(
    library: Library, sort: SortKey, descending: bool
) -> None:
    authors = ["Berg", None, "Abara", "Castillo", None, "Dunn"]
    for n, author in enumerate(authors):
        _add(
            library,
            n,
            "word " * (n * 7 % 5 + 1),
            author=author,
            published_at=None if n % 3 == 1 else f"20{10 + n}-01-01",
            tags=("x",) if n % 2 else (),
        )
    rows = library.list_rows(ListQuery(sort=sort, descending=descending))
    key = {
        SortKey.ADDED: lambda s: s.added_at,
        SortKey.PUBLISHED: lambda s: s.published_at,
        SortKey.TITLE: lambda s: s.title.casefold(),
        SortKey.AUTHOR: lambda s: s.author.casefold() if s.author else None,
        SortKey.READING_TIME: lambda s: s.words,
    }[sort]
    values = [key(s) for s in rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=descending)
    # Articles with no value come last, whichever the direction.
    assert values[len(present) :] == [None] * (len(values) - len(present))
    assert len(rows) == len(authors)
    filtered = library.list_rows(ListQuery(tag="x", view=View.UNREAD, sort=sort))
    assert {s.id for s in filtered} == {s.id for s in rows if s.title.endswith(("1", "3", "5"))}


@pytest.mark.parametrize(
    "query",
    [
        ListQuery(),
        ListQuery(view=View.UNREAD),
        ListQuery(tag="sea"),
        ListQuery(sort=SortKey.AUTHOR, descending=False),  # two reads: with an author, then none
        ListQuery(sort=SortKey.PUBLISHED, descending=True),
        ListQuery(search="kelp", sort=SortKey.RELEVANCE, descending=False),
        ListQuery(search="kelp tag:sea", sort=SortKey.RELEVANCE, descending=False),
        ListQuery(search="kelp"),
        ListQuery(view=View.TRASH),
        ListQuery(tag="sea", search="kelp", sort=SortKey.RELEVANCE, descending=False),
        ListQuery(view=View.UNREAD, search="kelp", sort=SortKey.RELEVANCE, descending=False),
        ListQuery(view=View.TRASH, search="kelp", sort=SortKey.RELEVANCE, descending=False),
        ListQuery(tag="sea", view=View.UNREAD),
    ],
)
def test_a_views_first_keys_are_the_start_of_all_its_keys(
    library: Library, query: ListQuery
) -> None:
    ids = [
        _add(
            library,
            n,
            "kelp " * (n % 5 + 1) + "and other words",
            author=None if n % 3 == 0 else f"Author {n % 4}",
            tags=("sea",) if n % 2 else (),
        )
        for n in range(14)
    ]
    library.trash([ids[4], ids[9]])
    library.set_state(ids[:5], read=True)
    every = list(library.keys(query))
    assert every
    for limit in (1, 3, 5, 8, 20):
        first, complete = library.first_keys(query, limit)
        if complete:
            assert list(first) == every
        else:
            assert list(first) == every[:limit] and len(every) > limit


def test_a_cancelled_read_of_keys_stops(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.domain.errors import QueryCancelled
    from reader.storage import search

    for n in range(6):
        _add(library, n, "kelp and other words")
    monkeypatch.setattr(search, "CANCEL_CHECK_STEPS", 1)
    for query in (ListQuery(), ListQuery(search="kelp", sort=SortKey.RELEVANCE)):
        with pytest.raises(QueryCancelled):
            library.keys(query, cancelled=lambda: True)
        # The connection is left as it was: the next read runs to the end.
        assert len(library.keys(query, cancelled=lambda: False)) == 6
        assert len(library.keys(query)) == 6


FILTERED = [
    ListQuery(tag="sea"),
    ListQuery(view=View.UNREAD),
    ListQuery(view=View.STARRED),
    ListQuery(view=View.TRASH),
    ListQuery(search="-tag:sea"),
    ListQuery(search="tag:sea tag:deep"),
    ListQuery(search="-forest"),
    ListQuery(search="author:berg"),
    ListQuery(tag="sea", view=View.UNREAD, search="-tag:deep"),
    ListQuery(search="is:trash tag:sea"),
]


@pytest.mark.parametrize("filters", FILTERED, ids=lambda q: f"{q.view.value}-{q.tag}-{q.search}")
def test_a_filtered_search_is_fts5s_ranking_of_the_matches_that_pass(
    library: Library, filters: ListQuery
) -> None:
    ids = [
        _add(
            library,
            n,
            "kelp " * (n % 7 + 1) + "forest " * (n % 4 == 0) + "and words " * (n % 5),
            author="Berg" if n % 3 == 0 else "Abara",
            tags=(("sea",) if n % 2 else ()) + (("deep",) if n % 3 == 1 else ()),
        )
        for n in range(40)
    ]
    _add(library, 99, "nothing to see", tags=("sea",))
    library.trash(ids[5:9])
    library.set_state(ids[10:20], read=True)
    library.set_state(ids[::4], starred=True)
    words = "kelp" if not filters.search else f"kelp {filters.search}"
    query = ListQuery(
        view=filters.view, tag=filters.tag, search=words, sort=SortKey.RELEVANCE, descending=False
    )
    # The articles the filters let through, read by the list's own path (no search words),
    # and every match in FTS5's own order, worked out apart from Folio's search.
    passing = set(
        library.keys(ListQuery(view=filters.view, tag=filters.tag, search=filters.search))
    )
    conn = sqlite3.connect(library.path)
    try:
        ranked = conn.execute(
            "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH 'kelp' "
            "AND rank MATCH 'bm25(10.0, 4.0, 1.0, 6.0, 3.0, 0.0)'"
        ).fetchall()
    finally:
        conn.close()
    expected = [key for key, _rank in sorted(ranked, key=lambda r: (r[1], r[0])) if key in passing]
    assert expected, "the case has matches"
    assert list(library.keys(query)) == expected
    for limit in (1, 4, len(expected)):
        first, complete = library.first_keys(query, limit)
        assert list(first) == expected[:limit]
        assert complete == (len(expected) <= limit)
    results = library.search(words, limit=5)
    if filters.view is View.ALL and not filters.tag:
        assert results.total == len(expected)
        assert [h.id for h in results.hits] == _keys_to_ids(library, expected[:5])
        assert all(h.snippet for h in results.hits)
        assert [h.score for h in results.hits] == sorted(
            (h.score for h in results.hits), reverse=True
        )
