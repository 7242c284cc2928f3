"""Writing export files: safe names on every platform, never outside the chosen folder, and
every file written atomically (a temporary file beside it, then a rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pathvalidate import sanitize_filename

#: Longest file name stem Folio writes (leaves room for a counter and an extension).
MAX_STEM = 80


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale_parts(path: Path, prefix: str) -> None:
    """Remove what an earlier writer of ``path`` that was killed left half-written (the
    temporary file name carries the writer's process id; a live writer's file is kept)."""
    if os.name != "posix":
        return  # os.kill(pid, 0) would not merely probe there
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".part")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    entry.unlink()


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name[:40]}."
    _clear_stale_parts(path, prefix)
    fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def safe_stem(title: str, fallback: str = "article") -> str:
    """A file name stem from a title: no separators, no reserved names, no ``<>:"|?*``,
    no leading dots, at most MAX_STEM characters, cut on a word boundary."""
    text = " ".join((title or "").split())
    text = text.replace("/", "-").replace("\\", "-")
    text = sanitize_filename(text, platform="universal", replacement_text="")
    text = text.strip(" .")
    if len(text) > MAX_STEM:
        cut = text[:MAX_STEM]
        space = cut.rfind(" ")
        text = (cut[:space] if space > MAX_STEM // 2 else cut).rstrip(" .,-")
    text = sanitize_filename(text, platform="universal", replacement_text="").strip(" .")
    return text or fallback


class NameAllocator:
    """Unique file names inside one export folder (case-insensitively, as macOS and Windows
    compare them), which never point outside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._taken: set[str] = set()

    def path_for(self, suggested: str, extension: str, *, subfolder: str | None = None) -> Path:
        stem = safe_stem(suggested)
        base = self.folder
        if subfolder:
            base = base / safe_stem(subfolder, fallback="untagged")
        candidate = f"{stem}.{extension}"
        n = 2
        while (str(base / candidate)).casefold() in self._taken:
            candidate = f"{stem} ({n}).{extension}"
            n += 1
        path = base / candidate
        resolved = path.resolve()
        if self.folder not in resolved.parents:
            raise ValueError(f"refusing to write outside the export folder: {path}")
        self._taken.add(str(path).casefold())
        return path
