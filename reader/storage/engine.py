"""Opening a library file: the engine, the pragmas every connection needs, the schema upgrade.

Every connection gets WAL, foreign keys, a busy timeout and NORMAL sync (safe with WAL: a crash
can lose the last commits, never corrupt the file). Transactions are begun explicitly so that
writers take the write lock up front (``BEGIN IMMEDIATE``): two processes writing the same
library then wait for each other instead of failing with "database is locked" half-way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from reader.domain.errors import LibraryOpenError

#: How long a connection waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 30_000
#: Execution option that makes a transaction begin with the write lock.
WRITE = "folio_write"
#: Pages the write-ahead log may hold before it is copied back into the file (64 MB). 16 times
#: SQLite's default: an import checkpoints far less often, and the pages its full-text
#: index rewrites between two checkpoints are copied once instead of every time.
WAL_CHECKPOINT_PAGES = 16000
#: Page cache sizes (SQLite's negative form: KiB) for reading and for writing transactions.
READ_CACHE = -8000
WRITE_CACHE = -32000


def _on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's begin event issue BEGIN; pysqlite's own implicit transactions would
    # otherwise start them lazily and as DEFERRED.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute(f"PRAGMA cache_size = {READ_CACHE}")
        # No memory map for reading: every page a reader touched stayed in the process's
        # resident memory (the GUI grew by 110 MB on a 20,000-article library). Imports
        # were about 10% faster with the map; memory, a promise to users, comes first.
        cursor.execute("PRAGMA mmap_size = 0")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    write = bool(conn.get_execution_options().get(WRITE))
    # Each pooled connection keeps its own page cache. A write (an import batch above all)
    # gets a large one; a read gets a small one, and shrinking it frees what a write left:
    # with 32 MB for every connection the window held 300 MB after scrolling 100,000 rows.
    conn.exec_driver_sql(f"PRAGMA cache_size = {WRITE_CACHE if write else READ_CACHE}")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_library_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the library at ``path`` with Folio's pragmas on every connection.

    Read-only engines open the file through an SQLite URI (so no byte of it can be written,
    and on read-only media in immutable mode); the path is quoted, never parsed as a URL.
    """
    if read_only:
        from reader.storage.health import connect_read_only

        engine = create_engine(
            "sqlite://",
            creator=lambda: connect_read_only(path),
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=8,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path.as_posix()}", pool_size=4, max_overflow=8, pool_pre_ping=False
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def set_wal(engine: Engine) -> None:
    """Switch the file to write-ahead logging (persistent; needs no transaction open)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        cursor.close()
    finally:
        raw.close()
    if str(mode).lower() != "wal":
        raise LibraryOpenError(f"cannot use write-ahead logging here (journal mode {mode})")


def sqlite_version() -> str:
    return sqlite3.sqlite_version
