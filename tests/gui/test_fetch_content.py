"""Importing a read-it-later export in the window, then Fetch content from a local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.fetching import FetchLimits
from reader.gui.main_window import MainWindow
from reader.library import Library
from tests.http_pages import PageServer, serving

EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"
FAST = FetchLimits(timeout=0.5, deadline=5.0, max_bytes=256 * 1024, max_redirects=3)


@pytest.fixture
def server() -> Iterator[PageServer]:
    with serving() as s:
        yield s


def _pending(library: Library, url: str, title: str) -> str:
    draft = ArticleDraft(title=title, url=url, content_pending=True, tags=("later",))
    return library.add(draft).added[0]


def test_an_export_imports_with_a_report_of_merged_copies(window: MainWindow, qtbot: QtBot) -> None:
    window.import_paths([str(EXPORTS / "pocket.csv")])
    assert window.list_model.rowCount() == 4
    dialog = window.last_report_dialog
    assert dialog is not None
    text = dialog.details.toPlainText()
    assert "merged" in text and "(line 9): the item has no link" in text
    assert dialog.summary.text() == "Imported 4 articles · 1 copy merged · 1 failed"
    assert "1 copy merged" in window.status_label.text()
    dialog.close()
    # A link-only article tells the reader what to do.
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    assert "use Fetch content" in window.reader.toPlainText()


def test_fetch_content_fills_the_article_being_read(
    window: MainWindow, library: Library, server: PageServer, qtbot: QtBot
) -> None:
    article_id = _pending(library, server.url("/article/seals"), "Harbour seals")
    window.refresh_all()
    window.select_article(article_id)
    window.fetcher.limits = FAST
    with qtbot.waitSignal(window.fetcher.fetch_finished) as finished:
        window.act_fetch.trigger()
    report = finished.args[0]
    assert report.summary() == "fetched 1"
    assert "fetched 1" in window.status_label.text()
    shown = window.reader.toPlainText()
    assert "Harbour seals return to the estuary and stay for the spring" in shown
    assert "The survey team counted 412 seals" in shown and "Ines Moreau" in shown
    assert "use Fetch content" not in window.reader.toPlainText()
    assert window.fetcher.last_report_dialog is None
    assert library.counts().pending == 0


def test_failed_fetches_show_a_report_the_user_can_copy(
    window: MainWindow, library: Library, server: PageServer, qtbot: QtBot
) -> None:
    gone = _pending(library, server.url("/missing"), "A page that is gone")
    slow = _pending(library, server.url("/loop"), "A page that loops")
    window.refresh_all()
    window.select_article(gone)
    window.fetcher.limits = FAST
    window.fetcher.fetch([gone, slow])
    dialog = window.fetcher.last_report_dialog
    assert dialog is not None
    text = dialog.details.toPlainText()
    assert "A page that is gone" in text and "404" in text
    assert "too many redirects" in text
    assert dialog.summary.text() == "Fetched 0 articles · 2 failed"
    dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert "404" in QGuiApplication.clipboard().text()
    dialog.close()
    assert library.get(gone).content_pending


def test_fetch_with_nothing_selected_says_so(window: MainWindow) -> None:
    window.act_fetch.trigger()
    assert "Select the articles" in window.status_label.text()
