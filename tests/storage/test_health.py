"""Integrity on open: damaged, foreign, newer, read-only libraries and full disks are refused
with the kind of problem and a clear line, and nothing is written to them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reader.domain.errors import LibraryOpenError, StorageError, StorageProblem
from reader.library import Library
from reader.storage import health
from tests.support import Disk, count, damage, draft, fill, integrity, read_only, small_disk

__all__ = ["small_disk"]  # the fixture, imported for the tests below


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _library(path: Path, n: int = 5) -> None:
    with Library.open(path) as lib:
        fill(lib, n)


def test_a_damaged_library_is_refused_and_not_written(library_path: Path) -> None:
    _library(library_path, 40)
    damage(library_path)
    before = _digest(library_path)
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(library_path)
    assert caught.value.problem is StorageProblem.DAMAGED
    message = str(caught.value)
    assert "damaged" in message and "restore a backup" in message
    assert "\n" not in message
    assert _digest(library_path) == before


def test_a_file_with_a_damaged_header_is_refused(library_path: Path) -> None:
    _library(library_path)
    with library_path.open("r+b") as fh:
        fh.seek(16)
        fh.write(b"\xff" * 84)  # page size, format numbers: the rest of page 1's header
    before = _digest(library_path)
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(library_path)
    assert caught.value.problem is StorageProblem.DAMAGED
    assert _digest(library_path) == before


def test_a_foreign_database_is_refused_without_switching_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(path)
    assert caught.value.problem is StorageProblem.NOT_FOLIO
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_text_file_is_refused_as_not_folio(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_text("my shopping list")
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(path)
    assert caught.value.problem is StorageProblem.NOT_FOLIO
    assert path.read_text() == "my shopping list"


def test_a_newer_library_is_refused_with_its_kind(library_path: Path) -> None:
    _library(library_path)
    with sqlite3.connect(library_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.close()
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(library_path)
    assert caught.value.problem is StorageProblem.NEWER
    assert "newer version of Folio" in str(caught.value)


def test_a_read_only_disk_is_refused_for_writing_and_opens_read_only(tmp_path: Path) -> None:
    from tests.support import _mount, _umount

    folder = tmp_path / "ro"
    real = _mount(folder, "8m")
    folder.mkdir(exist_ok=True)
    try:
        path = folder / "library.sqlite3"
        _library(path, 3)
        before = _digest(path)
        with read_only(folder):
            with pytest.raises(LibraryOpenError) as caught:
                Library.open(path)
            assert caught.value.problem is StorageProblem.READ_ONLY
            with Library.open(path, read_only=True) as lib:
                assert lib.counts().all == 3
                article = lib.get(lib.list_rows(lib_query())[0].id)
                assert article.title.startswith("Harbour report")
                with pytest.raises(StorageError) as refused:
                    lib.set_state([article.id], starred=True)
                assert refused.value.problem is StorageProblem.READ_ONLY
        assert _digest(path) == before
    finally:
        if real:
            _umount(folder)


def lib_query() -> object:
    from reader.domain.query import ListQuery

    return ListQuery()


def test_a_full_disk_refuses_the_write_and_keeps_the_library(small_disk: Disk) -> None:
    path = small_disk.folder / "library.sqlite3"
    lib = Library.open(path)
    try:
        ids = fill(lib, 3)
        small_disk.fill()
        small_disk.attach(lib)
        # Enough text to need new pages, whatever the page cache holds.
        long_body = "Long survey notes. " * 200_000
        with pytest.raises(StorageError) as caught:
            lib.add(draft(100, body=long_body))
        assert caught.value.problem is StorageProblem.DISK_FULL
        assert "is full" in str(caught.value)
        kept = lib.counts().all
        assert kept >= 3
        assert lib.get(ids[0]).title == "Harbour report 0"
        small_disk.free()
        small_disk.attach(lib)
        lib.add(draft(999))
        assert lib.counts().all == kept + 1
    finally:
        lib.close()
    assert integrity(path) == ["ok"]
    assert count(path) == kept + 1


def test_an_upgrade_on_a_full_disk_is_refused_and_nothing_changes(small_disk: Disk) -> None:
    path = small_disk.folder / "library.sqlite3"
    _library(path, 3)
    with sqlite3.connect(path) as conn:  # as a library of the first release would be
        conn.execute("DROP TABLE library_state")
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    small_disk.fill()
    with pytest.raises(LibraryOpenError) as caught:
        Library.open(path)
    assert caught.value.problem is StorageProblem.DISK_FULL
    small_disk.free()
    assert integrity(path) == ["ok"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()
    with Library.open(path) as lib:
        assert lib.counts().all == 3


def test_problem_kinds_of_sqlite_errors() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA max_page_count = 2")
    conn.execute("CREATE TABLE t (x TEXT)")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    assert health.problem_of(full.value) is StorageProblem.DISK_FULL
    assert health.problem_of(ValueError("no")) is None
    assert health.problem_of(sqlite3.IntegrityError("UNIQUE constraint failed")) is None


def test_a_large_library_opens_before_its_check_and_is_written_only_once_it_passed(
    library_path: Path,
) -> None:
    _library(library_path)
    with Library.open(library_path, daily_backup=False, defer_check_above=0) as lib:
        assert lib.unverified
        assert lib.counts().all == 5  # readable at once
        fill(lib, 1, start=20)  # the first write runs the check itself, then writes
        assert not lib.unverified and not lib.damaged
        assert lib.counts().all == 6
    # A small file, or one that needs an upgrade, is checked while it opens as before.
    with Library.open(library_path, daily_backup=False, defer_check_above=1 << 40) as lib:
        assert not lib.unverified


def test_a_damaged_library_opened_before_its_check_is_never_written(library_path: Path) -> None:
    _library(library_path, 40)
    damage(library_path)
    before = _digest(library_path)
    lib = Library.open(library_path, daily_backup=False, defer_check_above=0)
    try:
        with pytest.raises(StorageError) as caught:
            fill(lib, 1, start=100)
        assert caught.value.problem is StorageProblem.DAMAGED
        assert lib.damaged and lib.read_only
        found = lib.verify()
        assert found is not None and found.problem is StorageProblem.DAMAGED
        assert "damaged" in str(found)
    finally:
        lib.close()
    assert _digest(library_path) == before
