"""The article list's context menu: what can be done to the selected articles, from the
window's own actions (so shortcuts, enabled states and labels stay one thing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Give the window's article list its context menu."""
    view = window.list_view
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: _on_list_menu_requested(window, pos))


def build(window: MainWindow) -> QMenu:
    """The menu for the current selection (the caller shows it)."""
    menu = QMenu(window.list_view)
    menu.setObjectName("articleListMenu")
    for group in (
        (window.act_open, window.act_edit),
        (window.act_read, window.act_star, window.act_archive, window.act_tag, window.act_fetch),
        (window.act_export_selected,),
        (window.act_restore if window.viewing_trash() else window.act_delete,),
    ):
        if menu.actions():
            menu.addSeparator()
        for action in group:
            menu.addAction(action)
    return menu


def _on_list_menu_requested(window: MainWindow, pos: QPoint) -> None:
    view = window.list_view
    index = view.indexAt(pos)
    if index.isValid() and not view.selectionModel().isRowSelected(index.row(), index.parent()):
        view.selectRow(index.row())
    if not window.selected_ids():
        return
    menu = build(window)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(view.viewport().mapToGlobal(pos))
