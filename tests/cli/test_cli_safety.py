"""The command line on libraries in trouble: one clear line (never a traceback), a way out
(a backup to restore, read-only reading), and ``folio backup`` / ``folio restore``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from tests.support import count, damage, fill, integrity, read_only

ROOT = Path(__file__).parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_backup_list_and_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as lib:
        ids = fill(lib, 6)
    code, out, _ = run(capsys, "--db", str(db), "backup")
    assert code == 0
    made = Path(out.strip().rsplit(" to ", 1)[1])
    assert made.parent == tmp_path / "lib.backups"
    code, out, _ = run(capsys, "--db", str(db), "backup", "--output", str(tmp_path / "mine.db"))
    assert code == 0 and count(tmp_path / "mine.db") == 6
    code, out, _ = run(capsys, "--db", str(db), "backup", "--list")
    assert str(made) in out and "6 articles" in out
    with Library.open(db) as lib:
        lib.purge(ids)
    code, out, err = run(capsys, "--db", str(db), "restore", str(made))
    assert code == 0, err
    assert "restored" in out and "backed up in" in out
    assert count(db) == 6


def test_a_damaged_library_gives_one_line_and_the_backup_to_restore(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as lib:
        fill(lib, 40)
        backup = lib.backup()
    damage(db)
    code, out, err = run(capsys, "--db", str(db), "list")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "damaged" in err and f"folio restore '{backup.path}'" in err
    code, _, err = run(capsys, "--db", str(db), "restore", str(backup.path))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(db), "list")
    assert code == 0 and len(out.splitlines()) == 40


def test_a_restore_from_a_file_that_is_not_a_library_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as lib:
        fill(lib, 2)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00" * 4096)
    code, _, err = run(capsys, "--db", str(db), "restore", str(junk))
    assert code == 1 and "not a Folio library" in err and err.count("\n") == 1
    assert count(db) == 2 and integrity(db) == ["ok"]


def test_reading_commands_open_a_read_only_library_read_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.support import _mount, _umount

    folder = tmp_path / "ro"
    real = _mount(folder, "8m")
    folder.mkdir(exist_ok=True)
    try:
        db = folder / "lib.sqlite3"
        with Library.open(db) as lib:
            fill(lib, 3)
        with read_only(folder):
            code, out, err = run(capsys, "--db", str(db), "list")
            assert code == 0 and len(out.splitlines()) == 3
            assert "opened read-only" in err
            code, _, err = run(capsys, "--db", str(db), "import", str(tmp_path))
            assert code == 1 and "cannot be written" in err and err.count("\n") == 1
    finally:
        if real:
            _umount(folder)


def test_a_foreign_database_through_the_real_program(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(other), "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().startswith("folio: ") and "not a Folio library" in done.stderr
    assert "Traceback" not in done.stderr
