"""Organizing through the real window: tags from the sidebar and for a selection, bulk
actions on a multi-select, sorting (remembered), and the Trash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCompleter
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.domain.query import SortKey, View
from reader.gui.dialogs import prompts
from reader.gui.dialogs.tag_dialog import TagDialog, tag_edits
from reader.gui.main_window import MainWindow
from reader.gui.models.article_list import COL_AUTHOR, COL_TIME, COL_TITLE
from reader.gui.models.sidebar import Entry
from reader.library import Library

from .conftest import MakeWindow


def titles(window: MainWindow) -> list[str]:
    m = window.list_model
    return [m.data(m.index(r, COL_TITLE)) for r in range(m.rowCount())]


def select_rows(window: MainWindow, rows: list[int]) -> None:
    sm = window.list_view.selectionModel()
    sm.clearSelection()
    for r in rows:
        sm.select(
            window.list_model.index(r, COL_TITLE),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def _three(library: Library) -> list[str]:
    return [
        library.add(ArticleDraft(title=t, body=" ".join(["word"] * n), author=a, tags=tags)).added[
            0
        ]
        for t, n, a, tags in (
            ("Beta tides", 900, "Zoe Marsh", ("coast",)),
            ("Alpha dunes", 100, "Adam Reed", ("coast", "sand")),
            ("Gamma gulls", 400, None, ()),
        )
    ]


def test_rename_merge_and_delete_a_tag_from_the_sidebar(
    window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a, b, _c = _three(library)
    window.refresh_all()
    window.select_sidebar(Entry("tag", "coast"))
    assert titles(window) == ["Alpha dunes", "Beta tides"]

    index = window.sidebar_model.index_of(Entry("tag", "coast"))
    menu = window.organizer.sidebar_menu(index)
    assert menu is not None
    assert [x.text() for x in menu.actions() if x.text()] == [
        "Rename tag…",
        "Merge into",
        "Delete tag…",
    ]
    monkeypatch.setattr(prompts, "ask_text", lambda *_a: "shore")
    menu.actions()[0].trigger()
    assert window.sidebar_model.tag_names() == ["sand", "shore"]
    # The list followed the renamed tag.
    assert window.query.tag == "shore"
    assert titles(window) == ["Alpha dunes", "Beta tides"]

    # Merge "sand" into "shore" from its menu.
    menu = window.organizer.sidebar_menu(window.sidebar_model.index_of(Entry("tag", "sand")))
    merge = next(x for x in menu.actions() if x.text() == "Merge into").menu()  # type: ignore[union-attr]
    assert [x.text() for x in merge.actions()] == ["shore"]
    merge.actions()[0].trigger()
    assert library.tag_names() == ["shore"]
    assert library.get(b).tags == ("shore",)

    # Delete it: the articles stay, the list goes back to All.
    window.organizer.delete_tag("shore")
    assert library.tag_names() == []
    assert library.counts().all == 3
    assert window.query.tag is None and window.query.view is View.ALL
    assert window.sidebar_model.tag_names() == []


def test_f2_renames_the_tag_under_the_keyboard(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three(library)
    window.refresh_all()
    window.select_sidebar(Entry("tag", "sand"))
    window.sidebar.setFocus()
    monkeypatch.setattr(prompts, "ask_text", lambda *_a: "dunes")
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F2)
    assert library.tag_names() == ["coast", "dunes"]


def test_tag_a_selection_with_the_tag_dialog(
    window: MainWindow, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _three(library)
    window.refresh_all()
    select_rows(window, [0, 1])  # newest first: Gamma gulls, Alpha dunes
    asked: list[tuple[object, ...]] = []

    def answer(_parent: object, *args: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
        asked.append(args)
        return ("birds",), ()

    monkeypatch.setattr(prompts, "ask_tags", answer)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_T)
    count, common, partial, names = asked[0]
    assert (count, common, partial) == (2, (), ("coast", "sand"))
    assert names == ["coast", "sand"]
    assert library.get(c).tags == ("birds",)
    assert library.get(b).tags == ("coast", "sand", "birds")
    assert library.get(a).tags == ("coast",)


def test_the_tag_dialog_edits_shared_tags_with_completion(qtbot: QtBot) -> None:
    dialog = TagDialog(2, ("coast",), ("sand",), ["coast", "sand", "seals", "shore"])
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.edit
    assert edit.text() == "coast"
    edit.setFocus()
    edit.end(False)
    completer = edit.completer_
    # Inline completion: the offscreen platform cannot show the popup.
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    qtbot.keyClicks(edit, ", se")
    assert completer.completionCount() == 1  # "seals"; "sand" and "shore" do not start so
    assert completer.currentCompletion() == "coast, seals"  # completes the last tag
    edit.setText("seals")
    assert dialog.edits() == (("seals",), ("coast",))
    assert tag_edits(("A",), ("a", "b")) == (("b",), ())


def test_bulk_actions_from_the_list_menu(window: MainWindow, library: Library) -> None:
    ids = _three(library)
    window.refresh_all()
    select_rows(window, [0, 1, 2])
    menu = window.organizer.list_menu()
    labels = [x.text() for x in menu.actions() if x.text()]
    assert labels[0] == "3 articles selected"
    for wanted in ("Mark as &read", "S&tar", "Move to the &archive", "&Tag…", "E&xport selected…"):
        assert wanted in labels
    next(x for x in menu.actions() if x.text() == "Mark as &read").trigger()
    assert all(library.get(i).read for i in ids)
    window.act_star_on.trigger()
    assert all(library.get(i).starred for i in ids)
    window.act_archive_on.trigger()
    assert window.sidebar_model.count_of(View.ARCHIVE) == 3
    window.act_mark_unread.trigger()
    assert window.sidebar_model.count_of(View.UNREAD) == 3
    window.act_delete.trigger()
    assert library.counts().trash == 3


def test_sort_by_header_and_menu_is_remembered(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    _three(library)
    window = make_window()
    assert titles(window) == ["Gamma gulls", "Alpha dunes", "Beta tides"]  # newest first
    header = window.list_view.horizontalHeader()
    window._on_header_clicked(COL_TITLE)
    assert titles(window) == ["Alpha dunes", "Beta tides", "Gamma gulls"]
    assert header.sortIndicatorSection() == COL_TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    window._on_header_clicked(COL_TITLE)
    assert titles(window) == ["Gamma gulls", "Beta tides", "Alpha dunes"]
    window._on_header_clicked(COL_TIME)
    assert titles(window) == ["Beta tides", "Gamma gulls", "Alpha dunes"]  # longest first
    window.sort_actions[SortKey.AUTHOR].trigger()
    assert window.sort_actions[SortKey.AUTHOR].isChecked()
    assert header.sortIndicatorSection() == COL_AUTHOR
    window.act_sort_descending.trigger()  # now ascending
    assert titles(window) == ["Alpha dunes", "Beta tides", "Gamma gulls"]  # no author last
    window.close()

    again = make_window()
    assert again.query.sort is SortKey.AUTHOR and not again.query.descending
    assert titles(again) == ["Alpha dunes", "Beta tides", "Gamma gulls"]


def test_the_trash_view_restores_and_empties(window: MainWindow, library: Library) -> None:
    ids = _three(library)
    library.trash(ids[:2])
    window.refresh_all()
    assert not window.trash_bar.isVisible()
    window.select_sidebar(Entry("view", View.TRASH.value))
    assert window.trash_bar.isVisible()
    assert window.list_model.rowCount() == 2
    menu = window.organizer.list_menu()
    assert [x.text() for x in menu.actions()][1:] == [
        "Restore from Trash",
        "Move to &Trash",
        "Empty Trash…",
    ]
    window.select_row(0)
    window.trash_bar.restore_button.click()
    assert library.counts().trash == 1
    assert window.list_model.rowCount() == 1
    window.trash_bar.empty_button.click()  # the confirmation is answered yes
    assert library.counts().trash == 0
    assert library.counts().all == 2
    assert window.list_model.rowCount() == 0
