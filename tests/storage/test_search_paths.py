"""The two ways a search is answered give the same results: FTS5 ranking alone (with the Trash
taken out afterwards) when there is nothing else to filter by, and the join with the articles
table when there is."""

from __future__ import annotations

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
