"""The bar above the list in the Trash: what the Trash is, and its two commands."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class TrashBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashBar")
        self.setAccessibleName("Trash")
        self.label = QLabel("Articles here can be restored until the Trash is emptied.")
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("trashRestore")
        self.restore_button.setToolTip("Put the selected articles back in the library")
        self.empty_button = QPushButton("Empty Trash…")
        self.empty_button.setObjectName("trashEmpty")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.empty_button)
        self.hide()
