"""Highlighting through the real window: select text in the reader, press H, find the
highlight in the panel, in the reader and in search; note, colour, remove and undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.gui.dialogs import prompts
from reader.gui.dialogs.export_dialog import SCOPE_SELECTION
from reader.gui.main_window import MainWindow
from reader.gui.models.highlights import HighlightsModel
from reader.gui.tasks import TaskRunner
from reader.library import Library

from .conftest import MakeWindow

BODY = (
    "Seal numbers on the Norfolk coast rose again this winter.\n\n"
    "Wardens counted the pups from the dunes, and volunteers kept walkers away from the "
    "colony during the pupping season."
)


def select_in_reader(window: MainWindow, text: str) -> None:
    doc = window.reader.document()
    found = doc.find(text)
    assert not found.isNull(), text
    window.reader.setTextCursor(found)


def open_article(window: MainWindow, library: Library, body: str = BODY) -> str:
    article_id = library.add(ArticleDraft(title="Seals", body=body)).added[0]
    window.refresh_all()
    assert window.select_article(article_id)
    return article_id


def test_highlight_a_selection_and_find_it_everywhere(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id = open_article(window, library)
    select_in_reader(window, "volunteers kept walkers away")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)

    stored = library.get(article_id).highlights
    assert [h.quote for h in stored] == ["volunteers kept walkers away"]
    hid = stored[0].id
    # In the reader, drawn...
    assert hid in window.reader.highlight_ranges()
    # ...in the panel, shown and selected...
    assert window.highlighter.dock.isVisible()
    panel = window.highlighter.panel
    assert panel.model.rowCount() == 1
    assert panel.current_id() == hid
    assert "volunteers kept walkers away" in panel.model.data(panel.model.index(0))
    # ...and in search.
    window.search("is:highlighted")
    assert window.list_model.rowCount() == 1

    # A note, through the panel's button (the dialog is answered for the test).
    monkeypatch.setattr(prompts, "ask_highlight_note", lambda *_a: ("ask about rotas", "green"))
    panel.note_button.click()
    h = library.get(article_id).highlights[0]
    assert (h.note, h.color) == ("ask about rotas", "green")
    window.search("rotas")
    assert window.list_model.rowCount() == 1
    assert "ask about rotas" in panel.model.data(panel.model.index(0))

    # Choosing it in the panel selects it in the reader.
    window.reader.moveCursor(QTextCursor.MoveOperation.Start)
    panel._on_list_activated(panel.model.index(0))
    assert window.reader.textCursor().selectedText() == "volunteers kept walkers away"

    window.search("")
    # Remove it from the panel with Del; Ctrl+Z brings it back, note and all.
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert library.get(article_id).highlights == ()
    assert panel.model.rowCount() == 0
    assert window.act_undo_delete.text() == "&Undo remove highlight"
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.get(article_id).highlights == (h,)
    assert panel.model.rowCount() == 1


def test_the_reader_context_menu_offers_highlighting(window: MainWindow, library: Library) -> None:
    article_id = open_article(window, library)
    select_in_reader(window, "Wardens counted the pups")
    menu = window.reader._context_menu(QPoint(5, 5))
    labels = [a.text() for a in menu.actions()]
    assert labels[:3] == ["Highlight", "Highlight with a note…", "Highlight in colour"]
    next(a for a in menu.actions() if a.text() == "Highlight in colour").menu().actions()[
        2
    ].trigger()
    h = library.get(article_id).highlights[0]
    assert (h.quote, h.color) == ("Wardens counted the pups", "blue")
    # On a highlight, the menu offers its note, colour and removal.
    start, _end = window.reader.highlight_ranges()[h.id]
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(start + 2)
    window.reader.setTextCursor(cursor)
    point = window.reader.cursorRect(cursor).center()
    menu = window.reader._context_menu(point)
    labels = [a.text() for a in menu.actions()]
    assert "Remove the highlight" in labels
    next(a for a in menu.actions() if a.text() == "Remove the highlight").trigger()
    assert library.get(article_id).highlights == ()


def test_only_the_article_text_can_be_highlighted(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    article_id = open_article(window, library)
    select_in_reader(window, "Seals")  # the title
    window.highlighter.highlight_selection()
    assert library.get(article_id).highlights == ()
    assert "Only the article's text" in window.status_label.text()
    window.reader.moveCursor(QTextCursor.MoveOperation.Start)
    window.highlighter.highlight_selection()
    assert "Select some text" in window.status_label.text()


def test_a_repeated_phrase_is_highlighted_where_it_was_selected(
    window: MainWindow, library: Library
) -> None:
    body = "The tide came in. Then the tide came in again, higher.\n\nAnd the tide came in."
    article_id = open_article(window, library, body)
    doc = window.reader.document()
    first = doc.find("the tide came in")
    second = doc.find("the tide came in", first)
    expected = second.selectionStart()
    assert expected > first.selectionStart()
    window.reader.setTextCursor(second)
    window.highlighter.highlight_selection()
    h = library.get(article_id).highlights[0]
    assert h.prefix.endswith("Then ") and h.suffix.startswith(" again")
    start, _ = window.reader.highlight_ranges()[h.id]
    assert start == expected


def test_highlights_survive_an_edit_of_the_body(window: MainWindow, library: Library) -> None:
    article_id = open_article(window, library)
    select_in_reader(window, "Wardens counted the pups")
    window.highlighter.highlight_selection()
    window.edit_article()
    window.editor.body.setPlainText("A new opening line.\n\n" + BODY)
    window.save()
    h = library.get(article_id).highlights[0]
    assert h.prefix.endswith("this winter. ")
    assert h.id in window.reader.highlight_ranges()
    assert window.highlighter.panel.model.rowCount() == 1


def test_the_highlights_model_passes_the_model_tester(
    qtmodeltester: object, library: Library
) -> None:
    article_id = library.add(ArticleDraft(title="Seals", body=BODY)).added[0]
    from reader.domain.article import Highlight

    library.add_highlight(article_id, Highlight(id="gone", quote="not in the text at all"))
    library.add_highlight(
        article_id, Highlight(id="here", quote="Wardens counted", note="n", color="pink")
    )
    model = HighlightsModel()
    model.set_article(library.get(article_id))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.highlight(r).id for r in range(2)] == ["here", "gone"]  # type: ignore[union-attr]
    assert model.lost_ids() == ("gone",)


def test_highlights_go_out_in_both_exports(
    window: MainWindow, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id = open_article(window, library)
    monkeypatch.setattr(prompts, "ask_highlight_note", lambda *_a: ("check the count", "pink"))
    select_in_reader(window, "Wardens counted the pups")
    window.highlighter.highlight_selection(with_note=True)
    md = tmp_path / "highlights.md"
    window.export("highlights", str(md), scope=SCOPE_SELECTION)
    text = md.read_text("utf-8")
    assert "## Seals" in text
    assert "> Wardens counted the pups" in text
    assert "**Note:** check the count" in text
    js = tmp_path / "all.json"
    window.export("json", str(js), scope=SCOPE_SELECTION)
    (saved,) = json.loads(js.read_text("utf-8"))["articles"]
    assert saved["id"] == article_id
    assert [(h["quote"], h["note"], h["color"]) for h in saved["highlights"]] == [
        ("Wardens counted the pups", "check the count", "pink")
    ]


def test_highlighting_with_the_real_thread_pool(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    window = make_window(runner=TaskRunner())
    article_id = library.add(ArticleDraft(title="Seals", body=BODY)).added[0]
    window.refresh_all()
    qtbot.waitUntil(lambda: window.select_article(article_id), timeout=10_000)
    select_in_reader(window, "Wardens counted the pups")
    window.highlighter.highlight_selection()
    panel = window.highlighter.panel
    qtbot.waitUntil(lambda: panel.current_id() is not None, timeout=10_000)
    assert library.get(article_id).highlights[0].id == panel.current_id()
    window.runner.wait()
