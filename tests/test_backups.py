"""Backups: made with SQLite's online backup API while others write, verified, atomic, rolling;
restored in place (other open connections see it) or over a damaged file, never losing it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader import backups
from reader.domain.errors import LibraryOpenError, StorageError, StorageProblem
from reader.library import Library
from reader.storage.backup import copy_to
from tests.support import Disk, count, damage, draft, fill, integrity, small_disk

__all__ = ["small_disk"]


def test_a_backup_is_one_sound_file_in_the_folder_beside_the_library(
    library: Library, library_path: Path
) -> None:
    fill(library, 12)
    info = library.backup()
    assert info.path.parent == library_path.parent / "library.backups"
    assert info.reason == "manual"
    assert integrity(info.path) == ["ok"]
    assert count(info.path) == 12
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not list(info.path.parent.glob(".*part"))
    assert [b.path for b in library.backups()] == [info.path]


def test_a_backup_taken_while_another_connection_writes_is_consistent(
    library: Library, library_path: Path
) -> None:
    fill(library, 5)
    other = Library.open(library_path)
    try:
        # Another writer holds an open transaction with rows not yet committed.
        with other._store.write() as session:
            from reader.domain.times import utc_now
            from reader.storage import repository

            repository.insert_article(session, draft(500), now=utc_now())
            info = library.backup()
        assert count(info.path) == 5
        assert library.counts().all == 6
    finally:
        other.close()


def test_backups_roll_keeping_the_newest(library: Library, library_path: Path) -> None:
    fill(library, 2)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for day in range(6):
        backups.take(library_path, reason="daily", now=start + timedelta(days=day), keep=4)
    kept = backups.list_backups(library_path)
    assert [b.taken_at.day for b in kept] == [6, 5, 4, 3]


def test_the_daily_backup_is_due_after_a_day(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        assert lib.backup_if_due() is None  # an empty library needs none
        fill(lib, 3)
    with Library.open(library_path) as lib:  # the first open of the day takes it
        assert [b.reason for b in lib.backups()] == ["daily"]
        assert lib.backup_if_due() is None
    now = datetime.now(UTC)
    assert not backups.due(library_path, now=now)
    assert backups.due(library_path, now=now + timedelta(hours=25))


def test_restore_in_place_is_seen_by_another_open_library(
    library: Library, library_path: Path
) -> None:
    ids = fill(library, 4)
    info = library.backup()
    library.trash(ids[:2])
    fill(library, 3, start=10)
    other = Library.open(library_path)
    try:
        assert other.counts().all == 5
        changes = library.restore_backup(info.path)
        assert changes.external
        assert library.counts().all == 4
        assert other.counts().all == 4  # same file, another connection: sees the restore
        assert other.external_changes().external
        reasons = [b.reason for b in library.backups()]
        assert "before-restore" in reasons
        safety = next(b for b in library.backups() if b.reason == "before-restore")
        assert count(safety.path) == 7  # the state the restore replaced is kept
    finally:
        other.close()
    assert integrity(library_path) == ["ok"]


def test_restoring_over_a_damaged_library_moves_it_aside(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        fill(lib, 40)
        info = lib.backup()
    damage(library_path)
    with pytest.raises(LibraryOpenError):
        Library.open(library_path)
    _safety, moved = Library.restore_file(info.path, library_path)
    assert integrity(library_path) == ["ok"]
    with Library.open(library_path) as lib:
        assert lib.counts().all == 40
    if moved is not None:  # too damaged to write in place: kept aside, never deleted
        assert moved.exists()


def test_a_damaged_or_foreign_backup_is_refused_before_anything_changes(
    library: Library, library_path: Path, tmp_path: Path
) -> None:
    fill(library, 3)
    bad = library.backup()
    damage(bad.path)
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    for candidate, problem in (
        (bad.path, StorageProblem.DAMAGED),
        (foreign, StorageProblem.NOT_FOLIO),
    ):
        with pytest.raises(LibraryOpenError) as caught:
            library.restore_backup(candidate)
        assert caught.value.problem is problem
        assert library.counts().all == 3


def test_a_backup_to_a_full_disk_leaves_no_partial_file(library: Library, small_disk: Disk) -> None:
    fill(library, 30)
    for n in range(30, 60):
        library.add(draft(n, body="Tidal notes. " * 800))
    # A page limit cannot stop a plain file copy: this one needs the mounted small disk.
    assert small_disk.real, "mounting a small tmpfs needs root"
    small_disk.fill()
    target = small_disk.folder / "backup.sqlite3"
    with pytest.raises(StorageError) as caught:
        copy_to(library.path, target)
    assert caught.value.problem is StorageProblem.DISK_FULL
    assert not target.exists()
    assert [p.name for p in small_disk.folder.iterdir()] == ["filler.bin"]
