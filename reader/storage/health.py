"""Looking at a library file before anything is written to it, and naming what SQLite refused.

``inspect`` opens the file read-only and refuses, with the kind of problem, a file that is not
a Folio library, was made by a newer Folio, or fails SQLite's quick integrity check: nothing is
written to such a file (not even the switch to write-ahead logging), so opening it can never
make it worse. ``problem_of`` turns an SQLite error into the kind of problem a person can act
on (the disk is full, the file is read-only, damaged or busy), and ``describe`` into one line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from reader.domain.errors import LibraryOpenError, StorageProblem

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's primary result codes (the low byte of an extended code).
_PERM = 3
_BUSY = 5
_LOCKED = 6
_READONLY = 8
_IOERR = 10
_CORRUPT = 11
_FULL = 13
_CANTOPEN = 14
_NOTADB = 26

_BY_CODE = {
    _CORRUPT: StorageProblem.DAMAGED,
    _NOTADB: StorageProblem.DAMAGED,
    _FULL: StorageProblem.DISK_FULL,
    _READONLY: StorageProblem.READ_ONLY,
    _PERM: StorageProblem.READ_ONLY,
    _BUSY: StorageProblem.BUSY,
    _LOCKED: StorageProblem.BUSY,
    _CANTOPEN: StorageProblem.UNREADABLE,
    _IOERR: StorageProblem.UNREADABLE,
}
# When an error carries no code (older drivers, wrapped errors), its words tell the kind.
_BY_WORDS = (
    ("disk is full", StorageProblem.DISK_FULL),
    ("malformed", StorageProblem.DAMAGED),
    ("not a database", StorageProblem.DAMAGED),
    ("readonly", StorageProblem.READ_ONLY),
    ("read-only", StorageProblem.READ_ONLY),
    ("database is locked", StorageProblem.BUSY),
    ("unable to open", StorageProblem.UNREADABLE),
)


def sqlite_error_of(exc: BaseException) -> BaseException | None:
    """The driver's own error behind an SQLAlchemy error (or the error itself)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException):
            current = orig
            continue
        current = current.__cause__ or current.__context__
    return None


def problem_of(exc: BaseException) -> StorageProblem | None:
    """What kind of storage problem ``exc`` is, or None for any other error (a bug, a
    constraint that the caller handles)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        import errno

        if exc.errno == errno.ENOSPC:
            return StorageProblem.DISK_FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StorageProblem.READ_ONLY
        return None
    err = sqlite_error_of(exc)
    if err is None:
        return None
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
        return _BY_CODE[code & 0xFF]
    text = str(err).lower()
    for words, problem in _BY_WORDS:
        if words in text:
            return problem
    return None


#: Below this much free space, an I/O error on the library's disk is taken as a full disk.
NEARLY_FULL_BYTES = 1 << 20


def classify(exc: BaseException, path: Path) -> StorageProblem | None:
    """``problem_of``, told by the disk itself when SQLite only says "disk I/O error": a full
    disk often reaches SQLite as a failed write of its shared-memory or log file."""
    problem = problem_of(exc)
    if problem is StorageProblem.UNREADABLE:
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
                return StorageProblem.DISK_FULL
        except OSError:
            pass
    return problem


def describe(problem: StorageProblem, path: Path, detail: str = "") -> str:
    """One line for a person: what is wrong with the library at ``path`` and what to do."""
    name = str(path)
    if problem is StorageProblem.DISK_FULL:
        return f"the disk holding {name} is full; nothing was changed (free some space and retry)"
    if problem is StorageProblem.READ_ONLY:
        return f"{name} cannot be written (a read-only file, folder or disk)"
    if problem is StorageProblem.BUSY:
        return (
            f"{name} is busy: another program kept it locked for too long; nothing was changed "
            "(try again)"
        )
    if problem is StorageProblem.DAMAGED:
        why = f" ({detail})" if detail else ""
        return f"{name} is damaged{why}; restore a backup of it"
    if problem is StorageProblem.NOT_FOLIO:
        return f"{name} is not a Folio library"
    if problem is StorageProblem.NEWER:
        return f"{name} was made by a newer version of Folio; update Folio to open it"
    return f"cannot open {name}" + (f": {detail}" if detail else "")


def first_line(exc: BaseException) -> str:
    err = sqlite_error_of(exc) or exc
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that opens ``path`` for reading only (``immutable`` for read-only media
    where SQLite cannot make the shared-memory file a write-ahead log needs)."""
    flag = "immutable=1" if immutable else "mode=ro"
    return f"file:{quote(path.resolve().as_posix())}?{flag}"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain read-only connection; on read-only media, falls back to immutable mode."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if problem_of(exc) is not StorageProblem.UNREADABLE or not path.is_file():
            raise
    conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True, check_same_thread=False)
    return conn


def check_header(path: Path) -> None:
    """Refuse, with a clear reason, a file that is not an SQLite database at all."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise LibraryOpenError(
            f"cannot read {path}: {exc.strerror or exc}", problem=StorageProblem.UNREADABLE
        ) from exc
    if head != SQLITE_HEADER:
        raise LibraryOpenError(
            f"{path} is not a Folio library (not an SQLite database)",
            problem=StorageProblem.NOT_FOLIO,
        )


def inspect(
    path: Path,
    *,
    head_revision: str,
    known: set[str] | None = None,
    check_integrity: bool = True,
    defer_integrity: bool = False,
) -> str | None:
    """Check an existing file without writing to it; return its schema revision (None for a
    file with no Folio schema yet, which becomes a library).

    Raises LibraryOpenError for a file that is not SQLite, another program's database, a
    newer Folio's library, or one that fails SQLite's quick integrity check. ``known`` is the
    set of revisions this Folio knows (asked for only when the file is not at the head);
    ``check_integrity=False`` lets a damaged file be looked at read-only.
    ``defer_integrity`` skips the integrity check of a library already at ``head_revision``
    (nothing will be upgraded): the caller runs it later, before anything is written
    (``Store.verify``).
    """
    check_header(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        problem = classify(exc, path) or StorageProblem.UNREADABLE
        raise LibraryOpenError(describe(problem, path, first_line(exc)), problem=problem) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise LibraryOpenError(
                    f"{path} is an SQLite database but not a Folio library",
                    problem=StorageProblem.NOT_FOLIO,
                )
            return None
        if check_integrity and not (defer_integrity and _revision(conn) == head_revision):
            # Integrity first: a damaged page can make any answer below wrong.
            problems = integrity_problems(conn, quick=True)
            if problems:
                raise LibraryOpenError(
                    damaged_message(path, problems), problem=StorageProblem.DAMAGED
                )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or not row[0]:
            raise LibraryOpenError(
                describe(StorageProblem.DAMAGED, path, "its schema revision is missing"),
                problem=StorageProblem.DAMAGED,
            )
        revision = str(row[0])
        if revision != head_revision:
            if known is None:
                from reader.storage.schema import known_revisions

                known = known_revisions()
            if revision not in known:
                raise LibraryOpenError(
                    f"{path} was made by a newer version of Folio (schema {revision}); "
                    "update Folio to open it",
                    problem=StorageProblem.NEWER,
                )
        return revision
    except sqlite3.Error as exc:
        problem = classify(exc, path) or StorageProblem.DAMAGED
        raise LibraryOpenError(describe(problem, path, first_line(exc)), problem=problem) from exc
    finally:
        conn.close()


def _revision(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row and row[0] else None


def damaged_message(path: Path, problems: list[str]) -> str:
    """The one line saying that the integrity check found ``problems`` in the file."""
    return describe(StorageProblem.DAMAGED, path, "integrity check: " + problems[0][:160])


def quick_check(path: Path) -> list[str]:
    """SQLite's quick integrity check of the file at ``path``, on a connection of its own
    (reads only); what it finds wrong, empty when the file is sound."""
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        return [first_line(exc)]
    try:
        return integrity_problems(conn, quick=True)
    except sqlite3.Error as exc:
        return [first_line(exc)]
    finally:
        conn.close()


def integrity_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """What SQLite's integrity check finds wrong (empty when the file is sound).

    ``quick`` skips checking that indexes match their tables (linear time, no sorting)."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(20)")]
    if rows == ["ok"]:
        return []
    lines = [line.strip() for row in rows for line in row.splitlines()]
    return [line for line in lines if line and not line.startswith("***")] or rows


def check_writable(path: Path) -> None:
    """Refuse to open for writing a library whose file or folder cannot be written: SQLite
    would fail later, half-way through something. (``os.access`` also sees read-only mounts.)"""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    targets = [path] if path.exists() else []
    targets.append(folder if not path.exists() else path.parent)
    for target in targets:
        if not os.access(target, os.W_OK):
            raise LibraryOpenError(
                describe(StorageProblem.READ_ONLY, path), problem=StorageProblem.READ_ONLY
            )
