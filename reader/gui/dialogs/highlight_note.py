"""The note of a highlight: the marked passage, a note (optional) and a colour."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain.article import HIGHLIGHT_COLORS
from reader.gui.widgets.highlights_panel import color_icon_pixmap


class HighlightNoteDialog(QDialog):
    def __init__(
        self, quote: str, note: str = "", color: str = "yellow", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight note")
        self.setObjectName("highlightNote")
        shown = " ".join(quote.split())
        self.quote = QLabel(f"“{shown[:400]}{'…' if len(shown) > 400 else ''}”")
        self.quote.setWordWrap(True)
        self.note = QPlainTextEdit(note)
        self.note.setObjectName("highlightNoteText")
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Your note (optional)")
        self.note.setTabChangesFocus(True)
        self.colors = QButtonGroup(self)
        row = QHBoxLayout()
        for name in HIGHLIGHT_COLORS:
            button = QRadioButton(name.capitalize())
            button.setIcon(color_icon_pixmap(name))
            button.setProperty("color", name)
            self.colors.addButton(button)
            row.addWidget(button)
        for choice in self.colors.buttons():
            choice.setChecked(choice.property("color") == color)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.note, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(460, 280)
        self.note.setFocus()

    def values(self) -> tuple[str | None, str]:
        """(note or None, colour)."""
        checked = self.colors.checkedButton()
        color = str(checked.property("color")) if checked is not None else HIGHLIGHT_COLORS[0]
        return (self.note.toPlainText().strip() or None), color
