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

from reader.domain.changes import Changes
from reader.domain.fetch import FetchReport
from reader.fetching import FetchLimits
from reader.gui.dialogs.fetch_report import FetchReportDialog
from reader.gui.progress_task import run_with_progress
from reader.gui.tasks import TaskControl

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

#: Milliseconds before the progress dialog shows (a single quick page needs none).


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

        def work(c: TaskControl) -> tuple[FetchReport, Changes]:
            return lib.fetch(article_ids, progress=c.progress, cancelled=c.cancelled, limits=limits)

        def done(result: tuple[FetchReport, Changes]) -> None:
            report, changes = result
            self.window.say(report.summary())
            self.window.apply_changes(changes)
            self.fetch_finished.emit(report)
            if report.failed or report.cancelled or len(report.items) > 1:
                self.show_report(report)

        self.window.say("Fetching…")
        run_with_progress(
            self.window,
            self.window.runner,
            work,
            name="fetch",
            title="Fetch content",
            text="Fetching…",
            describe=lambda done, total, label: f"Fetching “{label}” ({done + 1} of {total})",
            failure="The fetch stopped",
            on_done=done,
            modal=True,
            total=len(article_ids),
        )

    def show_report(self, report: FetchReport) -> FetchReportDialog:
        dialog = FetchReportDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_report_dialog = dialog
        dialog.open()
        return dialog
