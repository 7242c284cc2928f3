"""Noticing other writers: the change counter tells a Store's own commits from another
program's, and a write by a program that does not count is noticed all the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library
from tests.support import fill


def test_own_writes_are_not_external(library: Library) -> None:
    assert not library.external_changes()
    ids = fill(library, 3)
    library.set_state(ids, read=True)
    assert not library.external_changes()


def test_another_librarys_writes_are_external_once(library: Library, library_path: Path) -> None:
    other = Library.open(library_path)
    try:
        fill(other, 2)
        assert library.external_changes().external
        assert not library.external_changes()
        # Interleaved: ours, theirs, ours — theirs is still seen.
        fill(library, 1, start=10)
        fill(other, 1, start=20)
        fill(library, 1, start=30)
        assert library.external_changes().external
        assert other.external_changes().external  # ours, seen from the other side
    finally:
        other.close()


def test_a_program_that_does_not_count_is_noticed(library: Library, library_path: Path) -> None:
    ids = fill(library, 1)
    assert not library.external_changes()
    conn = sqlite3.connect(library_path)
    try:
        conn.execute("UPDATE articles SET title = 'Edited by hand' WHERE uid = ?", (ids[0],))
        conn.commit()
    finally:
        conn.close()
    assert library.external_changes().external
    assert library.get(ids[0]).title == "Edited by hand"
