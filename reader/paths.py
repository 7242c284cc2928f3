"""Where Folio keeps things: the library file, settings, drafts and backups."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from reader import APP_NAME

LIBRARY_FILE = "library.sqlite3"


def data_dir() -> Path:
    """The platform's data folder for Folio (``~/.local/share/Folio`` on Linux);
    ``FOLIO_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("FOLIO_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def drafts_dir() -> Path:
    """Unsaved edits of the editing form, kept until they are saved or discarded."""
    return data_dir() / "drafts"


def config_dir() -> Path:
    """Settings live here; ``FOLIO_CONFIG_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("FOLIO_CONFIG_DIR")
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


def default_library() -> Path:
    """``$FOLIO_DB`` if set, else ``library.sqlite3`` in the data folder."""
    override = os.environ.get("FOLIO_DB")
    return Path(override).expanduser() if override else data_dir() / LIBRARY_FILE


def backup_dir(library: Path) -> Path:
    """Where the backups of the library at ``library`` go: a folder beside it, named after it
    (``library.backups`` beside ``library.sqlite3``), so backups travel with their library."""
    return library.parent / f"{library.stem}.backups"
