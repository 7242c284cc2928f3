"""Finding what an import reads: files as given, folders walked, archives opened, size caps.

Yields ``Input`` values (a display name and a way to get the bytes) so the library can report
on every one of them, including those it refuses before parsing. A .zip archive is opened in
memory (never extracted) and its members walked like a folder's files, named
``archive.zip/member/path``, within the limits of ``reader.formats.archive``; an archive laid
out as one export (Omnivore's) is handed whole to its importer instead.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.formats import registry
from reader.formats.archive import MAX_DEPTH, ArchiveError, Member, SafeZip, is_zip

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
    #: The importer to use whatever the bytes look like (an archive claimed whole by one).
    format: str | None = None
    #: The file on disk when the input is a plain file (``read`` reads it), so that another
    #: process can read it too: an import's worker reads its files itself.
    path: str | None = None


def read_file(path: str | Path) -> bytes:
    """A plain file's bytes, within ``MAX_FILE_BYTES`` (InputError if it cannot be read)."""
    return _reader(path)()


def _reader(path: str | Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            size = os.stat(path).st_size
            if size > MAX_FILE_BYTES:
                raise InputError(
                    f"the file is {size / 1048576:.0f} MB; Folio imports files up to "
                    f"{MAX_FILE_BYTES // 1048576} MB"
                )
            with open(path, "rb") as fh:
                # Asked for the size the file has (and a byte more, to see if it grew), not
                # for the limit: a read of the limit allocates that much for every file.
                data = fh.read(size + 1)
                if len(data) > size:
                    data += fh.read(MAX_FILE_BYTES + 1 - len(data))
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


def _wanted_in_folder(name: str) -> bool:
    if name.startswith("."):
        return False
    ext = registry.extension_of(name)
    return ext not in SKIP_IN_FOLDERS


def _is_archive(path: str | Path) -> bool:
    if registry.extension_of(os.path.basename(path)) == "zip":
        return True
    try:
        # A plain descriptor, not a file object: every file of a folder is looked at here.
        fd = os.open(path, os.O_RDONLY)
        try:
            return is_zip(os.read(fd, 4))
        finally:
            os.close(fd)
    except OSError:
        return False


def _from_archive(name: str, read: Callable[[], bytes], depth: int = 1) -> Iterator[Input]:
    """The members of an archive as inputs (or one input, refused, with the reason).

    Members are read when the import reaches them, one at a time; the archive stays open
    (in memory) until then. Archives inside it are opened in turn, to ``MAX_DEPTH`` levels.
    """
    try:
        data = read()
        archive = SafeZip(data)
    except (InputError, ArchiveError) as exc:
        yield Input(name, _failing(str(exc)))
        return
    whole = registry.archive_importer(archive.names())
    if whole is not None:
        archive.close()
        yield Input(name, _constant(data), len(data), format=whole.name)
        return
    found = False
    for member in archive.members():
        found = True
        if isinstance(member, tuple):
            yield Input(f"{name}/{member[0]}", _failing(member[1]))
            continue
        inner = f"{name}/{member.name}"
        ext = registry.extension_of(member.name)
        if ext in SKIP_IN_FOLDERS:
            continue
        if ext == "zip":
            if depth >= MAX_DEPTH:
                message = f"an archive nested more than {MAX_DEPTH} deep; refused"
                yield Input(inner, _failing(message))
            else:
                yield from _from_archive(inner, _member_reader(archive, member), depth + 1)
            continue
        yield Input(inner, _member_reader(archive, member), member.size)
    if not found:
        yield Input(name, _failing("the archive is empty"))


def _member_reader(archive: SafeZip, member: Member) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return archive.read(member)
        except ArchiveError as exc:
            raise InputError(str(exc)) from exc

    return read


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _file(name: str, path: str | Path, size: int | None = None) -> Iterator[Input]:
    if _is_archive(path):
        yield from _from_archive(name, _reader(path))
    else:
        yield Input(name, _reader(path), _size(path) if size is None else size, path=str(path))


def walk(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Input]:
    """Every file the given paths name: files as they are, folders walked in name order,
    archives opened."""
    for given in paths:
        name = os.fspath(given)
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                whole = _export_folder(Path(root), files, dirs)
                if whole is not None:
                    dirs[:] = []
                    yield whole
                    continue
                for fname in sorted(files):
                    if not _wanted_in_folder(fname):
                        continue
                    full = os.path.join(root, fname)
                    try:
                        # One stat says both that it is a file and its size.
                        info = os.stat(full)
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode):
                        yield from _file(full, full, info.st_size)
        elif path.is_file():
            yield from _file(name, path)
        elif path.exists():
            yield Input(name, _failing("not a regular file"))
        else:
            yield Input(name, _failing("no such file or folder"))


def _export_folder(root: Path, files: list[str], dirs: list[str]) -> Input | None:
    """A folder that is an unpacked export read whole by one importer (browsers unpack a
    downloaded Omnivore zip), as one input whose bytes are that folder zipped in memory."""
    names = list(files)
    for sub in dirs:
        try:
            names.extend(f"{sub}/{entry.name}" for entry in os.scandir(root / sub))
        except OSError:
            continue
    fmt = registry.archive_importer(names)
    if fmt is None:
        return None

    def read() -> bytes:
        buffer = io.BytesIO()
        total = 0
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for folder, subdirs, children in os.walk(root):
                subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
                for child in sorted(children):
                    full = Path(folder) / child
                    if child.startswith(".") or not full.is_file():
                        continue
                    total += _size(full)
                    if total > MAX_FILE_BYTES:
                        raise InputError(
                            f"the export folder holds more than {MAX_FILE_BYTES // 1048576} MB"
                        )
                    try:
                        out.write(full, full.relative_to(root).as_posix())
                    except OSError as exc:
                        raise InputError(f"{full.name}: {exc.strerror or exc}") from exc
        return buffer.getvalue()

    return Input(str(root), read, format=fmt.name)


def _size(path: str | Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
