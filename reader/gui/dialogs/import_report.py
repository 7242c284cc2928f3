"""The report at the end of an import: what went in, what was merged or a duplicate, what
failed and why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.domain.report import ImportReport
from reader.gui.dialogs.report_dialog import ReportDialog, counted


class ImportReportDialog(ReportDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        parts = [f"Imported {counted(len(report.imported), 'article')}"]
        if report.merged:
            parts.append(f"{counted(len(report.merged), 'copy', 'copies')} merged")
        if report.duplicates:
            parts.append(f"{counted(len(report.duplicates), 'duplicate')} skipped")
        if report.failed:
            parts.append(f"{len(report.failed)} failed")
        if report.cancelled:
            parts.append("cancelled before the end")
        super().__init__(
            title="Import report",
            name="importReport",
            headline=" · ".join(parts),
            text=report.to_text(),
            parent=parent,
        )
        self.report = report
