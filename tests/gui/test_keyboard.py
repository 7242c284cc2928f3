"""Every shortcut of PRODUCT.md works from the keyboard, is carried by a menu and listed in
the shortcut sheet; focus moves through the window with Tab; the main widgets have names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.gui import main_window as mw
from reader.gui.dialogs import prompts
from reader.gui.dialogs.shortcuts import ShortcutSheet
from reader.gui.main_window import MainWindow
from reader.library import Library

MD = Path(__file__).parents[1] / "fixtures" / "markdown"

# PRODUCT.md's keyboard section, key by key.
PRODUCT_KEYS = (
    "J", "K", "Space", "Shift+Space", "O", "Return", "E", "Ctrl+E", "Ctrl+S", "Esc", "S", "M",
    "A", "T", "Del", "/", "Ctrl+F", "Ctrl+I", "Ctrl+Shift+E", "Ctrl+=", "Ctrl+-", "?",
)  # fmt: skip

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def _menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for act in menu.actions():
            found.append(act)
            if act.menu() is not None:
                walk(act.menu())  # type: ignore[arg-type]

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())  # type: ignore[arg-type]
    return found


def test_every_product_shortcut_is_on_a_menu_and_in_the_sheet(window: MainWindow) -> None:
    in_menus = {
        k.toString(QKeySequence.SequenceFormat.PortableText)
        for act in _menu_actions(window)
        for k in act.shortcuts()
    }
    missing = [k for k in PRODUCT_KEYS if QKeySequence(k).toString() not in in_menus]
    assert missing == []
    sheet = window.show_shortcuts()
    listed = " or ".join(keys for _action, keys in sheet.rows())
    for key in PRODUCT_KEYS:
        assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in listed, key
    sheet.close()


def _stories(window: MainWindow, library: Library, n: int = 3) -> list[str]:
    ids = [
        library.add(ArticleDraft(title=f"Story {i}", body="\n\n".join(["Text. " * 40] * 30))).added[
            0
        ]
        for i in range(n)
    ]
    window.refresh_all()
    window.select_row(0)
    window.list_view.setFocus()
    return ids


def test_reading_keys(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    _stories(window, library)
    first = window.reader.article
    assert first is not None
    # o and Enter put the reader in focus; Space and Shift+Space page it.
    qtbot.keyClick(window.list_view, Qt.Key.Key_O)
    assert window.reader.hasFocus()
    bar = window.reader.verticalScrollBar()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    assert bar.value() > 0
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, Shift)
    assert bar.value() == 0
    # j and k work from the reader too.
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.reader.article is not None and window.reader.article.id != first.id
    qtbot.keyClick(window.reader, Qt.Key.Key_K)
    assert window.reader.article is not None and window.reader.article.id == first.id
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Return)
    assert window.reader.hasFocus()


def test_editing_keys(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    ids = _stories(window, library)
    qtbot.keyClick(window.list_view, Qt.Key.Key_E, Ctrl)
    assert window.right.currentWidget() is window.editor
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Escape)
    assert window.right.currentWidget() is window.reader
    qtbot.keyClick(window.list_view, Qt.Key.Key_E)
    body = window.editor.body
    assert body.hasFocus()
    qtbot.keyClicks(body, "Edited. ")
    qtbot.keyClick(body, Qt.Key.Key_S, Ctrl)
    assert any(library.get(i).body.startswith("Edited. ") for i in ids)
    qtbot.keyClick(body, Qt.Key.Key_Escape)
    assert window.list_view.hasFocus()


def test_organizing_keys(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stories(window, library)
    article = window.reader.article
    assert article is not None
    for key, check in (
        (Qt.Key.Key_S, lambda: library.get(article.id).starred),
        (Qt.Key.Key_M, lambda: library.get(article.id).read),
        (Qt.Key.Key_A, lambda: library.get(article.id).archived),
    ):
        qtbot.keyClick(window.list_view, key)
        assert check()
    monkeypatch.setattr(prompts, "ask_tags", lambda *_a: (("later",), ()))
    qtbot.keyClick(window.list_view, Qt.Key.Key_T)
    assert library.get(article.id).tags == ("later",)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert library.get(article.id).in_trash
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Ctrl)
    assert not library.get(article.id).in_trash


def test_search_import_export_and_sheet_keys(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stories(window, library)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Slash)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "jkm")  # letters type into the box, not shortcuts
    assert window.search_box.text() == "jkm"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.list_view.hasFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Ctrl)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, '"Story 1"')
    window._search_timer.stop()  # Enter searches at once, without waiting for the pause
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.list_model.rowCount() == 1
    assert window.search_box.hasFocus()
    window.search("")

    picked = str(MD / "joplin-note.md")
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([picked], ""))
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_I, Ctrl)
    assert library.counts().all == 4

    opened: list[int] = []

    class NoExport:
        DialogCode = mw.ExportDialog.DialogCode

        def __init__(self, *_a: object, **_k: object) -> None:
            opened.append(1)

        def exec(self) -> object:
            return mw.ExportDialog.DialogCode.Rejected

        def deleteLater(self) -> None:
            pass

    monkeypatch.setattr(mw, "ExportDialog", NoExport)
    qtbot.keyClick(window.list_view, Qt.Key.Key_E, Ctrl | Shift)
    assert opened == [1]

    # A keyboard's layout turns Shift+/ into "?" (offscreen, the key arrives as "?" alone).
    qtbot.keyClick(window.list_view, Qt.Key.Key_Question)
    sheets = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutSheet)]
    assert any(s.isVisible() for s in sheets)
    for s in sheets:
        s.close()


def test_tab_moves_through_the_window(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    _stories(window, library)
    window.search_box.setFocus()
    order: list[QWidget | None] = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [window.sidebar, window.list_view, window.reader]
    qtbot.keyClick(window.reader, Qt.Key.Key_Tab, Shift)
    assert QApplication.focusWidget() is window.list_view
    # The sidebar is worked with arrow keys: Down moves to the next view.
    window.sidebar.setFocus()
    before = window.query.view
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.query.view != before


def test_main_widgets_have_accessible_names(window: MainWindow) -> None:
    widgets = [
        window.sidebar,
        window.list_view,
        window.reader,
        window.search_box,
        window.editor,
        window.editor.body,
        window.editor.preview,
        window.highlighter.panel,
        window.highlighter.panel.list,
        window.message_bar,
        window.trash_bar,
        window.status_label,
        *window.editor.inputs.values(),
    ]
    assert all(w.accessibleName() for w in widgets), [
        w.objectName() for w in widgets if not w.accessibleName()
    ]
