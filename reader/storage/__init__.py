"""Storage: the SQLite file, its schema, and sessions for reading and writing it.

``Store`` is the one object the library facade holds: it opens the file, upgrades its schema,
and hands out a fresh session per unit of work (never shared across threads).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reader.domain.errors import LibraryOpenError
from reader.storage import schema
from reader.storage.engine import WRITE, check_sqlite_file, create_library_engine, set_wal


class Store:
    """An open library file."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        before_migration: Callable[[str | None], None] | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        check_sqlite_file(path)
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            raise LibraryOpenError(f"{path} does not exist")
        self.engine: Engine = create_library_engine(path, read_only=read_only)
        try:
            if not read_only:
                set_wal(self.engine)
                schema.upgrade(self.engine, before_migration=before_migration)
            elif schema.current_revision(self.engine) != schema.HEAD_REVISION:
                raise LibraryOpenError("this library needs an upgrade and is open read-only")
        except (OperationalError, DatabaseError, sqlite3.DatabaseError) as exc:
            self.engine.dispose()
            raise LibraryOpenError(f"cannot open {path}: {_reason(exc)}") from exc
        except LibraryOpenError:
            self.engine.dispose()
            raise
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{WRITE: True}), expire_on_commit=False
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it sees one consistent snapshot of the file."""
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock and commits on success."""
        if self.read_only:
            raise LibraryOpenError("this library is open read-only")
        with self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
