"""Copying a library file safely with SQLite's online backup API, and putting a copy back.

A backup is read from one consistent snapshot of the library (other programs may keep writing
to it), written to a temporary file beside the target, checked with SQLite's full integrity
check, synced to disk and only then renamed into place: a crash or a full disk leaves either
no backup or a whole one, never half of one. A restore writes the backup's pages into the live
file through the same API (so other connections see the restored library, and its
write-ahead log stays consistent); only a library too damaged for that is moved aside and
replaced by a copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.domain.errors import LibraryOpenError, StorageError, StorageProblem
from reader.storage import health

#: Backup and restore wait this long for another writer, in milliseconds.
BUSY_TIMEOUT_MS = 30_000


def _fsync_dir(folder: Path) -> None:
    # A rename is durable only once the folder's entry is on disk (POSIX); Windows has no such
    # call, and there the rename is already durable.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fail(problem: StorageProblem, path: Path, exc: BaseException) -> StorageError:
    return StorageError(health.describe(problem, path, health.first_line(exc)), problem=problem)


def verify(path: Path, *, head_revision: str | None = None) -> str:
    """Check that ``path`` is a sound Folio library (full integrity check); return its schema
    revision. Raises LibraryOpenError saying what is wrong with it."""
    health.check_header(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise LibraryOpenError(f"{path} is empty or missing", problem=StorageProblem.UNREADABLE)
    try:
        conn = health.connect_read_only(path)
    except sqlite3.Error as exc:
        problem = health.problem_of(exc) or StorageProblem.DAMAGED
        raise LibraryOpenError(
            health.describe(problem, path, health.first_line(exc)), problem=problem
        ) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            raise LibraryOpenError(
                f"{path} is not a Folio library", problem=StorageProblem.NOT_FOLIO
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row else ""
        if head_revision is not None and revision != head_revision:
            from reader.storage.schema import known_revisions

            if revision not in known_revisions():
                raise LibraryOpenError(
                    f"{path} was made by a newer version of Folio (schema {revision})",
                    problem=StorageProblem.NEWER,
                )
        problems = health.integrity_problems(conn)
        if problems:
            raise LibraryOpenError(
                health.describe(StorageProblem.DAMAGED, path, problems[0][:160]),
                problem=StorageProblem.DAMAGED,
            )
        return revision
    except sqlite3.Error as exc:
        problem = health.problem_of(exc) or StorageProblem.DAMAGED
        raise LibraryOpenError(
            health.describe(problem, path, health.first_line(exc)), problem=problem
        ) from exc
    finally:
        conn.close()


def count_articles(path: Path) -> int | None:
    """How many articles (Trash included) a library or backup file holds; None if unreadable."""
    try:
        conn = health.connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def copy_to(source: Path, dest: Path) -> None:
    """Back up the library at ``source`` into a new file ``dest``, atomically and verified.

    Raises StorageError (the disk is full, the folder is read-only, the library is damaged)
    and leaves no partial file behind.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        src = health.connect_read_only(source)
        try:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            out = sqlite3.connect(tmp)
            try:
                # In one step: the copy reads a single snapshot, whatever others write meanwhile.
                src.backup(out)
                # A backup is one self-contained file, with no write-ahead log beside it.
                out.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                out.close()
        finally:
            src.close()
        verify(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except LibraryOpenError as exc:
        _remove(tmp)
        raise StorageError(
            f"the backup of {source} failed its check: {exc}", problem=exc.problem
        ) from exc
    except (sqlite3.Error, OSError) as exc:
        _remove(tmp)
        problem = health.classify(exc, dest) or StorageProblem.UNREADABLE
        where = dest if problem in (StorageProblem.DISK_FULL, StorageProblem.READ_ONLY) else source
        raise _fail(problem, where, exc) from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{extra}").unlink()


def restore_into(backup: Path, library: Path, *, head_revision: str) -> Path | None:
    """Make the library at ``library`` a copy of ``backup`` (checked first).

    Returns the path the damaged library was moved to when it could not be written in place,
    else None. Raises LibraryOpenError for a backup that is unsound or from a newer Folio.
    """
    verify(backup, head_revision=head_revision)
    moved: Path | None = None
    try:
        if library.exists() and library.stat().st_size > 0:
            health.check_header(library)
        _copy_pages(backup, library)
    except (sqlite3.DatabaseError, LibraryOpenError) as exc:
        problem = health.classify(exc, library)
        if problem in (StorageProblem.DISK_FULL, StorageProblem.READ_ONLY, StorageProblem.BUSY):
            raise _fail(problem, library, exc) from exc
        # The live file is too damaged to be written through SQLite: keep it aside (nothing
        # is deleted) and put a plain copy of the backup in its place.
        moved = _move_aside(library)
        _copy_file(backup, library)
    try:
        verify(library, head_revision=head_revision)
    except LibraryOpenError as exc:
        raise StorageError(
            f"the restored library failed its check: {exc}", problem=exc.problem
        ) from exc
    return moved


def _copy_pages(backup: Path, library: Path) -> None:
    src = health.connect_read_only(backup)
    try:
        dst = sqlite3.connect(library, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL").fetchone()
        finally:
            dst.close()
    finally:
        src.close()


def _move_aside(library: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = library.with_name(f"{library.name}.damaged-{stamp}")
    os.replace(library, target)
    for extra in ("-wal", "-shm"):
        side = Path(f"{library}{extra}")
        if side.exists():
            os.replace(side, Path(f"{target}{extra}"))
    return target


def _copy_file(source: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(source, tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except BaseException:
        _remove(tmp)
        raise
