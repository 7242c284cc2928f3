"""Schema upgrades: a library made with the first released schema (revision 0001, built by
Alembic exactly as shipped) upgrades to the current head with nothing lost, after a backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from reader.backups import list_backups
from reader.domain.query import ListQuery, View
from reader.library import Library
from reader.storage import schema
from tests.support import integrity

ARTICLES = 30


def _build_first_release(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            command.upgrade(schema._alembic_config(conn), "0001")  # type: ignore[arg-type]
            conn.commit()
    finally:
        engine.dispose()


def _fill_as_0001(path: Path) -> None:
    """Rows written with the SQL of the 0001 schema, as Folio 0.1 wrote them."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO tags (id, name) VALUES (1, 'coast'), (2, 'Ökologie')")
        for n in range(1, ARTICLES + 1):
            conn.execute(
                "INSERT INTO articles (pk, uid, title, title_inferred, author, url, url_key, "
                "content_hash, published_at, language, body, words, tags_text, highlights_text, "
                "read, starred, archived, progress, content_pending, added_at, updated_at, "
                "deleted_at, version) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, 'en', ?, 6, ?, ?, "
                "?, ?, 0, 0.5, 0, '2026-11-01 10:00:00', '2026-11-02 10:00:00', ?, ?)",
                (
                    n,
                    f"00000000-0000-4000-8000-{n:012d}",
                    f"Tide tables {n}",
                    "Ines Moreau",
                    f"https://example.org/tides/{n}",
                    f"example.org/tides/{n}",
                    f"{n:064x}",
                    "2019-09-12",
                    f"Spring tides flood the marsh {n} times.",
                    "coast Ökologie",
                    "the marsh",
                    n % 2,
                    int(n % 5 == 0),
                    "2026-11-03 10:00:00" if n == ARTICLES else None,
                    2,
                ),
            )
            conn.execute(
                "INSERT INTO article_tags (article_pk, tag_id, position) "
                "VALUES (?, 1, 0), (?, 2, 1)",
                (n, n),
            )
            conn.execute(
                "INSERT INTO highlights (uid, article_pk, quote, prefix, suffix, note, color, "
                "created_at) VALUES (?, ?, 'the marsh', '', '', 'see map', 'green', "
                "'2026-11-01 11:00:00')",
                (f"10000000-0000-4000-8000-{n:012d}", n),
            )
            conn.execute(
                "INSERT INTO related_links (article_pk, position, rel, title, url) "
                "VALUES (?, 0, 'previous', 'Neap tides', 'https://example.org/neap')",
                (n,),
            )
            conn.execute(
                "INSERT INTO import_sources (article_pk, format, file, imported_at, removed) "
                "VALUES (?, 'plaintext', ?, '2026-11-01 10:00:00', ?)",
                (n, f"/saved/tides-{n}.txt", json.dumps(["Advertisement"])),
            )
            conn.execute(
                "INSERT INTO revisions (article_pk, saved_at, title, body, fields) "
                "VALUES (?, '2026-11-01 12:00:00', ?, 'first draft', ?)",
                (n, f"Tide tables {n} (draft)", json.dumps({"title": f"Tide tables {n} (draft)"})),
            )
        conn.commit()
    finally:
        conn.close()


def test_first_release_library_upgrades_with_nothing_lost(library_path: Path) -> None:
    _build_first_release(library_path)
    _fill_as_0001(library_path)
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()

    with Library.open(library_path) as lib:
        assert schema.current_revision(lib._store.engine) == schema.HEAD_REVISION
        counts = lib.counts()
        assert counts.all == ARTICLES - 1
        assert counts.trash == 1
        assert counts.starred == ARTICLES // 5 - 1  # the starred one in the Trash is not counted
        first = lib.get("00000000-0000-4000-8000-000000000001")
        assert first.title == "Tide tables 1"
        assert first.tags == ("coast", "Ökologie")
        assert first.read is True
        assert first.progress == 0.5
        assert first.version == 2
        assert first.published_at == "2019-09-12"
        assert [(h.quote, h.note, h.color) for h in first.highlights] == [
            ("the marsh", "see map", "green")
        ]
        assert [(r.rel, r.title) for r in first.related] == [("previous", "Neap tides")]
        assert first.source.format == "plaintext"
        assert first.source.file == "/saved/tides-1.txt"
        assert first.source.removed == ("Advertisement",)
        assert [r.title for r in lib.revisions(first.id)] == ["Tide tables 1 (draft)"]
        # The full-text index made by 0001's triggers still answers.
        assert lib.search("marsh", limit=100).total == ARTICLES - 1
        # The index made again with the tags' keys answers searches within a tag.
        assert lib.search("marsh tag:coast", limit=100).total == ARTICLES - 1
        assert lib.search("marsh -tag:Ökologie", limit=100).total == 0
        assert len(lib.list_rows(ListQuery(view=View.TRASH))) == 1
        # And the upgraded library takes writes, counted by the new change counter.
        lib.set_state([first.id], starred=True)
        assert lib.get(first.id).starred

    assert integrity(library_path) == ["ok"]
    backups = list_backups(library_path)
    assert [b.reason for b in backups] == ["before-schema-0001"]
    with sqlite3.connect(backups[0].path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
    conn.close()
