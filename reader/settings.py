"""Every setting Folio keeps, declared once with its type and default.

The GUI reads and writes them through ``Settings``, backed by QSettings in an INI file in the
config folder. This is the only module that touches QSettings; Qt is imported lazily so the
command line never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from reader.paths import config_dir

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type


# Window and layout
WINDOW_GEOMETRY: Setting[bytes] = Setting("window/geometry", b"", bytes)
WINDOW_STATE: Setting[bytes] = Setting("window/state", b"", bytes)
MAIN_SPLITTER: Setting[bytes] = Setting("window/main_splitter", b"", bytes)
EDITOR_SPLITTER: Setting[bytes] = Setting("window/editor_splitter", b"", bytes)
LIST_HEADER: Setting[bytes] = Setting("window/list_header", b"", bytes)
# Reading
THEME: Setting[str] = Setting("reader/theme", "system", str)
FONT_FAMILY: Setting[str] = Setting("reader/font_family", "", str)
FONT_SIZE: Setting[float] = Setting("reader/font_size", 13.0, float)
LINE_WIDTH: Setting[int] = Setting("reader/line_width_chars", 70, int)
HIGHLIGHT_COLOR: Setting[str] = Setting("reader/highlight_color", "yellow", str)
# The list
SORT_KEY: Setting[str] = Setting("list/sort", "added", str)
SORT_DESCENDING: Setting[bool] = Setting("list/sort_descending", True, bool)
# Folders last used in dialogs
LAST_IMPORT_DIR: Setting[str] = Setting("paths/last_import_dir", "", str)
LAST_EXPORT_DIR: Setting[str] = Setting("paths/last_export_dir", "", str)
# The export format last used (the dialog opens on it)
LAST_EXPORT_FORMAT: Setting[str] = Setting("export/format", "", str)

ALL: tuple[Setting[Any], ...] = (
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    MAIN_SPLITTER,
    EDITOR_SPLITTER,
    LIST_HEADER,
    THEME,
    FONT_FAMILY,
    FONT_SIZE,
    LINE_WIDTH,
    HIGHLIGHT_COLOR,
    SORT_KEY,
    SORT_DESCENDING,
    LAST_IMPORT_DIR,
    LAST_EXPORT_DIR,
    LAST_EXPORT_FORMAT,
)


class Settings:
    """Typed access to the settings file (``folio.ini`` in the config folder)."""

    def __init__(self, path: Path | None = None) -> None:
        from PySide6.QtCore import QSettings

        self.path = path or config_dir() / "folio.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw = self._qs.value(setting.key, None)
        if raw is None:
            return setting.default
        try:
            if setting.kind is bool:
                if isinstance(raw, str):
                    return raw.strip().lower() in ("true", "1", "yes")  # type: ignore[return-value]
                return bool(raw)  # type: ignore[return-value]
            if setting.kind is bytes:
                data = raw.data() if hasattr(raw, "data") else raw
                if isinstance(data, (bytes, bytearray, memoryview)):
                    return bytes(data)  # type: ignore[return-value]
                return setting.default
            return setting.kind(raw)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if isinstance(value, bytes):
            from PySide6.QtCore import QByteArray

            self._qs.setValue(setting.key, QByteArray(value))
        else:
            self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        self._qs.sync()
