"""Running work off the GUI thread and bringing the result back to it.

``TaskRunner`` has three pools: reads (a few threads), writes (one thread, so writes happen in
the order they were asked for) and long reads (one thread: the integrity check of a large
library, the day's backup), which so never hold up the reads a screen waits for. A task's
callable runs in the pool; its result, error and progress come back as signals delivered on
the main thread. Long jobs get a ``TaskControl`` with ``progress(done, total, label)`` and
``cancelled()``.

``SyncRunner`` runs everything at once in the caller's thread: tests use it so that a flow can
be followed step by step without waiting.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]
OnProgress = Callable[[int, int, str], None]


class TaskControl:
    """Handed to a long job: report progress, notice a cancel."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._task.progressed.emit(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Task(QObject):
    """One submitted job; lives on the main thread, so its signals arrive there."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    ended = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.control = TaskControl(self)
        self.done = False

    def cancel(self) -> None:
        self.control.cancel()


def _yield_the_processor() -> None:
    """Let the calling thread run only on time the others leave: the lowest priority there is
    for it (on Linux its nice value, which Qt's thread priorities leave alone)."""
    QThread.currentThread().setPriority(QThread.Priority.LowestPriority)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[TaskControl], Any], *, low: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn
        self._low = low

    def run(self) -> None:
        if self._low:
            _yield_the_processor()
        try:
            result = self._fn(self._task.control)
        except BaseException as exc:  # delivered to the main thread, never lost in a pool
            exc.__dict__.setdefault("folio_traceback", traceback.format_exc())
            self._task.failed.emit(exc)
        else:
            self._task.finished.emit(result)


class TaskRunner(QObject):
    """Runs callables in thread pools; results come back by signal on the main thread."""

    task_failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._long = QThreadPool(self)
        self._long.setMaxThreadCount(1)
        self._live: set[Task] = set()

    def submit(
        self,
        fn: Callable[[TaskControl], Any],
        *,
        name: str = "task",
        write: bool = False,
        long: bool = False,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Task:
        """Run ``fn(control)`` in the read, write or (``long``) long-read pool; call back on
        the main thread."""
        task = Task(name)
        self._wire(task, on_done, on_error, on_progress)
        self._start(task, fn, write, long)
        return task

    def _wire(
        self,
        task: Task,
        on_done: OnDone | None,
        on_error: OnError | None,
        on_progress: OnProgress | None,
    ) -> None:
        self._live.add(task)

        def finished(result: Any) -> None:
            task.done = True
            self._live.discard(task)
            if on_done is not None:
                on_done(result)
            task.ended.emit()

        def failed(exc: BaseException) -> None:
            task.done = True
            self._live.discard(task)
            if on_error is not None:
                on_error(exc)
            else:
                self.task_failed.emit(task.name, exc)
            task.ended.emit()

        task.finished.connect(finished)
        task.failed.connect(failed)
        if on_progress is not None:
            task.progressed.connect(on_progress)

    def _start(
        self, task: Task, fn: Callable[[TaskControl], Any], write: bool, long: bool = False
    ) -> None:
        pool = self._writes if write else self._long if long else self._reads
        # Long reads (a whole-file check, the day's backup) run at the lowest priority: they
        # take the processor time the window's own reads and painting leave.
        pool.start(_Runnable(task, fn, low=long))

    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the pools to drain (on shutdown), so no job writes after the window closed."""
        return (
            self._reads.waitForDone(msecs)
            and self._writes.waitForDone(msecs)
            and self._long.waitForDone(msecs)
        )


class SyncRunner(TaskRunner):
    """Runs each task at once in the calling thread (tests): callbacks fire before submit
    returns."""

    def _start(
        self, task: Task, fn: Callable[[TaskControl], Any], write: bool, long: bool = False
    ) -> None:
        _Runnable(task, fn).run()
