"""Writing export files: safe names on every platform, never outside the chosen folder, and
every file written atomically (a temporary file beside it, then a rename).

A crash mid-write can leave only a hidden temporary file (``.<name>.<random>.folio-part``),
never a half-written export under its real name; the next export to the same place removes
such leftovers.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO

from pathvalidate import sanitize_filename

#: Longest file name stem Folio writes, in characters (leaves room for a counter and an
#: extension)...
MAX_STEM = 80
#: ... and in UTF-8 bytes: most file systems allow 255 bytes a name, and 80 emoji are 320.
MAX_STEM_BYTES = 160
#: What marks Folio's temporary files, so that only they are ever cleaned up.
PART_SUFFIX = ".folio-part"

# Read once (os.umask can only be read by setting it): new files get 0o666 less this.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


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
            if not (name.startswith(prefix) and name.endswith(PART_SUFFIX)):
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
    fd, tmp = tempfile.mkstemp(
        prefix=f"{prefix}{os.getpid()}.", suffix=PART_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; an export gets the permissions of any new file
        # (or keeps those of the file it replaces).
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def remove_stale_parts(folder: Path, *, prefix: str = "") -> list[Path]:
    """Delete the temporary files an interrupted export left in ``folder`` (not below it:
    the folder may be a large one the user chose), only those of a file named ``prefix...``
    when given."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for part in folder.glob(f".{glob_escape(prefix[:40])}*{PART_SUFFIX}"):
        if part.is_file() and not part.is_symlink():
            with contextlib.suppress(OSError):
                part.unlink()
                removed.append(part)
    return removed


def _cut_utf8(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 encoding fits in ``limit`` bytes."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_stem(title: str, fallback: str = "article") -> str:
    """A file name stem from a title, safe on Windows, macOS and Linux.

    No separators, no reserved names (``CON`` becomes ``CON_``), none of ``<>:"|?*``, no
    control or bidirectional-override characters (which can disguise an extension), no
    leading dots (hidden files), at most MAX_STEM characters and MAX_STEM_BYTES bytes, cut on a
    word boundary, in NFC (macOS would otherwise store another spelling of the same name).
    """
    text = unicodedata.normalize("NFC", title or "")
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    text = " ".join(text.split())
    text = text.replace("/", "-").replace("\\", "-")
    text = sanitize_filename(text, platform="universal", replacement_text="")
    text = " ".join(text.split()).strip(" .")
    if len(text) > MAX_STEM or len(text.encode("utf-8")) > MAX_STEM_BYTES:
        cut = _cut_utf8(text[:MAX_STEM], MAX_STEM_BYTES)
        space = cut.rfind(" ")
        text = (cut[:space] if space > len(cut) // 2 else cut).rstrip(" .,-")
    # A leading "-" would read as an option to every command-line tool.
    text = sanitize_filename(text, platform="universal", replacement_text="").strip(" .")
    text = text.lstrip("-. ")
    return text or fallback


def _key(path: Path) -> str:
    # macOS and Windows compare names case-insensitively, macOS also in any Unicode form.
    return unicodedata.normalize("NFC", str(path)).casefold()


class NameAllocator:
    """Unique file names inside one export folder (case-insensitively, as macOS and Windows
    compare them), which never point outside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._taken: set[str] = set()

    def path_for(
        self,
        suggested: str,
        extension: str,
        *,
        subfolder: str | Sequence[str] | None = None,
    ) -> Path:
        """A new path for a file named after ``suggested``, in ``subfolder`` (a name, or the
        parts of a nested folder such as a tag ``science/space``)."""
        stem = safe_stem(suggested)
        ext = safe_stem(extension, fallback="bin")
        base = self.folder
        parts = [subfolder] if isinstance(subfolder, str) else list(subfolder or ())
        for part in parts:
            base = base / safe_stem(part, fallback="untitled")
        candidate = f"{stem}.{ext}"
        n = 2
        while _key(base / candidate) in self._taken:
            candidate = f"{stem} ({n}).{ext}"
            n += 1
        path = base / candidate
        resolved = path.resolve()
        if self.folder not in resolved.parents:
            raise ValueError(f"refusing to write outside the export folder: {path}")
        self._taken.add(_key(path))
        return path

    def relative(self, path: Path) -> str:
        """``path`` (one this allocator gave) relative to the folder, with ``/`` separators."""
        return path.relative_to(self.folder).as_posix()
