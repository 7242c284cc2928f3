"""Tags for a selection of articles: the tags they all share, editable with completion;
tags only some of them carry are listed and left as they are."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reader.gui.widgets.tag_editor import TagEdit


def tag_edits(
    common: tuple[str, ...], wanted: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tags to add, tags to remove) to go from the shared tags to the wanted ones."""
    had = {t.casefold() for t in common}
    want = {t.casefold() for t in wanted}
    return (
        tuple(t for t in wanted if t.casefold() not in had),
        tuple(t for t in common if t.casefold() not in want),
    )


class TagDialog(QDialog):
    def __init__(
        self,
        count: int,
        common: tuple[str, ...],
        partial: tuple[str, ...],
        names: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self.setWindowTitle("Tags")
        self._common = common
        noun = "this article" if count == 1 else f"these {count} articles"
        intro = QLabel(f"Tags of {noun} (comma separated; remove one to take it off):")
        intro.setWordWrap(True)
        self.edit = TagEdit()
        self.edit.setObjectName("tagDialogEdit")
        self.edit.setAccessibleName("Tags")
        self.edit.set_names(names)
        self.edit.set_tags(common)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit)
        if partial:
            some = QLabel("Only some of them have: " + ", ".join(partial) + " (left as they are).")
            some.setWordWrap(True)
            layout.addWidget(some)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 150)
        self.edit.setFocus()
        self.edit.end(False)

    def edits(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tag_edits(self._common, self.edit.tags())
