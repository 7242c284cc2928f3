"""Shared test setup: Qt offscreen before any QApplication, settings in a temporary folder,
and libraries as real SQLite files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Must happen before PySide6 creates the application (pytest-qt does it on first use).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("FOLIO_CONFIG_DIR", tempfile.mkdtemp(prefix="folio-test-config-"))
os.environ.setdefault("FOLIO_DATA_DIR", tempfile.mkdtemp(prefix="folio-test-data-"))
os.environ.pop("FOLIO_DB", None)

import pytest

from reader.library import Library
from tests import external_tools

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
