"""The article list's view: a table whose title column keeps its room as the pane narrows
(the author, then the date and site columns step aside; the tooltip still has them)."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTableView, QWidget

from reader.gui.models.article_list import COL_AUTHOR, COL_DATE, COL_SITE

#: Below these viewport widths (pixels) a column is hidden, so the title stays readable.
HIDE_BELOW = ((COL_SITE, 760), (COL_AUTHOR, 440), (COL_DATE, 340))


class ArticleTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Columns the user (or the window) chose to show; narrowing only hides them.
        self.wanted_columns: set[int] = {COL_AUTHOR, COL_DATE}

    def fit_columns(self) -> None:
        width = self.viewport().width()
        header = self.horizontalHeader()
        for column, below in HIDE_BELOW:
            hidden = column not in self.wanted_columns or width < below
            if header.isSectionHidden(column) != hidden:
                header.setSectionHidden(column, hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()
