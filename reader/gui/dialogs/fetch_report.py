"""The report at the end of "Fetch content": which pages were read, which failed and why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.domain.fetch import FetchReport
from reader.gui.dialogs.report_dialog import ReportDialog, counted


class FetchReportDialog(ReportDialog):
    def __init__(self, report: FetchReport, parent: QWidget | None = None) -> None:
        parts = [f"Fetched {counted(len(report.fetched), 'article')}"]
        if report.failed:
            parts.append(f"{len(report.failed)} failed")
        if report.cancelled:
            parts.append("cancelled before the end")
        super().__init__(
            title="Fetch content",
            name="fetchReport",
            headline=" · ".join(parts),
            text=report.to_text(),
            parent=parent,
        )
        self.report = report
