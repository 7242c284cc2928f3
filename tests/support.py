"""Helpers for the safety tests: libraries with content, damaged files, full and read-only
disks made for real.

A full disk is a small tmpfs mounted in the test's folder and filled up (root can mount; this
is how the suite runs on Folio's machines and in CI). Where mounting is not allowed, the same
tests get SQLite's own SQLITE_FULL from a page limit on every connection (``PRAGMA
max_page_count``): the error then comes from SQLite itself, not from a mock. A read-only disk
is the same tmpfs remounted read-only (root ignores file permissions), else plain permissions.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import event

from reader.domain.article import ArticleDraft, Highlight, RelatedLink
from reader.library import Library


def draft(n: int, **kw: object) -> ArticleDraft:
    values: dict[str, object] = {
        "title": f"Harbour report {n}",
        "body": f"Seals counted on the tidal flats, survey {n}. " * 12,
        "author": "Ines Moreau",
        "url": f"https://example.org/harbour/{n}",
        "tags": ("coast", f"survey-{n % 3}"),
        "highlights": (Highlight(id=f"00000000-0000-4000-8000-{n:012d}", quote="Seals counted"),),
        "related": (RelatedLink(rel="next", title="More", url="https://example.org/more"),),
    }
    values.update(kw)
    return ArticleDraft(**values)  # type: ignore[arg-type]


def fill(library: Library, n: int, start: int = 0) -> list[str]:
    return [library.add(draft(i)).added[0] for i in range(start, start + n)]


#: Articles whose indexed tag keys are not the tags they have, in order.
TAG_KEYS_OUT_OF_STEP = (
    "SELECT pk, tag_keys, wanted FROM (SELECT pk, tag_keys, coalesce((SELECT "
    "group_concat('t' || tag_id, ' ') FROM (SELECT tag_id FROM article_tags "
    "WHERE article_pk = articles.pk ORDER BY position)), '') AS wanted FROM articles) "
    "WHERE tag_keys != wanted"
)


def integrity(path: Path) -> list[str]:
    """SQLite's full integrity check of a file (``["ok"]`` when sound), the FTS index's, and
    whether the index's tag keys are the articles' tags (a line per article whose are not)."""
    # The FTS5 check is spelled as an INSERT (it changes nothing) so needs a writable handle.
    conn = sqlite3.connect(path)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "articles_fts" in names:
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"
            )
        columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
        if "tag_keys" in columns:
            rows.extend(
                f"article {pk}: tag keys {keys!r} are not its tags {wanted!r}"
                for pk, keys, wanted in conn.execute(TAG_KEYS_OUT_OF_STEP)
            )
        return rows
    finally:
        conn.close()


def count(path: Path, table: str = "articles") -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Overwrite part of the articles table's root page, as a failing disk would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        root = int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        )
    finally:
        conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xab" * 300)


def can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0


def _mount(folder: Path, size: str) -> bool:
    if not can_mount():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@dataclass
class Disk:
    """A folder on a small disk that the test can fill up and free again."""

    folder: Path
    real: bool
    _filler: Path | None = None
    _limit_pages: int | None = None

    def fill(self) -> None:
        """Use up every free byte (or, without a real disk, stop SQLite growing any file)."""
        if self.real:
            self._filler = self.folder / "filler.bin"
            fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                for size in (1 << 20, 65536, 4096, 512, 1):
                    with contextlib.suppress(OSError):
                        while os.write(fd, b"\0" * size) == size:
                            pass
            finally:
                os.close(fd)
        else:
            self._limit_pages = 1

    def attach(self, library: Library) -> None:
        """Without a real disk, the page limit reaches only new connections: drop the pool."""
        if not self.real:
            library._store.engine.dispose()

    def free(self) -> None:
        if self._filler is not None:
            self._filler.unlink()
            self._filler = None
        self._limit_pages = None

    def limit_connection(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if self._limit_pages is not None:
            current = int(dbapi_connection.execute("PRAGMA page_count").fetchone()[0])
            dbapi_connection.execute(f"PRAGMA max_page_count = {current + self._limit_pages}")


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    folder = tmp_path / "disk"
    real = _mount(folder, "4m")
    if not real:
        folder.mkdir(exist_ok=True)
    disk = Disk(folder, real)
    if not real:
        from reader.storage import engine as engine_module

        original = engine_module.create_library_engine

        def limited(path: Path, *, read_only: bool = False) -> object:
            eng = original(path, read_only=read_only)
            event.listen(eng, "connect", disk.limit_connection)
            return eng

        monkeypatch.setattr(engine_module, "create_library_engine", limited)
        import reader.storage as storage_module

        monkeypatch.setattr(storage_module, "create_library_engine", limited)
    try:
        yield disk
    finally:
        if real:
            _umount(folder)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` (already a tmpfs mount when root) read-only, then writable again."""
    if can_mount():
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own small tmpfs when the test may mount (else a plain folder)."""
    folder = tmp_path / "mnt"
    real = _mount(folder, "16m")
    if not real:
        folder.mkdir(exist_ok=True)
    try:
        yield folder
    finally:
        if real:
            _umount(folder)
