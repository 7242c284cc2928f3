"""The report at the end of an import: what went in, what was a duplicate, what failed and why.
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

from reader.domain.report import ImportReport
from reader.gui.plain import plain_label


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.setObjectName("importReport")
        self.report = report
        n_in, n_dup, n_bad = len(report.imported), len(report.duplicates), len(report.failed)
        headline = f"Imported {n_in} article{'s' if n_in != 1 else ''}"
        extras = []
        if report.merged:
            n = len(report.merged)
            extras.append(f"{n} cop{'ies' if n != 1 else 'y'} merged")
        if n_dup:
            extras.append(f"{n_dup} duplicate{'s' if n_dup != 1 else ''} skipped")
        if n_bad:
            extras.append(f"{n_bad} failed")
        if report.cancelled:
            extras.append("cancelled before the end")
        if extras:
            headline += " · " + " · ".join(extras)
        self.summary = plain_label(QLabel(headline))
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
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.to_text())
