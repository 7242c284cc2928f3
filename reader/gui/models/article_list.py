"""The article list's model: every row of the view known by its key, row data fetched lazily.

The model holds the ordered row keys of the current view (8 bytes a row, compact even at
100,000 articles) and asks the library for a page of summaries only when the view paints rows
it has not seen. Pages are indexed lookups by primary key: well under a frame.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from reader.domain.article import ArticleSummary
from reader.domain.times import published_date
from reader.gui.plain import tooltip
from reader.library import Library

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3
KeyRole = Qt.ItemDataRole.UserRole + 4

COL_STATE, COL_TITLE, COL_AUTHOR, COL_SITE, COL_DATE, COL_TIME = range(6)
HEADERS = ("", "Title", "Author", "Site", "Date", "Time")
#: Sort keys by column (None: the column is not sortable).
SORT_KEYS = (None, "title", "author", "site", "published", "reading_time")

#: Put by the library around matched words in a row's snippet (the delegate marks them).
SNIPPET_MARKS = ("\x02", "\x03")

PAGE = 100
CACHE_ROWS = 3000

_Index = QModelIndex | QPersistentModelIndex

#: The roles ``data`` answers.
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ArticleIdRole,
        SummaryRole,
        SnippetRole,
        KeyRole,
    )
)


@dataclass(frozen=True, slots=True)
class ListPage:
    """The first rows of a view, with their snippets while searching."""

    summaries: dict[int, ArticleSummary] = field(default_factory=dict)
    snippets: dict[int, str] = field(default_factory=dict)


def first_page(library: Library, keys: Sequence[int], search: str) -> ListPage:
    """The rows a new view paints first (run where the keys were read, off the GUI thread)."""
    head = list(keys[:PAGE])
    if not head:
        return ListPage()
    snippets = library.snippets(head, search, SNIPPET_MARKS) if search else {}
    return ListPage(library.summaries(head), snippets)


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_KEY = int(KeyRole)
_SUMMARY = int(SummaryRole)
_SNIPPET = int(SnippetRole)
_ARTICLE_ID = int(ArticleIdRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_MUTED_COLUMNS = frozenset((COL_AUTHOR, COL_SITE, COL_DATE, COL_TIME))


def _muted() -> QColor:
    """Secondary text in the platform palette's own colour for it."""
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def display_date(summary: ArticleSummary) -> str:
    return _date_text(summary.published_at, summary.added_at.date())


@lru_cache(maxsize=4096)
def _date_text(published_at: str | None, added: date) -> str:
    """Kept: every visible row's date is asked for at every paint."""
    day = published_date(published_at) or added
    return f"{day.day} {day:%b %Y}"


class ArticleListModel(QAbstractTableModel):
    """Rows of a list query; ``set_keys`` swaps the whole view in one reset."""

    sort_requested = Signal(str, bool)

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._keys: array[int] = array("q")
        #: False while only the first rows of the view are known (see ``complete_keys``).
        self.complete = True
        self._cache: OrderedDict[int, ArticleSummary] = OrderedDict()
        self._snippets: dict[int, str] = {}
        self._search = ""
        self._bold = QFont()
        self._bold.setBold(True)

    # ---------------------------------------------------------------- the view's rows
    def set_keys(
        self,
        keys: array[int],
        *,
        search: str = "",
        first_page: ListPage | None = None,
        complete: bool = True,
    ) -> None:
        """Show these rows. ``first_page`` holds the rows (and snippets) the view paints
        first, read beside the keys off the GUI thread, so a new view paints without waiting
        for the database. ``complete=False``: these are the view's first rows only, the rest
        come with ``complete_keys``."""
        self.beginResetModel()
        self._keys = keys
        self.complete = complete
        self._cache.clear()
        self._snippets.clear()
        self._search = search
        if first_page is not None:
            self._cache.update(first_page.summaries)
            self._snippets.update(first_page.snippets)
        self.endResetModel()

    def complete_keys(self, keys: array[int]) -> bool:
        """All the rows of a view whose first rows are shown: appended after them (the
        selection and the scroll position stay); a view that changed in between is shown
        anew. Returns whether the rows shown were kept."""
        shown = len(self._keys)
        self.complete = True
        if keys[:shown] == self._keys:
            if len(keys) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(keys) - 1)
                self._keys = keys
                self.endInsertRows()
            return True
        self.beginResetModel()
        self._keys = keys
        self.endResetModel()
        return False

    def add_page(self, page: ListPage) -> None:
        """Rows (and snippets) read off the GUI thread, so that painting them reads nothing."""
        self._cache.update(page.summaries)
        self._snippets.update(page.snippets)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def keys(self) -> array[int]:
        return self._keys

    def key_at(self, row: int) -> int | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of_key(self, key: int) -> int | None:
        # A scan of the compact array in C: far cheaper than a dict of a whole view's rows
        # built after every reload for the one or two lookups a reload makes.
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def summary(self, row: int) -> ArticleSummary | None:
        key = self.key_at(row)
        if key is None:
            return None
        found = self._cache.get(key)
        if found is None:
            self._fetch_around(row)
            found = self._cache.get(key)
        return found

    def article_id(self, row: int) -> str | None:
        s = self.summary(row)
        return s.id if s else None

    def _fetch_around(self, row: int) -> None:
        start = (row // PAGE) * PAGE
        wanted = [k for k in self._keys[start : start + PAGE] if k not in self._cache]
        if not wanted:
            return
        found = self._library.summaries(wanted)
        for key in wanted:
            summary = found.get(key)
            if summary is not None:
                self._cache[key] = summary
        if self._search:
            self._snippets.update(self._library.snippets(wanted, self._search, SNIPPET_MARKS))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def invalidate(self, article_ids: Iterable[str]) -> None:
        """Forget cached rows of these articles and repaint them (their data changed)."""
        ids = set(article_ids)
        stale = [k for k, s in self._cache.items() if s.id in ids]
        for key in stale:
            del self._cache[key]
            row = self.row_of_key(key)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # ---------------------------------------------------------------- Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_STATE:
                return "Unread ● and starred ★"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Asked for every cell at every paint: the flags are made once (combining Qt's enum
        # values is slow in Python).
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks every cell for a dozen roles as it paints; most have no answer here.
        # Roles are compared as plain ints: reading Qt's enum members costs more than the rest.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._keys):
            return None
        if role == _KEY:
            return self._keys[row]
        s = self.summary(row)
        if s is None:
            return None
        col = index.column()
        if role == _DISPLAY:
            return self._display(s, col)
        if role == _FOREGROUND:
            if col in _MUTED_COLUMNS or (col == COL_TITLE and s.title_inferred):
                return _muted()
            return None
        if role == _FONT:
            return self._bold if col == COL_TITLE and not s.read else None
        if role == _ALIGNMENT:
            return _CENTER if col in (COL_STATE, COL_TIME) else None
        if role == _SUMMARY:
            return s
        if role == _SNIPPET:
            return self._snippets.get(self._keys[row], "")
        if role == _ARTICLE_ID:
            return s.id
        if role == _TOOLTIP:
            return tooltip(self._tooltip(s, self._snippets.get(self._keys[row], "")))
        if role == _ACCESSIBLE:
            state = ("unread, " if not s.read else "") + ("starred, " if s.starred else "")
            read = f", {round(s.progress * 100)}% read" if 0 < s.progress < 1 else ""
            return f"{state}{s.title}{read}"
        return None

    @staticmethod
    def _display(s: ArticleSummary, col: int) -> str:
        if col == COL_STATE:
            return ("●" if not s.read else "") + ("★" if s.starred else "")
        if col == COL_TITLE:
            return s.title or "Untitled"
        if col == COL_AUTHOR:
            return s.author or ""
        if col == COL_SITE:
            return s.site_name or ""
        if col == COL_DATE:
            return display_date(s)
        if col == COL_TIME:
            return f"{s.reading_minutes} min" if s.reading_minutes else ""
        return ""

    @staticmethod
    def _tooltip(s: ArticleSummary, snippet: str) -> str:
        parts = [s.title]
        if s.author:
            parts.append(f"by {s.author}")
        added: datetime = s.added_at
        parts.append(f"added {added.astimezone():%d %b %Y %H:%M}")
        if s.reading_minutes:
            parts.append(f"{s.reading_minutes} min read")
        if 0 < s.progress < 1:
            parts.append(f"{round(s.progress * 100)}% read so far")
        if s.title_inferred:
            parts.append("(title taken from the text: edit it with E)")
        if snippet:
            for mark in SNIPPET_MARKS:
                snippet = snippet.replace(mark, "")
            parts.append("…" + " ".join(snippet.split()) + "…")
        return "\n".join(parts)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the database: ask for the view again in the new order."""
        if 0 <= column < len(SORT_KEYS) and SORT_KEYS[column]:
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(SORT_KEYS[column], descending)
