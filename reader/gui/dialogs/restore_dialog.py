"""File > Restore from backup: the library's backups, newest first, or any backup file.

Shared by the main window and by the dialog shown when a library cannot be opened. Choosing
here changes nothing yet: the window confirms, then restores (the current state is backed up
first, so a restore can itself be undone).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.backups import BackupInfo

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return f"{n} bytes"


class RestoreDialog(QDialog):
    """Lists backups; ``selected_path()`` is the one chosen (or a file picked by hand)."""

    def __init__(
        self, backups: Sequence[BackupInfo], library: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self._library = library
        self._picked: Path | None = None
        intro = QLabel(
            f"Choose a backup of <b>{library.name}</b> to go back to. The library as it is "
            "now is backed up first, so you can come back to it."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups")
        for info in backups:
            item = QListWidgetItem(f"{info.label} · {_size(info.size)}")
            item.setData(PATH_ROLE, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        self.empty = QLabel(
            f"No backups of this library yet. Folio makes one each day and before every "
            f"upgrade, in {library.parent / (library.stem + '.backups')}."
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not backups)
        self.list.setVisible(bool(backups))
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("Restore")
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        if backups:
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _on_choose_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a backup",
            str(self._library.parent),
            "Folio libraries (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        if path:
            self._picked = Path(path)
            self.accept()

    def selected_path(self) -> Path | None:
        if self._picked is not None:
            return self._picked
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None


def choose_backup(
    parent: QWidget | None, backups: Sequence[BackupInfo], library: Path
) -> Path | None:
    """Ask for a backup (modal); None when cancelled."""
    dialog = RestoreDialog(backups, library, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.selected_path() if accepted else None
    dialog.deleteLater()
    return chosen
