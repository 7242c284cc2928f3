"""The flows a user takes through the real main window: import, select, read, edit, save,
search, delete and undo, export, and the window remembering itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.domain.query import View
from reader.gui import main_window as mw
from reader.gui.dialogs.export_dialog import SCOPE_ALL, SCOPE_SELECTION
from reader.gui.dialogs.prompts import UnsavedChoice
from reader.gui.main_window import MainWindow
from reader.gui.models.article_list import COL_TITLE
from reader.gui.models.sidebar import Entry
from reader.gui.tasks import TaskRunner
from reader.library import Library

from .conftest import MakeWindow

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEALS = FIXTURES / "scraped" / "harbour-seals.txt"
MD = FIXTURES / "markdown"


def titles(window: MainWindow) -> list[str]:
    m = window.list_model
    return [m.data(m.index(r, COL_TITLE)) for r in range(m.rowCount())]


def test_import_select_read_edit_save_search_delete_undo(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    # Import a scraped article: it is listed, selected and shown in the reader.
    window.import_paths([str(SEALS)])
    assert window.list_model.rowCount() == 1
    # The reader follows the new list's first paint.
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    article = window.reader.article
    assert article is not None
    assert "Seal numbers on the Norfolk coast" in window.reader.toPlainText()
    assert "Photo: Ruth Calder / Coastal Trust" in window.reader.toPlainText()
    assert "imported 1" in window.status_label.text()

    # Edit it: E opens the form with the article's fields.
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_E)
    assert window.right.currentWidget() is window.editor
    title = window.editor.inputs["title"]
    assert title.text() == article.title  # type: ignore[union-attr]
    title.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(title, "Seal pups double on the Norfolk coast")
    assert window.editor.is_dirty
    assert window.editor.dirty_marker.text() == "● Unsaved changes"
    assert window.isWindowModified()

    # Save with Ctrl+S: the list and the reader follow, a revision is kept.
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.is_dirty
    assert titles(window) == ["Seal pups double on the Norfolk coast"]
    assert window.reader.article is not None
    assert window.reader.article.title == "Seal pups double on the Norfolk coast"
    assert not window.reader.article.title_inferred
    assert len(library.revisions(article.id)) == 1

    # Esc leaves the form; the reader shows the saved article.
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Escape)
    assert window.right.currentWidget() is window.reader
    assert "Seal pups double" in window.reader.toPlainText()

    # Search finds it by body text, and not by a word it lacks.
    window.search("pupping")
    assert titles(window) == ["Seal pups double on the Norfolk coast"]
    assert "1 match" in window.status_label.text()
    window.search("walrus")
    assert titles(window) == []
    window.search("")
    assert window.list_model.rowCount() == 1

    # Delete moves it to the Trash; Ctrl+Z brings it back and selects it.
    window.select_row(0)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert window.list_model.rowCount() == 0
    assert library.counts().trash == 1
    assert window.sidebar_model.count_of(View.TRASH) == 1
    assert "Ctrl+Z to undo" in window.status_label.text()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.list_model.rowCount() == 1
    assert library.counts().trash == 0
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    assert window.reader.article is not None and window.reader.article.id == article.id


def test_keyboard_navigation_and_state(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    for n in range(3):
        library.add(ArticleDraft(title=f"Story {n}", body=f"Text {n} " * 20))
    window.refresh_all()
    window.list_view.setFocus()
    window.select_row(0)
    first = window.reader.article
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    assert window.reader.article is not None and window.reader.article.id != first.id  # type: ignore[union-attr]
    qtbot.keyClick(window.list_view, Qt.Key.Key_K)
    assert window.reader.article is not None and window.reader.article.id == first.id  # type: ignore[union-attr]
    qtbot.keyClick(window.list_view, Qt.Key.Key_S)
    assert library.get(first.id).starred  # type: ignore[union-attr]
    qtbot.keyClick(window.list_view, Qt.Key.Key_M)
    assert library.get(first.id).read  # type: ignore[union-attr]
    assert window.sidebar_model.count_of(View.UNREAD) == 2
    qtbot.keyClick(window.list_view, Qt.Key.Key_A)
    assert library.get(first.id).archived  # type: ignore[union-attr]


def test_sidebar_views_and_tags(window: MainWindow, library: Library) -> None:
    window.import_paths([str(MD)])
    QApplication.processEvents()
    if window.last_report_dialog is not None:
        window.last_report_dialog.close()
    assert window.list_model.rowCount() == 5
    assert "baking" in window.sidebar_model.tag_names()
    window.select_sidebar(Entry("tag", "baking"))
    assert titles(window) == ["Sourdough starter log"]
    window.select_sidebar(Entry("view", View.STARRED.value))
    assert titles(window) == []
    window.select_sidebar(Entry("view", View.ALL.value))
    assert window.list_model.rowCount() == 5


def test_failed_import_shows_a_report_the_user_can_copy(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"folio": 1, "articles": [')
    window.import_paths([str(SEALS), str(bad)])
    dialog = window.last_report_dialog
    assert dialog is not None and dialog.isVisible()
    assert "1 failed" in dialog.summary.text()
    assert "broken.json" in dialog.details.toPlainText()
    dialog.copy()
    assert "not valid JSON" in QApplication.clipboard().text()
    dialog.close()


def test_new_article(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.editor and window.editor.is_new
    qtbot.keyClicks(window.editor.inputs["title"], "My own notes")
    qtbot.keyClicks(window.editor.body, "Some *markdown* text.")
    window.editor.update_preview()
    assert "markdown" in window.editor.preview.toPlainText()
    window.save()
    assert library.counts().all == 1
    assert titles(window) == ["My own notes"]
    assert window.reader.article is not None and window.reader.article.title == "My own notes"
    assert not window.editor.is_new


def test_unsaved_edits_prompt_before_switching(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = library.add(ArticleDraft(title="First", body="one")).added[0]
    library.add(ArticleDraft(title="Second", body="two"))
    window.refresh_all()
    window.select_article(a)
    window.edit_article()
    window.editor.body.setPlainText("one, edited")
    answers = [UnsavedChoice.CANCEL, UnsavedChoice.SAVE]
    monkeypatch.setattr(mw, "ask_unsaved", lambda *_a: answers.pop(0))
    window.move_selection(1 if window.list_view.currentIndex().row() == 0 else -1)
    assert window.reader.article is not None and window.reader.article.id == a  # cancelled: stayed
    assert window.editor.is_dirty
    window.move_selection(1 if window.list_view.currentIndex().row() == 0 else -1)
    assert library.get(a).body == "one, edited"  # saved, then moved on
    assert window.reader.article is not None and window.reader.article.id != a


def test_discarding_unsaved_edits(
    window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = library.add(ArticleDraft(title="Only", body="original")).added[0]
    window.refresh_all()
    window.select_article(a)
    window.edit_article()
    window.editor.body.setPlainText("throwaway")
    monkeypatch.setattr(mw, "ask_unsaved", lambda *_a: UnsavedChoice.DISCARD)
    window.leave_editor()
    assert window.right.currentWidget() is window.reader
    assert library.get(a).body == "original"


def test_editor_undo_makes_the_form_clean_again(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    a = library.add(ArticleDraft(title="Undo me", body="text")).added[0]
    window.refresh_all()
    window.select_article(a)
    window.edit_article()
    window.editor.body.setFocus()
    qtbot.keyClicks(window.editor.body, "X")
    assert window.editor.is_dirty
    window.editor.undo()
    assert window.editor.body.toPlainText() == "text"
    assert not window.editor.is_dirty
    window.editor.redo()
    assert window.editor.is_dirty


def test_invalid_date_is_refused_with_a_message(window: MainWindow, library: Library) -> None:
    a = library.add(ArticleDraft(title="Dated", body="text")).added[0]
    window.refresh_all()
    window.select_article(a)
    window.edit_article()
    window.editor.inputs["published_at"].setText("next tuesday")  # type: ignore[union-attr]
    assert window.save() is False
    assert "Published must be a date" in window.editor.error_label.text()
    assert library.get(a).published_at is None


def test_export_selection_and_whole_library(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    ids = [library.add(ArticleDraft(title=f"T{n}", body=f"b{n}")).added[0] for n in range(3)]
    window.refresh_all()
    window.select_article(ids[1])
    with_selection = tmp_path / "sel.json"
    window.export("json", str(with_selection), scope=SCOPE_SELECTION)
    assert [a["id"] for a in json.loads(with_selection.read_text())["articles"]] == [ids[1]]
    everything = tmp_path / "md"
    window.export("markdown", str(everything), scope=SCOPE_ALL)
    assert len(list(everything.iterdir())) == 3
    assert "Exported 3 articles" in window.status_label.text()


def test_drop_files_to_import(window: MainWindow, library: Library) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(MD / "joplin-note.md"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert library.counts().all == 1
    assert titles(window) == ["Sourdough starter log"]


def test_background_import_with_the_real_thread_pool(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    window = make_window(runner=TaskRunner())
    with qtbot.waitSignal(window.list_refreshed, timeout=10_000):
        pass
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as blocker:
        window.import_paths([str(SEALS)])
    report = blocker.args[0]
    assert len(report.imported) == 1
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=10_000)
    assert library.counts().all == 1
    window.runner.wait()


def test_window_remembers_geometry_and_splitters(make_window: MakeWindow, library: Library) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    width, height = min(760, screen.width() - 40), min(540, screen.height() - 40)
    first = make_window(resize=False)
    first.resize(width, height)
    first.splitter.setSizes([120, 250, width - 370])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(resize=False)
    assert (second.width(), second.height()) == (width, height)
    assert second.splitter.sizes() == sizes


def test_zoom_and_theme_are_remembered(window: MainWindow, qtbot: QtBot) -> None:
    before = window.reader.font_size()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_size() == before + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_size() == before - 1
    window.set_theme("sepia")
    assert window.reader.theme_name() == "sepia"
    from reader import settings as S

    assert window.settings.get(S.THEME) == "sepia"
    assert window.settings.get(S.FONT_SIZE) == before - 1


def test_shortcut_sheet_lists_the_shortcuts(window: MainWindow) -> None:
    sheet = window.show_shortcuts()
    rows = dict(sheet.rows())
    assert rows["Next article"] == "J"
    assert rows["Move to Trash"] == "Del"
    assert "Ctrl+S" in rows["Save"]
    sheet.close()
