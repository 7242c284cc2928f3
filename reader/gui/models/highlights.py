"""The highlights panel's model: the open article's highlights in reading order, each with
its note and colour, and the ones no longer found in the text at the end."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reader.domain.article import Article, Highlight
from reader.render.highlights import index_fragment, locate_all
from reader.render.html import markdown_to_html
from reader.render.themes import highlight_shade

HighlightIdRole = Qt.ItemDataRole.UserRole + 1
HighlightRole = Qt.ItemDataRole.UserRole + 2
LostRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class HighlightsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Highlight, bool]] = []
        self._article_id: str | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_article(self, article: Article | None) -> None:
        self.beginResetModel()
        self._article_id = article.id if article is not None else None
        self._rows = []
        if article is not None and article.highlights:
            spans, lost = locate_all(
                index_fragment(markdown_to_html(article.body)), article.highlights
            )
            placed = sorted(
                (spans[h.id].start, n, h) for n, h in enumerate(article.highlights) if h.id in spans
            )
            self._rows = [(h, False) for _s, _n, h in placed]
            self._rows += [(h, True) for h in article.highlights if h.id in lost]
        self.endResetModel()

    @property
    def article_id(self) -> str | None:
        return self._article_id

    def highlight(self, row: int) -> Highlight | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, highlight_id: str) -> int | None:
        for n, (h, _lost) in enumerate(self._rows):
            if h.id == highlight_id:
                return n
        return None

    def lost_ids(self) -> tuple[str, ...]:
        return tuple(h.id for h, lost in self._rows if lost)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        h, lost = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            quote = " ".join(h.quote.split())
            if len(quote) > 220:
                quote = quote[:217].rstrip() + "…"
            text = quote if quote[:1] in "“\"'‘«" else f"“{quote}”"
            if h.note:
                text += f"\n✎ {h.note}"
            if lost:
                text += "\n(not found in the text any more)"
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(highlight_shade("light", h.color))
        if role == Qt.ItemDataRole.FontRole and lost:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.note or h.quote
        if role == Qt.ItemDataRole.AccessibleTextRole:
            note = f", note: {h.note}" if h.note else ""
            return f"{h.color} highlight: {h.quote}{note}"
        if role == HighlightIdRole:
            return h.id
        if role == HighlightRole:
            return h
        if role == LostRole:
            return lost
        return None
