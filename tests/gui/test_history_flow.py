"""Editing with a safety net: every save is a version; the history panel compares any of them
with the current text and restores it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.gui.main_window import MainWindow
from reader.library import Library


def _save_body(window: MainWindow, body: str) -> None:
    window.editor.body.setPlainText(body)
    assert window.save()


def test_save_twice_and_restore_the_first_version(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    article_id = library.add(
        ArticleDraft(title="Tide tables", body="High water at six.\n\nLow water at noon.")
    ).added[0]
    window.refresh_all()
    window.select_article(article_id)
    window.edit_article()
    _save_body(window, "High water at seven.\n\nLow water at noon.")
    window.editor.inputs["title"].setText("Tide tables, corrected")  # type: ignore[union-attr]
    _save_body(window, "High water at seven.\n\nLow water at one.\n\nSpring tides next week.")
    assert library.get(article_id).version == 3

    dialog = window.show_history()
    assert dialog is not None and dialog.isVisible()
    # The current version, then the two earlier ones, newest first.
    assert dialog.versions.count() == 3
    assert dialog.versions.item(0).text().startswith("Current version")
    first_save, original = dialog.revisions
    assert original.body.startswith("High water at six.")
    assert first_save.body == "High water at seven.\n\nLow water at noon."
    # The newest earlier version is shown against the current text.
    assert dialog.current_revision() == first_save
    shown = dialog.diff.toPlainText()
    assert "Title" in shown and "Tide tables, corrected" in shown
    assert "Spring tides next week." in shown

    # Pick the version of the first save and restore it.
    assert dialog.select_revision(first_save.id)
    dialog.restore_button.click()
    restored = library.get(article_id)
    assert restored.body == "High water at seven.\n\nLow water at noon."
    assert restored.title == "Tide tables"
    assert window.reader.article is not None
    assert "Low water at noon." in window.reader.toPlainText()
    assert window.editor.body.toPlainText() == restored.body
    assert not window.editor.is_dirty
    # Nothing is lost: the text it replaced is now a version too, listed in the panel.
    assert dialog.versions.count() == 4
    assert "Spring tides next week." in dialog.revisions[0].body
    dialog.close()


def test_history_of_an_article_never_edited(window: MainWindow, library: Library) -> None:
    article_id = library.add(ArticleDraft(title="Untouched", body="Just as imported.")).added[0]
    window.refresh_all()
    window.select_article(article_id)
    dialog = window.show_history()
    assert dialog is not None
    assert dialog.versions.count() == 1
    assert "No earlier versions yet" in dialog.summary.text()
    assert not dialog.restore_button.isEnabled()
    dialog.close()


def test_the_editor_opens_the_history(window: MainWindow, library: Library) -> None:
    article_id = library.add(ArticleDraft(title="A", body="b")).added[0]
    window.refresh_all()
    window.select_article(article_id)
    window.edit_article()
    window.editor.history_button.click()
    assert window.history_dialog is not None and window.history_dialog.isVisible()
    window.history_dialog.close()


def test_restoring_asks_about_unsaved_edits_first(
    window: MainWindow, library: Library, no_modal_prompts: list[str]
) -> None:
    article_id = library.add(ArticleDraft(title="Log", body="one")).added[0]
    window.refresh_all()
    window.select_article(article_id)
    window.edit_article()
    _save_body(window, "two")
    window.editor.body.setPlainText("three, not saved")
    dialog = window.show_history()
    assert dialog is not None
    dialog.restore_button.click()  # the question is answered "discard" for the test
    assert no_modal_prompts == ["Log"]
    assert library.get(article_id).body == "one"
    assert window.editor.body.toPlainText() == "one"
    assert not window.editor.is_dirty
    dialog.close()
