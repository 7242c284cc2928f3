"""The item models, checked by Qt's own model tester, and the list's laziness."""

from __future__ import annotations

from array import array

from pytestqt.modeltest import ModelTester

from reader.domain.article import ArticleDraft
from reader.domain.query import ListQuery, SortKey
from reader.gui.models import article_list
from reader.gui.models.article_list import COL_DATE, COL_STATE, COL_TITLE, ArticleListModel
from reader.gui.models.sidebar import SidebarModel
from reader.library import Library


def _fill(library: Library, n: int) -> None:
    for i in range(n):
        library.add(
            ArticleDraft(title=f"Story {i:03d}", body=f"words {i}", published_at="2020-01-02")
        )


def test_article_list_model_passes_the_model_tester(
    qtmodeltester: ModelTester, library: Library
) -> None:
    _fill(library, 30)
    model = ArticleListModel(library)
    model.set_keys(library.keys(ListQuery()))
    qtmodeltester.check(model)
    assert model.rowCount() == 30


def test_rows_are_fetched_a_page_at_a_time(library: Library, monkeypatch: object) -> None:
    _fill(library, 250)
    model = ArticleListModel(library)
    model.set_keys(library.keys(ListQuery(sort=SortKey.TITLE, descending=False)))
    calls: list[int] = []
    real = library.summaries

    def counting(keys: object) -> object:
        calls.append(len(keys))  # type: ignore[arg-type]
        return real(keys)  # type: ignore[arg-type]

    library.summaries = counting  # type: ignore[method-assign]
    assert model.data(model.index(0, COL_TITLE)) == "Story 000"
    assert model.data(model.index(5, COL_TITLE)) == "Story 005"
    assert calls == [article_list.PAGE]
    assert model.data(model.index(249, COL_TITLE)) == "Story 249"
    assert len(calls) == 2
    assert model.data(model.index(3, COL_DATE)) == "2 Jan 2020"
    assert model.data(model.index(3, COL_STATE)) == "●"


def test_invalidate_refetches_changed_rows(library: Library) -> None:
    _fill(library, 3)
    model = ArticleListModel(library)
    model.set_keys(library.keys(ListQuery(sort=SortKey.TITLE, descending=False)))
    first = model.summary(0)
    assert first is not None
    library.set_state([first.id], read=True)
    assert model.data(model.index(0, COL_STATE)) == "●"  # cached
    model.invalidate([first.id])
    assert model.data(model.index(0, COL_STATE)) == ""


def test_the_keys_of_a_large_view_are_compact(library: Library) -> None:
    _fill(library, 50)
    keys = library.keys(ListQuery())
    assert isinstance(keys, array) and keys.itemsize == 8


def test_sidebar_model_passes_the_model_tester(
    qtmodeltester: ModelTester, library: Library
) -> None:
    library.add(ArticleDraft(title="t", body="b", tags=("one", "two"), site_name="Example"))
    model = SidebarModel()
    model.set_counts(library.counts())
    model.set_tags(library.tag_counts())
    model.set_sites(library.site_counts())
    qtmodeltester.check(model)
    assert model.tag_names() == ["one", "two"]
