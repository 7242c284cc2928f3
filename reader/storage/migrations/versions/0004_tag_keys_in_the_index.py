"""The full-text index holds each article's tags as exact keys, so a search within a tag is
narrowed by FTS5 itself.

A new column, ``articles.tag_keys``, holds one token per tag the article has (``t`` and the
tag's row id), and the index gets a sixth column reading it. A search within a tag then asks
FTS5 for ``(words) AND tag_keys : t17``: FTS5 steps through the two lists of matches side by
side and only the tag's matches reach SQLite, where before every match of the words was tested
against the tag's articles one by one (a word in all of 100,000 articles, searched within a tag
of 14,000: 41 ms ranked, 23 ms this way; counted, 18 ms and 3 ms). The words a user searches
are confined to the other five columns, so no search ever matches a key.

The index is made again from the articles (the rebuild reads every body once: 20 s for
100,000 articles on a 2-core machine, well under a second for a few thousand).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TRIGGERS = ("articles_fts_insert", "articles_fts_delete", "articles_fts_update")
OLD_COLUMNS = ["title", "author", "body", "tags_text", "highlights_text"]
NEW_COLUMNS = [*OLD_COLUMNS, "tag_keys"]


def _index(columns: list[str]) -> None:
    """The full-text index over these columns of ``articles``, its triggers, and its content."""
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({cols}, "
        "content='articles', content_rowid='pk', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        f"INSERT INTO articles_fts(rowid, {cols}) VALUES (new.pk, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {cols}) "
        f"VALUES ('delete', old.pk, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF {cols} ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {cols}) "
        f"VALUES ('delete', old.pk, {old}); "
        f"INSERT INTO articles_fts(rowid, {cols}) VALUES (new.pk, {new}); END"
    )
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def upgrade() -> None:
    # The old index and its triggers go first, so filling the new column rewrites no index rows.
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    # Safe to run over a file that already has the column (a library repaired by hand).
    columns = {row[1] for row in op.get_bind().exec_driver_sql("PRAGMA table_info(articles)")}
    if "tag_keys" not in columns:
        op.add_column(
            "articles", sa.Column("tag_keys", sa.Text(), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE articles SET tag_keys = coalesce((SELECT group_concat('t' || tag_id, ' ') "
        "FROM (SELECT tag_id FROM article_tags WHERE article_tags.article_pk = articles.pk "
        "ORDER BY position)), '')"
    )
    _index(NEW_COLUMNS)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    # SQLite drops a column in place (3.35 and later); a batch copy would lose the triggers.
    op.execute("ALTER TABLE articles DROP COLUMN tag_keys")
    _index(OLD_COLUMNS)
