"""Organizing from the window: bulk actions on the selected articles (the list's context menu
and the Article menu), tags from the sidebar (rename, merge, delete) and for the selection
(the tag dialog), all going through the library's writes like everything else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.domain.query import View
from reader.gui.dialogs import prompts
from reader.gui.models.sidebar import Entry, EntryRole

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


def _plural(n: int, noun: str = "article") -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


class Organizer(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        sidebar = window.sidebar
        sidebar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        sidebar.customContextMenuRequested.connect(self._on_sidebar_menu_requested)
        rename = QAction("Rename tag…", sidebar)
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        rename.triggered.connect(self._on_sidebar_rename_key)
        sidebar.addAction(rename)
        listing = window.list_view
        listing.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        listing.customContextMenuRequested.connect(self._on_list_menu_requested)
        self.last_menu: QMenu | None = None

    # ---------------------------------------------------------------- bulk state
    def set_state(
        self, *, read: bool | None = None, starred: bool | None = None, archived: bool | None = None
    ) -> None:
        w = self.window
        ids = w.selected_ids()
        if not ids:
            return
        what = (
            ("read" if read else "unread")
            if read is not None
            else ("starred" if starred else "unstarred")
            if starred is not None
            else ("archived" if archived else "moved out of the archive")
        )
        lib = w.library
        w.write_then(
            lambda: lib.set_state(ids, read=read, starred=starred, archived=archived),
            f"Marked {_plural(len(ids))} {what}",
        )

    def tag_selection(self) -> None:
        """The tag dialog for the selected articles: shared tags editable, with completion."""
        w = self.window
        ids = w.selected_ids()
        if not ids:
            return
        per_article = w.library.tags_of(ids)
        tag_sets = [per_article.get(i, ()) for i in ids]
        first = tag_sets[0] if tag_sets else ()
        common = tuple(t for t in first if all(t in tags for tags in tag_sets))
        seen: dict[str, None] = {}
        for tags in tag_sets:
            for t in tags:
                if t not in common:
                    seen.setdefault(t, None)
        names = w.library.tag_names()
        answer = prompts.ask_tags(w, len(ids), common, tuple(seen), names)
        if answer is None:
            return
        add, remove = answer
        if not add and not remove:
            return
        lib = w.library
        w.write_then(lambda: lib.tag(ids, add=add, remove=remove), f"Tagged {_plural(len(ids))}")

    # ---------------------------------------------------------------- tags in the sidebar
    def rename_tag(self, name: str) -> None:
        w = self.window
        new = prompts.ask_text(
            w, "Rename tag", f"New name for “{name}” (an existing tag's name merges them):", name
        )
        if new is None or not new.strip() or new.strip() == name:
            return
        self._rename(name, new.strip())

    def merge_tag(self, name: str, into: str) -> None:
        if self.window.ask(
            "Merge tags",
            f"Merge “{name}” into “{into}”? Every article tagged “{name}” gets “{into}”.",
            "Merge",
        ):
            self._rename(name, into)

    def _rename(self, old: str, new: str) -> None:
        w = self.window
        lib = w.library
        if w.query.tag == old:
            w.follow_tag(new)
        w.write_then(lambda: lib.rename_tag(old, new), f"Renamed the tag “{old}” to “{new}”")

    def delete_tag(self, name: str) -> None:
        w = self.window
        if not w.ask(
            "Delete tag",
            f"Take the tag “{name}” off every article? The articles stay.",
            "Delete tag",
        ):
            return
        lib = w.library
        w.write_then(lambda: lib.delete_tag(name), f"Deleted the tag “{name}”")

    def sidebar_menu(self, index: QModelIndex) -> QMenu | None:
        entry = index.data(EntryRole) if index.isValid() else None
        if not isinstance(entry, Entry):
            return None
        w = self.window
        menu = QMenu(w)
        if entry.kind == "tag":
            name = entry.value
            menu.addAction("Rename tag…", lambda: self.rename_tag(name))
            others = [t for t in w.sidebar_model.tag_names() if t != name]
            merge = menu.addMenu("Merge into")
            merge.setEnabled(bool(others))
            for other in others:
                into = QAction(other, merge)
                into.triggered.connect(lambda _checked=False, o=other: self.merge_tag(name, o))
                merge.addAction(into)
            menu.addSeparator()
            menu.addAction("Delete tag…", lambda: self.delete_tag(name))
        elif entry.kind == "view" and entry.value == View.TRASH.value:
            menu.addAction(w.act_empty_trash)
        else:
            return None
        return menu

    def _on_sidebar_menu_requested(self, pos: QPoint) -> None:
        sidebar = self.window.sidebar
        index = sidebar.indexAt(pos)
        if not index.isValid():
            index = sidebar.currentIndex()
        menu = self.sidebar_menu(index)
        if menu is not None:
            self.last_menu = menu
            menu.popup(sidebar.viewport().mapToGlobal(pos))

    def _on_sidebar_rename_key(self) -> None:
        entry = self.window.sidebar.currentIndex().data(EntryRole)
        if isinstance(entry, Entry) and entry.kind == "tag":
            self.rename_tag(entry.value)

    # ---------------------------------------------------------------- the list's menu
    def list_menu(self) -> QMenu:
        """What can be done to the selected articles."""
        w = self.window
        menu = QMenu(w)
        n = len(w.selected_ids())
        title = menu.addAction(_plural(n) + " selected" if n != 1 else "1 article")
        title.setEnabled(False)
        if w.query.view is View.TRASH:
            for act in (w.act_restore, w.act_delete, w.act_empty_trash):
                menu.addAction(act)
            return menu
        for bulk in w.bulk_actions:
            if bulk is None:
                menu.addSeparator()
            else:
                menu.addAction(bulk)
        return menu

    def _on_list_menu_requested(self, pos: QPoint) -> None:
        view = self.window.list_view
        index = view.indexAt(pos)
        # A right click on a row outside the selection acts on that row, as in file managers.
        if index.isValid() and not view.selectionModel().isRowSelected(index.row(), index.parent()):
            view.selectRow(index.row())
        if not self.window.selected_ids():
            return
        menu = self.list_menu()
        self.last_menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))
