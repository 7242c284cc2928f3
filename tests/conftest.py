"""Shared test setup: Qt offscreen before any QApplication, settings in a temporary folder,
and libraries as real SQLite files."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Must happen before PySide6 creates the application (pytest-qt does it on first use).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _variable, _prefix in (
    ("FOLIO_CONFIG_DIR", "folio-test-config-"),
    ("FOLIO_DATA_DIR", "folio-test-data-"),
):
    if _variable not in os.environ:
        os.environ[_variable] = tempfile.mkdtemp(prefix=_prefix)
        atexit.register(shutil.rmtree, os.environ[_variable], ignore_errors=True)
os.environ.pop("FOLIO_DB", None)

import pytest  # noqa: E402  (after the environment above)

from reader.library import Library  # noqa: E402
from tests import external_tools  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    lib = Library.open(library_path)
    yield lib
    lib.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which checks by real programs (epubcheck, pandoc, pdftotext ...) ran."""
    lines = external_tools.summary()
    if lines:
        terminalreporter.write_sep("-", "external checks of the exports")
        for line in lines:
            terminalreporter.write_line(line)
