"""The question asked when a save meets a newer version of the article saved elsewhere.

Two windows (or a window and another program) edited the same article; the second save finds
that the article's version moved since its edit began. Nothing is overwritten silently: the
user keeps their edit (the other version stays in the article's history), keeps the other
version (dropping their edit), or keeps both (their edit saved as a copy).
"""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.domain.article import EDITABLE_FIELDS, Article

LABELS = {
    "title": "Title",
    "subtitle": "Subtitle",
    "author": "Author",
    "author_bio": "Author bio",
    "site_name": "Site",
    "url": "Link",
    "published_at": "Published",
    "language": "Language",
    "tags": "Tags",
    "image_url": "Image link",
    "image_credit": "Image credit",
    "image_caption": "Image caption",
    "summary": "Summary",
    "body": "Text",
}
#: Longest value shown in a cell; the whole value is in its tooltip.
CELL_CHARS = 160


class ConflictChoice(Enum):
    KEEP_MINE = "mine"
    KEEP_THEIRS = "theirs"
    KEEP_BOTH = "both"
    CANCEL = "cancel"


def _shown(value: object) -> str:
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _body_summary(mine: str, theirs: str) -> tuple[str, str]:
    """Where two texts first differ, with a little context, and their lengths in words."""
    i = 0
    while i < min(len(mine), len(theirs)) and mine[i] == theirs[i]:
        i += 1
    start = max(0, i - 40)

    def around(text: str) -> str:
        words = len(text.split())
        part = " ".join(text[start : i + 80].split())
        return f"{words} words · …{part}…" if part else f"{words} words"

    return around(mine), around(theirs)


def differences(mine: Article, theirs: Article) -> list[tuple[str, str, str]]:
    """(field label, my value, their value) for each editable field that differs."""
    rows: list[tuple[str, str, str]] = []
    for name in EDITABLE_FIELDS:
        a, b = getattr(mine, name), getattr(theirs, name)
        if a == b:
            continue
        if name == "body":
            shown_a, shown_b = _body_summary(str(a or ""), str(b or ""))
        else:
            shown_a, shown_b = _shown(a), _shown(b)
        rows.append((LABELS.get(name, name), shown_a, shown_b))
    return rows


class ConflictDialog(QDialog):
    """Shows what differs and asks which version to keep."""

    def __init__(self, mine: Article, theirs: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Changed elsewhere")
        self.setModal(True)
        self.choice = ConflictChoice.CANCEL
        title = theirs.title or mine.title or "Untitled"

        heading = QLabel(
            f"<b>“{html.escape(title)}” was saved elsewhere while you were editing it.</b>"
        )
        heading.setObjectName("conflictHeading")
        heading.setWordWrap(True)
        when = theirs.updated_at.astimezone().strftime("%d %b %Y, %H:%M")
        intro = QLabel(
            f"Another window or program saved version {theirs.version} at {when}; your edit "
            f"started from version {mine.version}. Choose what to keep. Nothing is lost: the "
            "version you replace stays in the article's history."
        )
        intro.setWordWrap(True)

        rows = differences(mine, theirs)
        table = QTableWidget(len(rows), 3)
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels(["Field", "Your edit", "Saved elsewhere"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(True)
        for r, (label, a, b) in enumerate(rows):
            for c, text in enumerate((label, a, b)):
                item = QTableWidgetItem(text[:CELL_CHARS] + ("…" if len(text) > CELL_CHARS else ""))
                item.setToolTip(text)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(
            min(360, table.horizontalHeader().sizeHint().height() + rows_height + 6)
        )
        self.table = table

        buttons = QDialogButtonBox()
        self.mine_button = QPushButton("Keep &mine")
        self.mine_button.setToolTip("Save your edit; the other version goes to the history")
        self.theirs_button = QPushButton("Keep &theirs")
        self.theirs_button.setToolTip("Drop your edit and show the version saved elsewhere")
        self.both_button = QPushButton("Keep &both")
        self.both_button.setToolTip("Save your edit as a new article beside this one")
        self.cancel_button = QPushButton("Back to editing")
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.both_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.mine_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_THEIRS))
        self.both_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_BOTH))
        self.cancel_button.clicked.connect(lambda: self._choose(ConflictChoice.CANCEL))
        for button in (self.mine_button, self.theirs_button, self.cancel_button):
            button.setAutoDefault(False)
        self.both_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(760, self.sizeHint().height())

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        if choice is ConflictChoice.CANCEL:
            self.reject()
        else:
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc means "back to editing", like the Cancel button.
        if event.key() == Qt.Key.Key_Escape:
            self._choose(ConflictChoice.CANCEL)
            return
        super().keyPressEvent(event)


def ask_conflict(parent: QWidget, mine: Article, theirs: Article) -> ConflictChoice:
    """Ask which version to keep (modal); CANCEL when the dialog is closed."""
    dialog = ConflictDialog(mine, theirs, parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice
