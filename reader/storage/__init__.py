"""Storage: the SQLite file, its schema, and sessions for reading and writing it.

``Store`` is the one object the library facade holds: it looks at the file before writing
anything to it (see ``health``), upgrades its schema, and hands out a fresh session per unit of
work (never shared across threads). Every write also bumps the file's change counter, which is
how an open window tells another program's writes from its own (``external_change``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from reader.domain.errors import LibraryOpenError, StorageError, StorageProblem
from reader.storage import health, schema
from reader.storage.engine import WRITE, create_library_engine, set_wal

__all__ = ["Store", "storage_problem"]

_BUMP = text(
    "UPDATE library_state SET change_seq = change_seq + 1 WHERE id = 1 RETURNING change_seq"
)


def storage_problem(exc: BaseException) -> StorageProblem | None:
    """The kind of storage problem behind ``exc`` (disk full, read-only, busy, damaged)."""
    if isinstance(exc, StorageError | LibraryOpenError):
        return exc.problem
    return health.problem_of(exc)


class Store:
    """An open library file."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        before_migration: Callable[[str | None], None] | None = None,
        allow_damaged: bool = False,
        defer_check_above: int | None = None,
    ) -> None:
        """``allow_damaged`` (read-only only) opens a file that fails the integrity check, so
        that what can still be read can be read and exported.

        ``defer_check_above`` (bytes): a library file larger than this, already at the
        current schema, opens without waiting for the integrity check, which reads the whole
        file (0.7 s for 1 GB). ``verify`` runs it; the first write waits for it and nothing
        is written to a file that fails it (the Store turns read-only)."""
        self.path = path
        self.read_only = read_only
        if read_only and not path.exists():
            raise LibraryOpenError(f"{path} does not exist", problem=StorageProblem.UNREADABLE)
        defer = (
            defer_check_above is not None
            and not read_only
            and path.is_file()
            and path.stat().st_size > defer_check_above
        )
        # Refusals happen here, before a single byte is written to the file.
        revision = health.inspect(
            path,
            head_revision=schema.HEAD_REVISION,
            check_integrity=not (read_only and allow_damaged),
            defer_integrity=defer,
        )
        #: The integrity check still to run (see ``verify``), and what it found.
        self._unverified = defer and revision == schema.HEAD_REVISION
        self._verify_lock = threading.Lock()
        self.damage: StorageError | None = None
        if read_only:
            if revision != schema.HEAD_REVISION:
                raise LibraryOpenError(
                    f"{path} needs an upgrade, which cannot be done while it is open read-only",
                    problem=StorageProblem.READ_ONLY,
                )
        else:
            health.check_writable(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                problem = health.problem_of(exc) or StorageProblem.UNREADABLE
                raise LibraryOpenError(
                    health.describe(problem, path, exc.strerror or ""), problem=problem
                ) from exc
        self.engine: Engine = create_library_engine(path, read_only=read_only)
        try:
            if not read_only:
                set_wal(self.engine)
                schema.upgrade(self.engine, before_migration=before_migration)
        except StorageError as exc:
            # The backup before a schema upgrade failed: no upgrade without one.
            self.engine.dispose()
            raise LibraryOpenError(
                f"{exc} (so the library was not upgraded)", problem=exc.problem
            ) from exc
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            self.engine.dispose()
            problem = health.classify(exc, path) or StorageProblem.UNREADABLE
            raise LibraryOpenError(
                health.describe(problem, path, health.first_line(exc)), problem=problem
            ) from exc
        except BaseException:
            self.engine.dispose()
            raise
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{WRITE: True}), expire_on_commit=False
        )
        # The change counter values this Store's own writes produced (see external_change).
        self._own_seqs: set[int] = set()
        self._own_lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._seen_version: int | None = None
        self._seen_seq: int | None = None
        self.external_change()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it sees one consistent snapshot of the file."""
        try:
            with self._reader() as session, session.begin():
                yield session
        except DBAPIError as exc:
            error = self._storage_error(exc)
            if error is None:
                raise
            raise error from exc

    @property
    def unverified(self) -> bool:
        """Whether the integrity check deferred at open has yet to run."""
        return self._unverified

    def verify(self) -> StorageError | None:
        """Run the integrity check deferred at open (once; at once if none was deferred).
        Returns the damage it found: then the Store is read-only from now on."""
        with self._verify_lock:
            if self._unverified:
                problems = health.quick_check(self.path)
                if problems:
                    self.damage = StorageError(
                        health.damaged_message(self.path, problems),
                        problem=StorageProblem.DAMAGED,
                    )
                    self.read_only = True
                self._unverified = False
            return self.damage

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock and commits on success.

        A write the file refuses (disk full, read-only, damaged, locked too long) is rolled
        back and raised as StorageError with a line a person can act on. The first write
        waits for the integrity check deferred at open, and none is made if it fails.
        """
        if self._unverified:
            self.verify()
        if self.damage is not None:
            raise StorageError(
                f"{self.damage}; nothing was changed", problem=StorageProblem.DAMAGED
            )
        if self.read_only:
            raise StorageError(
                f"{self.path} is open read-only; nothing was changed",
                problem=StorageProblem.READ_ONLY,
            )
        seq: int | None = None
        try:
            with self._writer() as session, session.begin():
                yield session
                seq = session.execute(_BUMP).scalar()
                if seq is not None:
                    # Recorded before the commit so the watcher never takes it for another
                    # program's; nobody else can produce this value while we hold the lock.
                    with self._own_lock:
                        self._own_seqs.add(int(seq))
        except BaseException as exc:
            if seq is not None:
                with self._own_lock:
                    self._own_seqs.discard(int(seq))
            error = self._storage_error(exc) if isinstance(exc, DBAPIError) else None
            if error is None:
                raise
            raise error from exc

    def _storage_error(self, exc: BaseException) -> StorageError | None:
        problem = health.classify(exc, self.path)
        if problem is None:
            return None
        return StorageError(
            health.describe(problem, self.path, health.first_line(exc)), problem=problem
        )

    def external_change(self) -> bool:
        """Whether someone other than this Store committed to the file since the last call.

        Cheap when nothing happened (one ``PRAGMA data_version`` on a connection kept for
        this); when the file moved, the change counter tells this Store's writes from others'.
        A write by a program that does not count (or a restore) counts as external.
        """
        with self._watch_lock:
            if self._watch is None:
                self._watch = health.connect_read_only(self.path)
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            if version == self._seen_version:
                return False
            first = self._seen_version is None
            self._seen_version = version
            row = self._watch.execute(
                "SELECT change_seq FROM library_state WHERE id = 1"
            ).fetchone()
            seq = int(row[0]) if row else None
        with self._own_lock:
            last, self._seen_seq = self._seen_seq, seq
            if first:
                return False
            if seq is None or last is None or seq <= last:
                return True
            external = any(s not in self._own_seqs for s in range(last + 1, seq + 1))
            self._own_seqs = {s for s in self._own_seqs if s > seq}
            return external

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.engine.dispose()
