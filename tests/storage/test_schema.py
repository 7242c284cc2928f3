"""The schema: migrations agree with the models, upgrades happen once, odd files are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from reader.domain.errors import LibraryOpenError
from reader.library import Library
from reader.storage import Store, schema
from reader.storage.models import Base
from reader.storage.schema import include_object


def test_migrations_match_the_models(library_path: Path) -> None:
    store = Store(library_path)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        store.close()
    assert diff == []


def test_head_revision_constant_is_alembic_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(schema.MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == schema.HEAD_REVISION


def test_library_uses_wal_foreign_keys_and_a_busy_timeout(library_path: Path) -> None:
    store = Store(library_path)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        store.close()


def test_reads_keep_a_small_page_cache_and_writes_a_large_one(library_path: Path) -> None:
    from sqlalchemy import text

    from reader.storage.engine import READ_CACHE, WRITE_CACHE

    store = Store(library_path)
    try:
        with store.write() as s:
            assert s.execute(text("PRAGMA cache_size")).scalar() == WRITE_CACHE
        # The same pooled connection, now reading: its cache is cut back to the small size.
        with store.read() as s:
            assert s.execute(text("PRAGMA cache_size")).scalar() == READ_CACHE
        assert -READ_CACHE < -WRITE_CACHE
    finally:
        store.close()


def test_reopening_an_up_to_date_library_migrates_nothing(library_path: Path) -> None:
    Store(library_path).close()
    store = Store(library_path)
    try:
        assert schema.upgrade(store.engine) is False
        assert schema.current_revision(store.engine) == schema.HEAD_REVISION
    finally:
        store.close()


def test_fts_table_and_triggers_exist(library_path: Path) -> None:
    Store(library_path).close()
    with sqlite3.connect(library_path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles_fts",
        "articles_fts_insert",
        "articles_fts_update",
        "articles_fts_delete",
    } <= names


def test_a_newer_schema_is_refused_and_left_untouched(library_path: Path) -> None:
    Store(library_path).close()
    with sqlite3.connect(library_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = library_path.read_bytes()
    with pytest.raises(LibraryOpenError, match="newer version of Folio"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (id INTEGER)")
    with pytest.raises(LibraryOpenError, match="not a Folio library"):
        Library.open(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are not the bytes of a database")
    with pytest.raises(LibraryOpenError, match="not an SQLite database"):
        Library.open(path)
    assert path.read_text() == "these are not the bytes of a database"
