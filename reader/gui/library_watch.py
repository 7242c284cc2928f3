"""Noticing other programs' writes to the open library (``folio import`` in a terminal, a
second window) and handing them to the window as ``Changes``.

A timer asks the library facade every ``INTERVAL_MS`` whether someone else committed; the
check is one ``PRAGMA data_version`` when nothing happened, and it runs in the task runner's
read pool like any other read, so the window never waits on it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reader.domain.changes import Changes
from reader.gui.tasks import TaskControl, TaskRunner
from reader.library import Library

#: How often the library is asked about other writers, in milliseconds.
INTERVAL_MS = 1500


class LibraryWatch(QObject):
    """Emits ``changed_elsewhere`` with ``Changes(external=True)`` after another writer."""

    changed_elsewhere = Signal(object)

    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll_now(self) -> None:
        """Ask at once (the timer's tick, also used by tests)."""
        if self._in_flight:
            return
        self._in_flight = True
        library = self._library

        def work(_c: TaskControl) -> Changes:
            return library.external_changes()

        self._runner.submit(work, name="watch", on_done=self._on_polled, on_error=self._on_failed)

    def _on_timer_timeout(self) -> None:
        self.poll_now()

    def _on_polled(self, changes: Changes) -> None:
        self._in_flight = False
        if changes:
            self.changed_elsewhere.emit(changes)

    def _on_failed(self, _exc: BaseException) -> None:
        # A check that failed (the file is busy restoring) is simply asked again next tick.
        self._in_flight = False
