"""The report at the end of "Fetch content": which pages were read, which failed and why.
The user can copy it all."""

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

from reader.domain.fetch import FetchReport


class FetchReportDialog(QDialog):
    def __init__(self, report: FetchReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fetch content")
        self.setObjectName("fetchReport")
        self.report = report
        n_ok, n_bad = len(report.fetched), len(report.failed)
        headline = f"Fetched {n_ok} article{'s' if n_ok != 1 else ''}"
        if n_bad:
            headline += f" · {n_bad} failed"
        if report.cancelled:
            headline += " · cancelled before the end"
        self.summary = QLabel(headline)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QPlainTextEdit(report.to_text())
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
        self.resize(720, 360)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.to_text())
