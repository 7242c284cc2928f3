"""Crash safety, for real: a Folio process is killed with SIGKILL in the middle of a
10,000-article import, of saving an article, and of an export. The library must pass SQLite's
integrity check, hold every batch committed before the kill and no partial article, open
normally, and a re-run must complete the work without duplicates; an export file is either the
old one or the new one, never half of one."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.library import IMPORT_BATCH, Library
from reader.outputs import PART_SUFFIX
from tests.crash.save_loop import body_for
from tests.support import integrity

ROOT = Path(__file__).parents[2]
FILES = 100
PER_FILE = 100
TOTAL = FILES * PER_FILE
#: How long a test waits for the moment to kill before it gives up (the machine is shared).
PATIENCE_S = 90.0

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _folio(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _scalar(path: Path, sql: str) -> int:
    """One number read through a read-only connection (never blocks the writer)."""
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(sql).fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        conn.close()


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    """SIGKILL ``proc`` as soon as ``ready()``; fail if it ended or never got there."""
    deadline = time.monotonic() + PATIENCE_S
    while not ready():
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the process ended (status {proc.returncode}) before the kill: {err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the process never reached the point to kill it at")
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if proc.stderr:
        proc.stderr.close()


def _write_inputs(folder: Path) -> None:
    """100 JSON Lines files of 100 articles each, the way a big export arrives in parts."""
    folder.mkdir()
    n = 0
    for f in range(FILES):
        lines = []
        for _ in range(PER_FILE):
            lines.append(
                json.dumps(
                    {
                        "title": f"Dispatch {n}",
                        "body": f"Dispatch number {n} from the estuary. " * 8,
                        "url": f"https://example.org/dispatch/{n}",
                        "tags": ["estuary", f"week-{n % 52}"],
                    }
                )
            )
            n += 1
        (folder / f"part-{f:03d}.jsonl").write_text("\n".join(lines) + "\n")


def _assert_whole(db: Path) -> int:
    """The library is sound and holds whole files' articles only; return how many."""
    assert integrity(db) == ["ok"]
    articles = _scalar(db, "SELECT count(*) FROM articles")
    assert articles % IMPORT_BATCH == 0
    # No partial article: every one has its provenance, both tags and its index entry.
    assert _scalar(db, "SELECT count(*) FROM import_sources") == articles
    assert _scalar(db, "SELECT count(*) FROM article_tags") == 2 * articles
    assert _scalar(db, "SELECT count(*) FROM articles_fts") == articles
    # And no partial file: each file that is in is in whole.
    assert (
        _scalar(
            db,
            "SELECT count(*) FROM (SELECT file FROM import_sources GROUP BY file "
            f"HAVING count(*) != {PER_FILE})",
        )
        == 0
    )
    with Library.open(db, daily_backup=False) as lib:
        assert lib.counts().all == articles
    return articles


def test_killing_a_10000_article_import_loses_no_committed_batch(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    _write_inputs(inputs)
    db = tmp_path / "library.sqlite3"
    held = 0
    for at_least in (2 * IMPORT_BATCH, 9 * IMPORT_BATCH):
        proc = _folio("--db", str(db), "import", str(inputs))
        _kill_when(proc, lambda n=at_least: _scalar(db, "SELECT count(*) FROM articles") >= n)
        articles = _assert_whole(db)
        assert held <= articles < TOTAL  # killed mid-way, nothing committed was lost
        held = articles
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", "--json", str(inputs)],
        env=_env(),
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert len(report["duplicates"]) == held
    assert len(report["imported"]) == TOTAL - held
    assert report["failed"] == []
    assert _assert_whole(db) == TOTAL
    assert _scalar(db, "SELECT count(DISTINCT url_key) FROM articles") == TOTAL


def test_killing_a_save_leaves_one_whole_version(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    with Library.open(db) as lib:
        from reader.domain.article import ArticleDraft

        article_id = lib.add(ArticleDraft(title="Version 1", body=body_for(1))).added[0]
    seen = 1
    for _round in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.save_loop", str(db), article_id],
            env=_env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _kill_when(
            proc,
            lambda s=seen: _scalar(db, "SELECT max(version) FROM articles") >= s + 3,
        )
        assert integrity(db) == ["ok"]
        with Library.open(db, daily_backup=False) as lib:
            article = lib.get(article_id)
            assert article.version >= seen + 3
            # The stored text is exactly the text of its version: never half of a save.
            assert article.body == body_for(article.version)
            assert article.title == f"Version {article.version}"
            assert len(lib.revisions(article_id)) == article.version - 1
            hits = lib.search(f'"version {article.version}"', limit=5)
            assert [h.id for h in hits.hits] == [article_id]
            seen = article.version


def test_killing_an_export_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    source = tmp_path / "articles.jsonl"
    with source.open("w") as fh:
        for n in range(600):
            fh.write(
                json.dumps({"title": f"Long read {n}", "body": f"Paragraph {n} of many. " * 2500})
                + "\n"
            )
    with Library.open(db) as lib:
        report, _ = lib.import_paths([source])
        assert len(report.imported_ids) == 600
    out = tmp_path / "exports" / "library.json"
    out.parent.mkdir()
    old = json.dumps({"folio": 1, "articles": [{"title": "the previous export"}]})
    out.write_text(old)

    def part_files() -> list[Path]:
        return [p for p in out.parent.iterdir() if p.name.endswith(PART_SUFFIX)]

    proc = _folio("--db", str(db), "export", "--format", "json", "--output", str(out))
    _kill_when(proc, lambda: any(p.stat().st_size > 1_000_000 for p in part_files()))
    assert out.read_text() == old  # the previous export, whole
    assert len(part_files()) == 1  # what the killed process was writing, under a hidden name

    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(db),
            "export",
            "--format",
            "json",
            "--output",
            str(out),
        ],
        env=_env(),
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    exported = json.loads(out.read_text())
    assert len(exported["articles"]) == 600
    assert part_files() == []  # the next export cleared what the killed one left
