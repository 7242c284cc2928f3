"""The tag editor: comma-separated tags in a line, completing the one being typed from the
library's tags (tags already in the line are not offered again). The editing form and the
tag dialog for a selection both use it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from reader.domain.text import clean_tags


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, from the library's tags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[str] = []
        self._names = QStringListModel(self)
        self.setModel(self._names)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_names(self, names: list[str]) -> None:
        self._all = list(names)
        self._names.setStringList(self._all)

    def exclude(self, taken: set[str]) -> None:
        """Offer only tags not already in the line."""
        wanted = [n for n in self._all if n.casefold() not in taken]
        if wanted != self._names.stringList():
            self._names.setStringList(wanted)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        edit = self.widget()
        if not isinstance(edit, QLineEdit):
            return chosen
        head = edit.text().rsplit(",", 1)
        return f"{head[0]}, {chosen}" if len(head) == 2 else chosen

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]


class TagEdit(QLineEdit):
    """A line of comma-separated tags with completion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("comma, separated, tags")
        self.completer_ = TagCompleter(self)
        self.setCompleter(self.completer_)
        self.textEdited.connect(self._on_text_edited)

    def set_names(self, names: list[str]) -> None:
        self.completer_.set_names(names)

    def tags(self) -> tuple[str, ...]:
        return clean_tags(self.text())

    def set_tags(self, tags: tuple[str, ...] | list[str]) -> None:
        self.setText(", ".join(tags))

    def _on_text_edited(self, text: str) -> None:
        done = text.rsplit(",", 1)[0] if "," in text else ""
        self.completer_.exclude({t.casefold() for t in clean_tags(done)})
