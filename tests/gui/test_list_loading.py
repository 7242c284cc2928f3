"""How the list loads a view through the real window and thread pool: its first rows at once,
then the rest appended; a switch made while an older view is still loading never shows the
older view's rows; the rest is read once the first rows are painted; the selected article
stays selected when it lies past the first rows."""

from __future__ import annotations

import json
import threading
from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.domain.query import ListQuery, View
from reader.gui import main_window as mw
from reader.gui import prefetch
from reader.gui.main_window import MainWindow
from reader.gui.models.sidebar import Entry
from reader.gui.tasks import TaskRunner
from reader.gui.widgets import reader_view
from reader.library import Library
from tests.support import fill

from .conftest import MakeWindow

FIRST = 5


@pytest.fixture(autouse=True)
def few_first_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    # A view longer than its first rows without writing hundreds of articles.
    monkeypatch.setattr(mw, "FIRST_ROWS", FIRST)


def shown(window: MainWindow) -> list[int]:
    return list(window.list_model.keys())


def test_the_list_shows_its_first_rows_then_all_of_them(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    fill(library, 14)
    seen: list[tuple[int, bool]] = []
    window = make_window(runner=TaskRunner())
    window.list_refreshed.connect(
        lambda: seen.append((window.list_model.rowCount(), window.list_model.complete))
    )
    qtbot.waitUntil(lambda: window.list_model.complete and bool(seen), timeout=10_000)
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.refresh_all()
    assert seen == [(FIRST, False)] * 2  # the first rows were shown before the rest
    assert window.list_model.complete
    assert shown(window) == list(library.keys(window.query))
    assert len(shown(window)) == 14
    assert window.list_view.currentIndex().row() == 0 and window.reader.article is not None


def test_a_short_view_is_complete_with_its_first_read(
    make_window: MakeWindow, library: Library
) -> None:
    fill(library, FIRST)
    window = make_window()
    assert window.list_model.complete and window.list_model.rowCount() == FIRST


def test_a_switch_while_a_view_is_loading_shows_only_the_latest_view(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(library, 16)
    library.set_state(ids[:12], read=True)  # 4 unread, 16 in All
    release = threading.Event()
    original = library.keys

    def slow_keys(query: ListQuery, **kw: Any) -> array[int]:
        if query.view is View.ALL and not query.tag:
            release.wait(10)  # All's full list is still being read...
        return original(query, **kw)

    window = make_window(runner=TaskRunner())
    with qtbot.waitSignal(window.list_refreshed, timeout=10_000):
        pass
    monkeypatch.setattr(library, "keys", slow_keys)
    installed: list[list[int]] = []
    window.list_refreshed.connect(lambda: installed.append(shown(window)))
    window.list_completed.connect(lambda: installed.append(shown(window)))
    with qtbot.waitSignal(window.list_refreshed, timeout=10_000):
        window.refresh_all()  # All: its first rows are shown, the rest waits
    assert not window.list_model.complete
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.select_sidebar(Entry("view", View.UNREAD.value))  # ...when Unread is asked for
    release.set()  # All's answer comes in late
    window.runner.wait()
    qtbot.wait(50)  # its callback, had it not been dropped, would have run by now
    unread = list(original(ListQuery(view=View.UNREAD)))
    assert shown(window) == unread and len(unread) == 4
    assert installed[-1] == unread
    assert window.list_model.complete
    article = window.reader.article
    assert article is not None and not article.read


def test_the_selected_article_stays_selected_past_the_first_rows(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    fill(library, 14)
    window = make_window()
    window.select_row(11)
    chosen = window.reader.article
    assert chosen is not None
    window.reload_list()
    qtbot.waitUntil(lambda: window.list_model.complete, timeout=10_000)
    assert window.list_view.currentIndex().row() == 11
    assert window.list_model.article_id(11) == chosen.id
    assert window.reader.article is not None and window.reader.article.id == chosen.id


class Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_rest_of_a_view_is_read_once_its_first_rows_are_painted(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(library, 14)
    window = make_window()
    paints = Paints(window.list_view.viewport())
    read_after: list[int] = []
    every_key = library.keys

    def keys(*args: Any, **kwargs: Any) -> Any:
        read_after.append(paints.count)
        return every_key(*args, **kwargs)

    monkeypatch.setattr(library, "keys", keys)
    before = paints.count
    window.select_sidebar(Entry("view", View.UNREAD.value))
    # The first rows are in; the others are not asked for until the list has painted them.
    assert window.list_model.rowCount() == FIRST and not window.list_model.complete
    assert read_after == []
    qtbot.waitUntil(lambda: window.list_model.complete, timeout=10_000)
    assert window.list_model.rowCount() == 14
    assert read_after and read_after[0] > before


def test_exporting_the_list_while_its_rows_load_exports_the_whole_view(
    make_window: MakeWindow, library: Library, tmp_path: Path
) -> None:
    ids = fill(library, 14)
    library.set_state(ids[:2], read=True)
    window = make_window()
    window.select_sidebar(Entry("view", View.UNREAD.value))
    every = window.list_model.keys()
    window.list_model.set_keys(every[:FIRST], complete=False)  # as while the rest is read
    target = tmp_path / "list.json"
    window.export("json", str(target), scope=mw.SCOPE_LIST)
    exported = {a["id"] for a in json.loads(target.read_text("utf-8"))["articles"]}
    assert exported == set(ids[2:])


def test_a_row_chosen_before_the_rest_arrives_stays_chosen(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(library, 14)
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 14, timeout=10_000)
    window.select_row(12)  # past the first rows: chosen again once every key is known
    release = threading.Event()
    original = library.keys

    def slow_keys(query: ListQuery, **kw: Any) -> array[int]:
        release.wait(10)
        return original(query, **kw)

    monkeypatch.setattr(library, "keys", slow_keys)
    with qtbot.waitSignal(window.list_refreshed, timeout=10_000):
        window.reload_list()
    assert not window.list_model.complete
    assert not window.list_view.currentIndex().isValid()  # row 12 is not known yet
    window.select_row(2)  # the user picks one of the first rows meanwhile
    chosen = window.list_model.article_id(2)
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        release.set()
    assert window.list_view.currentIndex().row() == 2
    assert window.reader.article is not None and window.reader.article.id == chosen
    window.runner.wait()


def test_a_switch_reads_and_draws_the_article_it_shows_off_the_gui_thread(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(library, 14)
    library.set_state(ids[7:], read=True)  # the newest
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.complete and window.reader.article is not None)
    window.runner.wait()
    on_gui: list[str] = []
    original_get = library.get

    def get(article_id: str) -> Any:
        if threading.current_thread() is threading.main_thread():
            on_gui.append(f"read {article_id}")
        return original_get(article_id)

    def render_page(article: Any, params: Any) -> str:
        on_gui.append(f"drew {article.id}")
        return drawn_by_the_reader(article, params)

    monkeypatch.setattr(library, "get", get)
    drawn_by_the_reader = reader_view.render_page
    monkeypatch.setattr(reader_view, "render_page", render_page)
    before = window.reader.article
    assert before is not None and before.read  # Unread shows another
    # Unread's first rows do not hold the article on screen: the row to select waits for the
    # rest of the view, and the article there is read and drawn with it.
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.select_sidebar(Entry("view", View.UNREAD.value))
    shown_now = window.reader.article
    assert shown_now is not None and shown_now.id != before.id and not shown_now.read
    # The article stays on screen while a search marks its words: drawn again, off the thread.
    word = shown_now.title.split()[0]
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.search(word)
    assert window.reader.article is not None and window.reader.article.id == shown_now.id
    assert window.reader.page_params().search_terms == (word,)
    assert on_gui == []
    window.runner.wait()


def test_a_new_views_list_paints_before_the_reader_follows(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    ids = fill(library, 6)
    library.tag(ids[:2], add=["sea"])
    window = make_window()
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    before = window.reader.article
    assert before is not None and before.id not in ids[:2]
    paints = Paints(window.list_view.viewport())

    window.select_sidebar(Entry("tag", "sea"))
    # The list holds the tag's rows and has selected one; the reader has not changed yet.
    assert set(shown(window)) == set(library.keys(ListQuery(tag="sea")))
    chosen = window.list_model.article_id(window.list_view.currentIndex().row())
    assert chosen in ids[:2]
    assert window.reader.article is before and not window.reader_caught_up
    painted = paints.count
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    assert paints.count > painted  # the list painted first
    assert window.reader.article is not None and window.reader.article.id == chosen


def test_asking_for_the_article_does_not_wait_for_the_paint(
    make_window: MakeWindow, library: Library
) -> None:
    ids = fill(library, 6)
    library.tag(ids[:2], add=["sea"])
    window = make_window()
    window.select_sidebar(Entry("tag", "sea"))
    chosen = window.list_model.article_id(window.list_view.currentIndex().row())
    # What the window is on is the new view's article at once (edit, history, export ...).
    current = window.current_article()
    assert current is not None and current.id == chosen
    assert window.reader_caught_up and window.reader.article is current
    # A row chosen on purpose is shown at once too.
    window.select_sidebar(Entry("view", View.ALL.value))
    window.select_row(3)
    row_id = window.list_model.article_id(3)
    assert window.reader.article is not None and window.reader.article.id == row_id


def test_reading_ahead_stops_when_the_view_changes(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(library, 14)
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 14 and window.list_model.complete)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader_caught_up)
    window.runner.wait()
    qtbot.wait(20)
    started = threading.Event()
    release = threading.Event()
    drawn: list[str] = []
    read_and_draw = prefetch.read_and_draw

    def slow(lib: Library, article_id: str, params: Any) -> Any:
        drawn.append(article_id)
        started.set()
        release.wait(10)
        return read_and_draw(lib, article_id, params)

    monkeypatch.setattr(prefetch, "read_and_draw", slow)
    window.select_row(6)  # reads ahead the next three and the one before
    assert started.wait(10)
    window.select_sidebar(Entry("view", View.UNREAD.value))  # the view changes meanwhile
    release.set()
    window.runner.wait()
    qtbot.wait(20)
    assert len(drawn) == 1  # the article under way was finished; the others were not read


def test_a_view_replaced_before_its_paint_never_shows_its_article(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(library, 6)
    library.tag(ids[:2], add=["sea"])
    library.tag(ids[2:4], add=["deep"])
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader_caught_up)
    window.runner.wait()
    release = threading.Event()
    first_keys = library.first_keys

    def slow_for_deep(query: ListQuery, *args: Any, **kw: Any) -> Any:
        if query.tag == "deep":
            release.wait(10)
        return first_keys(query, *args, **kw)

    monkeypatch.setattr(library, "first_keys", slow_for_deep)
    shown: list[str] = []
    window.article_shown.connect(shown.append)
    with qtbot.waitSignal(window.list_refreshed, timeout=10_000):
        window.select_sidebar(Entry("tag", "sea"))
    # The sea view is installed but not painted yet when the deep view is asked for.
    window.select_sidebar(Entry("tag", "deep"))
    qtbot.wait(150)  # sea's paint, and the wait for a paint, are over
    release.set()
    qtbot.waitUntil(lambda: window.list_model.article_id(0) in ids[2:4], timeout=10_000)
    qtbot.waitUntil(lambda: window.reader_caught_up and bool(shown), timeout=10_000)
    window.runner.wait()
    qtbot.wait(20)
    assert all(article_id in ids[2:4] for article_id in shown), shown
