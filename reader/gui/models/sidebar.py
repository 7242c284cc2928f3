"""The sidebar's model: the fixed views with counts, then tags and sources with theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from reader.domain.query import View
from reader.gui.plain import tooltip
from reader.library import Counts

EntryRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2

VIEW_LABELS: tuple[tuple[View, str], ...] = (
    (View.ALL, "All"),
    (View.UNREAD, "Unread"),
    (View.STARRED, "Starred"),
    (View.ARCHIVE, "Archive"),
    (View.TRASH, "Trash"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a sidebar row selects: a view, a tag or a site."""

    kind: str  # "view" | "tag" | "site"
    value: str


def count_text(n: int) -> str:
    """A count as the user's locale writes it, with its thousands grouped (100,000)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{n:,}"
    return locale.toString(n)


class SidebarModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self._views: dict[View, QStandardItem] = {}
        header_font = QFont()
        header_font.setBold(True)
        root = self.invisibleRootItem()
        self._library = self._section("Library", header_font)
        self._tags = self._section("Tags", header_font)
        self._sites = self._section("Sources", header_font)
        for section in (self._library, self._tags, self._sites):
            root.appendRow([section, QStandardItem("")])
        for view, label in VIEW_LABELS:
            item, count = self._entry(label, Entry("view", view.value))
            self._views[view] = count
            self._library.appendRow([item, count])

    @staticmethod
    def _section(label: str, font: QFont) -> QStandardItem:
        item = QStandardItem(label)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setSelectable(False)
        return item

    @staticmethod
    def _entry(label: str, entry: Entry, count: int = 0) -> tuple[QStandardItem, QStandardItem]:
        item = QStandardItem(label)
        item.setData(entry, EntryRole)
        item.setEditable(False)
        item.setToolTip(tooltip(label))
        num = QStandardItem(count_text(count) if count else "")
        num.setData(entry, EntryRole)
        num.setData(count, CountRole)
        num.setEditable(False)
        num.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item, num

    def set_counts(self, counts: Counts) -> None:
        values = {
            View.ALL: counts.all,
            View.UNREAD: counts.unread,
            View.STARRED: counts.starred,
            View.ARCHIVE: counts.archive,
            View.TRASH: counts.trash,
        }
        for view, item in self._views.items():
            item.setText(count_text(values[view]) if values[view] else "")
            item.setData(values[view], CountRole)

    def _fill(self, section: QStandardItem, kind: str, rows: list[tuple[str, int]]) -> None:
        current = [
            (section.child(i, 0).text(), section.child(i, 1).data(CountRole))
            for i in range(section.rowCount())
        ]
        if current == rows:
            return
        section.removeRows(0, section.rowCount())
        for name, count in rows:
            section.appendRow(list(self._entry(name, Entry(kind, name), count)))

    def set_tags(self, rows: list[tuple[str, int]]) -> None:
        self._fill(self._tags, "tag", [(n, c) for n, c in rows if c])

    def set_sites(self, rows: list[tuple[str, int]]) -> None:
        self._fill(self._sites, "site", rows)

    def index_of(self, entry: Entry) -> QModelIndex:
        section = {"view": self._library, "tag": self._tags, "site": self._sites}[entry.kind]
        for i in range(section.rowCount()):
            child = section.child(i, 0)
            if child.data(EntryRole) == entry:
                return child.index()
        return QModelIndex()

    def count_of(self, view: View) -> int:
        return int(self._views[view].data(CountRole) or 0)

    def tag_names(self) -> list[str]:
        return [self._tags.child(i, 0).text() for i in range(self._tags.rowCount())]
