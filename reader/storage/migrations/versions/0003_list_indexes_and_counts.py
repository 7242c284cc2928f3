"""Indexes that answer every list view in every order, and counts kept by triggers.

Each sort order of the list gets an index led by the Trash marker, then the sort column and
the row key that breaks ties, then the reading state, so a view in any order is one index
scan (the single-column indexes they replace made the Unread view look up every row); the
list's rows are read from a covering index of their own, never from the wide rows. The
sidebar's numbers live in a one-row table that triggers keep in step with every insert,
delete and change of state, whichever program writes the file, so showing them never scans
the library.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SORTS = {
    "added": "added_at",
    "published": "published_at",
    "title": "title",
    "author": "author",
    "site": "site_name",
    "words": "words",
}
STATE = ["read", "starred", "archived"]
SUMMARY = [
    "uid", "title", "title_inferred", "author", "site_name", "published_at", "added_at", "read",
    "starred", "archived", "progress", "words", "deleted_at", "content_pending", "language",
]  # fmt: skip
OLD_INDEXES = {
    "ix_articles_live_added": ["deleted_at", "added_at"],
    "ix_articles_published": ["published_at"],
    "ix_articles_title": ["title"],
    "ix_articles_author": ["author"],
    "ix_articles_site": ["site_name"],
    "ix_articles_words": ["words"],
}
# What one article adds to each count; a trigger adds a new row's share and takes away an old
# row's. Booleans are stored as 0 and 1.
SHARES = {
    "live": "({r}.deleted_at IS NULL)",
    "unread": "({r}.deleted_at IS NULL AND NOT {r}.read)",
    "starred": "({r}.deleted_at IS NULL AND {r}.starred)",
    "archived": "({r}.deleted_at IS NULL AND {r}.archived)",
    "trashed": "({r}.deleted_at IS NOT NULL)",
    "pending": "({r}.deleted_at IS NULL AND {r}.content_pending)",
}
TRIGGERS = ("library_counts_insert", "library_counts_delete", "library_counts_update")


def _apply(sign: str, row: str) -> str:
    sets = ", ".join(
        f"{name} = {name} {sign} {share.format(r=row)}" for name, share in SHARES.items()
    )
    return f"UPDATE library_counts SET {sets} WHERE id = 1;"


def upgrade() -> None:
    # Written to be safe to run over a file that already has some of it (IF [NOT] EXISTS): a
    # library repaired or put together by hand should still come out right.
    for name in OLD_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, column in SORTS.items():
        columns = ", ".join(["deleted_at", column, "pk", *STATE])
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_articles_live_{name} ON articles ({columns})")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_articles_summary ON articles "
        f"({', '.join(['pk', *SUMMARY])})"
    )
    columns = ", ".join(f"{name} INTEGER NOT NULL" for name in ["id", *SHARES])
    op.execute(
        f"CREATE TABLE IF NOT EXISTS library_counts ({columns}, "
        "CONSTRAINT pk_library_counts PRIMARY KEY (id))"
    )
    sums = ", ".join(f"coalesce(sum({share.format(r='articles')}), 0)" for share in SHARES.values())
    op.execute(
        f"INSERT OR REPLACE INTO library_counts (id, {', '.join(SHARES)}) "
        f"SELECT 1, {sums} FROM articles"
    )
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(
        "CREATE TRIGGER library_counts_insert AFTER INSERT ON articles BEGIN "
        f"{_apply('+', 'new')} END"
    )
    op.execute(
        "CREATE TRIGGER library_counts_delete AFTER DELETE ON articles BEGIN "
        f"{_apply('-', 'old')} END"
    )
    op.execute(
        "CREATE TRIGGER library_counts_update "
        "AFTER UPDATE OF read, starred, archived, deleted_at, content_pending ON articles BEGIN "
        f"{_apply('-', 'old')} {_apply('+', 'new')} END"
    )


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("library_counts")
    op.drop_index("ix_articles_summary", table_name="articles")
    for name in SORTS:
        op.drop_index(f"ix_articles_live_{name}", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        for name, columns in OLD_INDEXES.items():
            batch.create_index(name, columns)
