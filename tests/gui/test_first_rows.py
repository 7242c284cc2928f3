"""A new view's first paint reads nothing on the GUI thread: the rows it shows were read with
its keys, whether the list starts at the top (another view) or stays where it was scrolled
(the same view read again), and the selected row's neighbours too."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from pytestqt.qtbot import QtBot

from reader.domain.query import View
from reader.gui.main_window import MainWindow, _rows_shown
from reader.gui.models.sidebar import Entry
from reader.gui.tasks import TaskRunner
from reader.library import Library
from tests.support import fill

from .conftest import MakeWindow


class GuiReads(QObject):
    """Row reads made on the GUI thread while the list paints."""

    def __init__(self, window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch):
        super().__init__(window)
        self.painting = False
        self.during_paint: list[int] = []
        window.list_view.viewport().installEventFilter(self)
        original = library.summaries

        def summaries(keys: Any) -> Any:
            if self.painting and threading.current_thread() is threading.main_thread():
                self.during_paint.extend(keys)
            return original(keys)

        monkeypatch.setattr(library, "summaries", summaries)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painting = True
            # Reset once this paint (and whatever it triggers) is over.
            QTimer.singleShot(0, lambda: setattr(self, "painting", False))
        return False


def test_rows_shown_cover_the_top_and_the_selected_row() -> None:
    assert _rows_shown(100, 0, None, 10) == list(range(10))
    assert _rows_shown(100, 0, 3, 10) == list(range(10))
    assert _rows_shown(100, 0, 40, 10) == [*range(10), *range(32, 42)]
    assert _rows_shown(100, 30, 35, 10) == list(range(27, 40))
    assert _rows_shown(5, 0, 4, 10) == list(range(5))


def test_switching_views_scrolled_down_paints_without_reading(
    make_window: MakeWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(library, 120)
    library.set_state(ids[:20], read=True)
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 120 and window.list_model.complete)
    window.select_row(70)  # scrolled well down the list
    qtbot.waitUntil(lambda: window.reader_caught_up and window.list_view.rowAt(0) > 0)
    window.runner.wait()
    reads = GuiReads(window, library, monkeypatch)

    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.select_sidebar(Entry("view", View.UNREAD.value))
    qtbot.wait(50)
    # Another view starts at its top, or at its selected row; either way its rows were read.
    assert window.list_view.rowAt(0) >= 0
    assert reads.during_paint == []

    # The same view read again (after a write, say) stays where it is, and reads nothing
    # while it paints either.
    window.select_row(60)
    qtbot.waitUntil(lambda: window.reader_caught_up)
    top = window.list_view.rowAt(0)
    assert top > 0
    with qtbot.waitSignal(window.list_completed, timeout=10_000):
        window.reload_list()
    qtbot.wait(50)
    assert window.list_view.rowAt(0) == top
    assert reads.during_paint == []
    window.runner.wait()
