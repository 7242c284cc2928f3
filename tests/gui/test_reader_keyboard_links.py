"""Links in the reader work without a mouse: Tab reaches them, Enter opens them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl

from reader.domain.article import ArticleDraft
from reader.library import Library


def test_tab_reaches_a_link_and_enter_opens_it(
    make_window: Any, library: Library, qtbot: Any, monkeypatch: Any
) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr("reader.gui.widgets.reader_view.QDesktopServices.openUrl", open_url)
    library.add(
        ArticleDraft(
            title="Links",
            body="First paragraph without a link.\n\n"
            "See [the harbour report](https://example.org/harbour) and "
            "[the second one](https://example.org/second).",
        )
    )
    window = make_window()
    window.select_row(0)
    qtbot.waitUntil(lambda: window.reader.article is not None)
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)

    activated: list[QUrl] = []
    reader.link_activated.connect(activated.append)
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.textCursor().selectedText() == "the harbour report"
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert [u.toString() for u in activated] == ["https://example.org/harbour"]
    assert opened == ["https://example.org/harbour"]

    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.textCursor().selectedText() == "the second one"
