"""Finding what an import reads: files as given, folders walked, size caps.

Yields ``Input`` values (a display name and a way to get the bytes) so the library can report
on every one of them, including those it refuses before parsing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.formats import registry

#: The largest single input Folio reads; larger files are refused with a clear reason.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Extensions never worth opening when found in a folder (page assets, media, programs).
SKIP_IN_FOLDERS = frozenset(
    {
        "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp",
        "tif", "tiff", "avif", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "m4a", "ogg",
        "wav", "webm", "mov", "avi", "pdf", "exe", "dll", "so", "dylib", "pyc", "db", "sqlite",
        "sqlite3", "ds_store", "lock",
    }
)  # fmt: skip


class InputError(Exception):
    """An input that cannot be read at all (missing, unreadable, too large)."""


@dataclass(frozen=True, slots=True)
class Input:
    """One file to import: ``name`` is the path as given or as found in a folder."""

    name: str
    read: Callable[[], bytes]
    size: int = 0


def _reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise InputError(
                    f"the file is {size / 1048576:.0f} MB; Folio imports files up to "
                    f"{MAX_FILE_BYTES // 1048576} MB"
                )
            with path.open("rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from exc
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"the file is larger than {MAX_FILE_BYTES // 1048576} MB")
        return data

    return read


def _failing(message: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise InputError(message)

    return read


def _wanted_in_folder(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    ext = registry.extension_of(path.name)
    return ext not in SKIP_IN_FOLDERS


def walk(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Input]:
    """Every file the given paths name: files as they are, folders walked in name order."""
    for given in paths:
        name = os.fspath(given)
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for fname in sorted(files):
                    child = Path(root) / fname
                    if _wanted_in_folder(child) and child.is_file():
                        yield Input(os.path.join(root, fname), _reader(child), _size(child))
        elif path.is_file():
            yield Input(name, _reader(path), _size(path))
        elif path.exists():
            yield Input(name, _failing("not a regular file"))
        else:
            yield Input(name, _failing("no such file or folder"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
