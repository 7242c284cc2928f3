"""A report at the end of a long job (an import, a fetch): a one-line summary, every line of
the report, and a button to copy it all."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.plain import plain_label


class ReportDialog(QDialog):
    """Shows ``text`` under a bold ``headline``; Copy puts the whole text on the clipboard."""

    def __init__(
        self,
        *,
        title: str,
        name: str,
        headline: str,
        text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(name)
        self._text = text
        self.summary = plain_label(QLabel(headline))
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setObjectName("reportText")
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._text)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 article``, ``3 articles``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
