"""Folio's benchmark: a library of N generated articles, measured against plain SQLite.

    python -m tests.benchmarks.run --articles 20000 --out report.json     (make bench N=20000)

Every figure of Folio's is set beside the same work done with plain ``sqlite3`` in the same run
(the ceiling), so the report says how close Folio is to what SQLite itself can do on this
machine today, whatever else the machine is doing:

- import_rate: articles/s through Folio's own import of the generated Markdown files;
  import_rate_raw: the same articles inserted into one table plus an FTS5 index, one transaction.
- search_phrase_ms_p50 (and _raw): a phrase query with snippets, Folio's search vs raw FTS5.
- search_word_top50_ms_p50 (and _raw): a common word, ranked, top 50 with snippets.
- open_to_first_page_ms, switch_article_ms_p95, filter_switch_ms_p95, rss_mb_open: the GUI,
  in a fresh process (see gui_probe.py).
- export_json_rate: articles/s written by Folio's JSON export; db_bytes: the library's size.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.library import Library
from tests.benchmarks.generate import (
    COMMON_WORD,
    PHRASE,
    expected_phrase_matches,
    generated_files,
    read_generated,
    write_markdown,
)

ROOT = Path(__file__).resolve().parents[2]
SEARCH_REPEATS = 25
RAW_CHUNK = 1000


def _p50(samples: list[float]) -> float:
    return round(statistics.median(samples), 3)


def _timed(fn: Any, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def raw_import(path: Path, inputs: Path) -> float:
    """Articles/s for plain sqlite3: one table, an FTS5 index, one transaction. Only the
    database work is timed (the articles are read back from the generated files between timed
    chunks: generating them again cost minutes at 100,000)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, author TEXT, site TEXT, "
        "published TEXT, tags TEXT, body TEXT)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, author, body, tags, "
        "content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    files = generated_files(inputs)
    elapsed = 0.0
    conn.execute("BEGIN")
    for start in range(0, len(files), RAW_CHUNK):
        chunk = [
            read_generated(f.read_text(encoding="utf-8")) for f in files[start : start + RAW_CHUNK]
        ]
        rows = [
            (
                start + i + 1,
                a.title,
                a.author,
                a.site,
                a.published.isoformat(),
                " ".join(a.tags),
                a.body,
            )
            for i, a in enumerate(chunk)
        ]
        began = time.perf_counter()
        conn.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO articles_fts(rowid, title, author, body, tags) VALUES (?, ?, ?, ?, ?)",
            [(r[0], r[1], r[2], r[6], r[5]) for r in rows],
        )
        elapsed += time.perf_counter() - began
    began = time.perf_counter()
    conn.execute("COMMIT")
    elapsed += time.perf_counter() - began
    conn.close()
    return len(files) / elapsed


def raw_searches(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    phrase = f'"{PHRASE}"'

    def phrase_query() -> list[Any]:
        return conn.execute(
            "SELECT rowid, title, snippet(articles_fts, -1, '**', '**', '…', 18) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank",
            (phrase,),
        ).fetchall()

    def word_query() -> list[Any]:
        return conn.execute(
            "SELECT rowid, title, snippet(articles_fts, -1, '**', '**', '…', 18) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 50",
            (COMMON_WORD,),
        ).fetchall()

    def word_query_by_bm25() -> list[Any]:
        # The same top 50 with SQLite's sorter keeping the best rows as FTS5 hands over the
        # matches, then the snippets of those 50: faster than ORDER BY rank on a word most
        # articles have. The ceiling is whichever of the two ways is faster.
        best = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY bm25(articles_fts), rowid LIMIT 50",
                (COMMON_WORD,),
            )
        ]
        marks = ",".join("?" * len(best))
        found = {
            r[0]: r
            for r in conn.execute(
                "SELECT rowid, title, snippet(articles_fts, -1, '**', '**', '…', 18) "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                (COMMON_WORD, *best),
            )
        }
        return [found[k] for k in best]

    found = len(phrase_query())
    result = {
        "search_phrase_ms_p50_raw": _p50(_timed(phrase_query, SEARCH_REPEATS)),
        "search_word_top50_ms_p50_raw": min(
            _p50(_timed(word_query, SEARCH_REPEATS)),
            _p50(_timed(word_query_by_bm25, SEARCH_REPEATS)),
        ),
        "raw_phrase_matches": found,
    }
    conn.close()
    return result


def folio_searches(lib: Library, n: int) -> dict[str, Any]:
    phrase = f'"{PHRASE}"'
    expected = expected_phrase_matches(n)
    results = lib.search(phrase, limit=max(expected, 1))
    if results.total != expected:
        raise AssertionError(f"phrase search found {results.total}, expected {expected}")
    return {
        "search_phrase_ms_p50": _p50(
            _timed(lambda: lib.search(phrase, limit=max(expected, 1)), SEARCH_REPEATS)
        ),
        "search_word_top50_ms_p50": _p50(
            _timed(lambda: lib.search(COMMON_WORD, limit=50), SEARCH_REPEATS)
        ),
        "phrase_matches": results.total,
    }


def gui_figures(db: Path, tag: str) -> dict[str, Any]:
    # The window opens as an installed app does, its modules compiled already (``make run``
    # does the same): where bytecode is not written, each launch would compile them again.
    compileall.compile_dir(ROOT / "reader", quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FOLIO_BENCH_T0=repr(time.time()))
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.gui_probe", "--db", str(db), "--tag", tag,
         "--search", COMMON_WORD],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"the GUI probe failed: {done.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def run(
    n: int, *, seed: int, work: Path, gui: bool = True, inputs: Path | None = None
) -> dict[str, Any]:
    inputs = inputs or work / "input"
    write_markdown(n, inputs, seed=seed)
    report: dict[str, Any] = {"articles": n}

    db = work / "folio.sqlite3"
    lib = Library.open(db)
    try:
        start = time.perf_counter()
        imported, _ = lib.import_paths([inputs])
        elapsed = time.perf_counter() - start
        if len(imported.imported) != n:
            raise AssertionError(f"imported {len(imported.imported)} of {n}: {imported.summary()}")
        report["import_rate"] = round(n / elapsed, 1)
        report["import_rate_raw"] = round(raw_import(work / "raw.sqlite3", inputs), 1)
        report.update(folio_searches(lib, n))
        report.update(raw_searches(work / "raw.sqlite3"))
        start = time.perf_counter()
        exported = lib.export("json", work / "export.json")
        report["export_json_rate"] = round(exported.articles / (time.perf_counter() - start), 1)
        tag = lib.tag_counts()[0][0]
    finally:
        lib.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    report["db_bytes"] = db.stat().st_size
    if gui:
        report.update(gui_figures(db, tag))
    report["import_ratio"] = round(report["import_rate"] / report["import_rate_raw"], 3)
    report["search_phrase_ratio"] = round(
        report["search_phrase_ms_p50"] / max(report["search_phrase_ms_p50_raw"], 1e-6), 2
    )
    report["search_word_ratio"] = round(
        report["search_word_top50_ms_p50"] / max(report["search_word_top50_ms_p50_raw"], 1e-6), 2
    )
    return report


def table(report: dict[str, Any]) -> str:
    width = max(len(k) for k in report)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in report.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("bench-report.json"))
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI figures")
    parser.add_argument("--keep", type=Path, help="keep the generated files and libraries here")
    parser.add_argument(
        "--inputs", type=Path, help="write the Markdown files here, or reuse those already there"
    )
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="folio-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = run(
            args.articles, seed=args.seed, work=work, gui=not args.no_gui, inputs=args.inputs
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
