"""Starting the desktop app: the QApplication, the library, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import APP_NAME, __version__
from reader.domain.errors import FolioError
from reader.gui.icons import icon
from reader.library import Library


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as in tests)."""
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


def run(db_path: Path) -> int:
    """Open the library at ``db_path`` in the main window; return the exit status."""
    app = make_application()
    try:
        library = Library.open(db_path)
    except FolioError as exc:
        QMessageBox.critical(None, APP_NAME, f"Folio cannot open the library:\n\n{exc}")
        print(f"folio: {exc}", file=sys.stderr)
        return 1
    from reader.gui.main_window import MainWindow

    window = MainWindow(library)
    window.show()
    try:
        return app.exec()
    finally:
        library.close()
