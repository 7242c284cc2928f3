"""Work that waits until a widget has painted: what the user is waiting to see goes first.

A view switch shows its first rows, then reads every other row of the view in the background.
Started at once, that read (parsing a hundred thousand keys, building rows) holds Python's
interpreter lock while the list paints its first rows, and the paint, which calls into Python
for every cell, waits for it: at 100,000 articles the list's first paint took 9 to 44 ms
depending on where the background read was, and 9 ms once the read waited for the paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: How long work waits for a paint that may not come (the widget covered, say), in ms.
FALLBACK_MS = 100


class AfterPaint(QObject):
    """Runs callables just after ``widget``'s next paint, or after FALLBACK_MS without one;
    at once while the widget is not shown (nothing to wait for)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._pending: list[Callable[[], None]] = []
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._run)
        widget.installEventFilter(self)

    def call(self, fn: Callable[[], None]) -> None:
        if not self._widget.isVisible():
            fn()
            return
        self._pending.append(fn)
        self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._pending:
            # The paint is about to happen: run once it (and the rest of the frame) is done.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self._fallback.stop()
        pending, self._pending = self._pending, []
        for fn in pending:
            fn()
