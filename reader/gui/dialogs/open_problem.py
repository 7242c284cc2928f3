"""What the app shows when the library cannot be opened, with the safe ways out.

Each kind of problem gets a plain explanation and only the choices that are safe for it: a
damaged library can be restored from a backup or looked at read-only (to export what can be
read); a read-only one opened read-only; a full disk retried once there is space; a newer
Folio's library left alone. Nothing is written to the file before the user chooses.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.backups import BackupInfo
from reader.domain.errors import LibraryOpenError, StorageProblem

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class OpenChoice(Enum):
    RESTORE = "restore"
    READ_ONLY = "read_only"
    RETRY = "retry"
    QUIT = "quit"


#: Heading and explanation for each problem.
TEXTS: dict[StorageProblem, tuple[str, str]] = {
    StorageProblem.DAMAGED: (
        "Your library file is damaged",
        "SQLite's integrity check found damage in the file, as a failing disk or a crash of "
        "the computer can cause. Folio has not changed it. Restore a backup (the damaged file "
        "is kept beside it), or open it read-only to read and export what can still be read.",
    ),
    StorageProblem.NOT_FOLIO: (
        "This file is not a Folio library",
        "It is not a library Folio made, so Folio will not write to it. Restore one of the "
        "library's backups in its place, or quit and start Folio with another library "
        "(--db PATH).",
    ),
    StorageProblem.NEWER: (
        "This library comes from a newer Folio",
        "A newer version of Folio has upgraded it. This version would not understand it, so "
        "it leaves the file alone: update Folio to open it.",
    ),
    StorageProblem.READ_ONLY: (
        "Folio cannot write to this library",
        "The file, its folder or its disk is read-only. You can open it read-only to read, "
        "search and export, or quit and fix the permissions.",
    ),
    StorageProblem.DISK_FULL: (
        "The disk is full",
        "Folio needs a little space to open the library and nothing was changed. Free some "
        "space and try again, or open it read-only.",
    ),
    StorageProblem.BUSY: (
        "The library is busy",
        "Another program kept the library locked. Wait for it to finish and try again.",
    ),
    StorageProblem.UNREADABLE: (
        "Folio cannot open the library",
        "The file could not be read. Check that the disk is connected and try again.",
    ),
}

#: The choices each problem offers, in button order (Quit is always there).
CHOICES: dict[StorageProblem, tuple[OpenChoice, ...]] = {
    StorageProblem.DAMAGED: (OpenChoice.RESTORE, OpenChoice.READ_ONLY),
    StorageProblem.NOT_FOLIO: (OpenChoice.RESTORE,),
    StorageProblem.NEWER: (),
    StorageProblem.READ_ONLY: (OpenChoice.READ_ONLY,),
    StorageProblem.DISK_FULL: (OpenChoice.RETRY, OpenChoice.READ_ONLY),
    StorageProblem.BUSY: (OpenChoice.RETRY,),
    StorageProblem.UNREADABLE: (OpenChoice.RETRY,),
}

BUTTON_TEXT = {
    OpenChoice.RESTORE: "&Restore this backup",
    OpenChoice.READ_ONLY: "Open &read-only",
    OpenChoice.RETRY: "&Try again",
    OpenChoice.QUIT: "&Quit",
}


class OpenProblemDialog(QDialog):
    """Explains why the library did not open; ``choice`` and ``backup`` say what to do."""

    def __init__(
        self,
        error: LibraryOpenError,
        library: Path,
        backups: Sequence[BackupInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openProblemDialog")
        self.setWindowTitle("Folio")
        self.choice = OpenChoice.QUIT
        heading, text = TEXTS[error.problem]
        offered = [c for c in CHOICES[error.problem] if c is not OpenChoice.RESTORE or backups]

        title = QLabel(f"<h3>{html.escape(heading)}</h3>")
        title.setObjectName("openProblemHeading")
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        where = QLabel(f"<b>Library:</b> {html.escape(str(library))}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QLabel(html.escape(str(error)))
        detail.setObjectName("openProblemDetail")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail.setStyleSheet("color: palette(mid);")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addWidget(where)
        layout.addWidget(detail)

        self.backup_list = QListWidget()
        self.backup_list.setObjectName("openProblemBackups")
        self.backup_list.setAccessibleName("Backups")
        if OpenChoice.RESTORE in offered:
            layout.addWidget(QLabel("Backups of this library, newest first:"))
            for info in backups:
                item = QListWidgetItem(info.label)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                self.backup_list.addItem(item)
            self.backup_list.setCurrentRow(0)
            layout.addWidget(self.backup_list, 1)
        else:
            self.backup_list.hide()
            if error.problem in (StorageProblem.DAMAGED, StorageProblem.NOT_FOLIO):
                layout.addWidget(QLabel("There are no backups of this library to restore."))

        buttons = QDialogButtonBox()
        self.buttons: dict[OpenChoice, QPushButton] = {}
        for choice in (*offered, OpenChoice.QUIT):
            button = QPushButton(BUTTON_TEXT[choice])
            role = (
                QDialogButtonBox.ButtonRole.RejectRole
                if choice is OpenChoice.QUIT
                else QDialogButtonBox.ButtonRole.AcceptRole
            )
            buttons.addButton(button, role)
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            self.buttons[choice] = button
        if offered:
            self.buttons[offered[0]].setDefault(True)
        layout.addWidget(buttons)
        self.resize(600, 420 if OpenChoice.RESTORE in offered else 260)

    def _choose(self, choice: OpenChoice) -> None:
        self.choice = choice
        if choice is OpenChoice.QUIT:
            self.reject()
        else:
            self.accept()

    def backup(self) -> Path | None:
        item = self.backup_list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None


def ask_open_problem(
    error: LibraryOpenError, library: Path, backups: Sequence[BackupInfo]
) -> tuple[OpenChoice, Path | None]:
    """Ask what to do about a library that did not open (modal)."""
    dialog = OpenProblemDialog(error, library, backups)
    dialog.exec()
    result = (dialog.choice, dialog.backup() if dialog.choice is OpenChoice.RESTORE else None)
    dialog.deleteLater()
    return result
