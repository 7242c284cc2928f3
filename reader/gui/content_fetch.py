"""The "Fetch content" command: download the pages of saved links in the background.

Works on the selected articles (or the one being read). The downloads run in the task
runner's read pool, not its single write thread: they wait on the network for seconds each,
and holding the write thread that long would stall every other change the user makes. The
library saves each article in its own short transaction as its page arrives, so a cancel
keeps what finished. Progress shows after a short delay, with Cancel; the result goes to the
status bar, and to a copyable report when something failed or several pages were fetched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from reader.domain.changes import Changes
from reader.domain.fetch import FetchReport
from reader.fetching import FetchLimits
from reader.gui.dialogs.fetch_report import FetchReportDialog
from reader.gui.tasks import TaskControl

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

#: Milliseconds before the progress dialog shows (a single quick page needs none).
PROGRESS_DELAY_MS = 400


class ContentFetcher(QObject):
    """Owns the action and runs fetches for one window."""

    fetch_finished = Signal(object)

    def __init__(self, window: MainWindow, limits: FetchLimits | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.limits = limits
        self.last_report_dialog: FetchReportDialog | None = None
        self.action = QAction("&Fetch content", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.setStatusTip("Download the pages of the selected links and read them in")
        self.action.triggered.connect(self._on_action_triggered)
        window.addAction(self.action)

    def _on_action_triggered(self, _checked: bool = False) -> None:
        self.fetch(self.window.selected_ids())

    def fetch(self, article_ids: list[str]) -> None:
        """Fetch these articles' pages in the background."""
        if not article_ids:
            self.window.say("Select the articles whose content to fetch")
            return
        lib = self.window.library
        limits = self.limits
        progress = QProgressDialog("Fetching…", "Cancel", 0, len(article_ids), self.window)
        progress.setWindowTitle("Fetch content")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)

        def work(c: TaskControl) -> tuple[FetchReport, Changes]:
            return lib.fetch(article_ids, progress=c.progress, cancelled=c.cancelled, limits=limits)

        def on_progress(done: int, total: int, label: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            if label:
                progress.setLabelText(f"Fetching “{label}” ({done + 1} of {total})")

        def done(result: tuple[FetchReport, Changes]) -> None:
            progress.close()
            progress.deleteLater()
            report, changes = result
            self.window.say(report.summary())
            self.window.apply_changes(changes)
            self.fetch_finished.emit(report)
            if report.failed or report.cancelled or len(report.items) > 1:
                self.show_report(report)

        def failed(exc: BaseException) -> None:
            progress.close()
            progress.deleteLater()
            QMessageBox.warning(self.window, "Fetch content", f"The fetch stopped: {exc}")

        self.window.say("Fetching…")
        task = self.window.runner.submit(
            work, name="fetch", on_done=done, on_error=failed, on_progress=on_progress
        )
        progress.canceled.connect(task.cancel)

    def show_report(self, report: FetchReport) -> FetchReportDialog:
        dialog = FetchReportDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_report_dialog = dialog
        dialog.open()
        return dialog
