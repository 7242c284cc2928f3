"""Starting the desktop app: the QApplication, the library, the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import APP_NAME, __version__
from reader.backups import BackupInfo
from reader.domain.errors import FolioError, LibraryOpenError, StorageProblem
from reader.gui.icons import icon
from reader.library import Library

#: How long a thread running Python may keep the interpreter lock while another waits for it
#: (Python's default is 5 ms). The window's paint calls into Python for every cell, and each
#: call waits for the lock while a background read builds rows or draws a page: measured at
#: 100,000 articles, a screenful of search results took 20 to 650 ms to repaint beside a busy
#: thread at 5 ms, and 7 to 42 ms at 0.5 ms.
GIL_SWITCH_INTERVAL = 0.0005


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as in tests)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("folio")
    app.setWindowIcon(icon("folio"))
    return app


#: A library file larger than this opens without waiting for its integrity check, which
#: reads the whole file (0.7 s a GB): the window runs it once the first rows are on screen.
DEFER_CHECK_ABOVE = 64 * 1024 * 1024

#: Asks what to do about a library that did not open: (choice, backup to restore).
AskOpenProblem = Callable[[LibraryOpenError, Path, Sequence[BackupInfo]], tuple[Any, Path | None]]


def open_library(db_path: Path, ask: AskOpenProblem | None = None) -> Library | None:
    """Open the library, asking what to do while it cannot be: restore a backup, open it
    read-only, try again, or quit (None). Nothing is written to the file before a choice."""
    from reader.gui.dialogs.open_problem import OpenChoice, ask_open_problem

    ask = ask or ask_open_problem
    read_only = allow_damaged = False
    while True:
        try:
            return Library.open(
                db_path,
                read_only=read_only,
                daily_backup=False,
                allow_damaged=allow_damaged,
                defer_check_above=DEFER_CHECK_ABOVE,
            )
        except LibraryOpenError as exc:
            choice, backup = ask(exc, db_path, Library.backups_of(db_path, count=True))
            if choice is OpenChoice.QUIT:
                print(f"folio: {exc}", file=sys.stderr)
                return None
            if choice is OpenChoice.READ_ONLY:
                read_only = True
                allow_damaged = exc.problem is StorageProblem.DAMAGED
            elif choice is OpenChoice.RESTORE and backup is not None:
                try:
                    Library.restore_file(backup, db_path)
                except FolioError as err:
                    QMessageBox.warning(None, APP_NAME, f"The backup was not restored: {err}")
                read_only = allow_damaged = False


def run(db_path: Path) -> int:
    """Open the library at ``db_path`` in the main window; return the exit status."""
    app = make_application()
    library = open_library(db_path)
    if library is None:
        return 1
    from reader.gui.main_window import MainWindow

    window = MainWindow(library)
    window.show()
    window.take_daily_backup()
    try:
        return app.exec()
    finally:
        library.close()
