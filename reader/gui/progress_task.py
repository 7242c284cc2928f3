"""A long job in the background behind a progress dialog with Cancel (import, export, fetch).

The dialog appears only if the job outlasts ``PROGRESS_DELAY_MS``; Cancel asks the job to
stop (it keeps what it finished); the dialog closes before the result or the error is handled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from reader.gui.tasks import TaskControl, TaskRunner

#: How long a job runs before its progress dialog is shown.
PROGRESS_DELAY_MS = 400


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    work: Callable[[TaskControl], Any],
    *,
    name: str,
    title: str,
    text: str,
    describe: Callable[[int, int, str], str],
    failure: str,
    on_done: Callable[[Any], None],
    track: Callable[[QProgressDialog | None], None] | None = None,
    write: bool = False,
    modal: bool = False,
    total: int = 0,
) -> QProgressDialog:
    """Run ``work`` on ``runner`` behind a progress dialog titled ``title``; return the dialog.

    ``describe(done, total, label)`` is the dialog's line for each progress report that names
    an item; ``on_done(result)`` gets the result; an error is shown as ``"{failure}: {error}"``.
    ``track`` is told of the dialog when it is made and gets None when it goes (before the
    result or the error is handled), for a caller that keeps a handle on it.
    """
    progress = QProgressDialog(text, "Cancel", 0, total, parent)
    progress.setWindowTitle(title)
    if modal:
        progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)
    if track is not None:
        track(progress)

    def close() -> None:
        progress.close()
        progress.deleteLater()
        if track is not None:
            track(None)

    def on_progress(done: int, count: int, label: str) -> None:
        progress.setMaximum(max(count, 1))
        progress.setValue(done)
        if label:
            progress.setLabelText(describe(done, count, label))

    def done(result: Any) -> None:
        close()
        on_done(result)

    def failed(exc: BaseException) -> None:
        close()
        QMessageBox.warning(parent, title, f"{failure}: {exc}")

    task = runner.submit(
        work, name=name, write=write, on_done=done, on_error=failed, on_progress=on_progress
    )
    progress.canceled.connect(task.cancel)
    return progress
