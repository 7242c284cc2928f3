"""Undo for the window's own writes (a move to the Trash, a removed highlight): each entry
knows what to say in the Edit menu and how to put things back; Ctrl+Z takes the newest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from reader.domain.changes import Changes

#: How many steps are kept.
DEPTH = 50


@dataclass(frozen=True, slots=True)
class UndoEntry:
    #: What the step undoes, for the menu: "move to Trash", "remove highlight".
    label: str
    #: Puts things back (runs on the write pool) and says what changed.
    undo: Callable[[], Changes]
    #: Said in the status bar once undone.
    done_message: str = ""


class UndoStack(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[UndoEntry] = []

    def push(self, entry: UndoEntry) -> None:
        self._entries.append(entry)
        del self._entries[:-DEPTH]
        self.changed.emit()

    def pop(self) -> UndoEntry | None:
        if not self._entries:
            return None
        entry = self._entries.pop()
        self.changed.emit()
        return entry

    def top(self) -> UndoEntry | None:
        return self._entries[-1] if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)
