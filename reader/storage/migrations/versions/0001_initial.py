"""The first schema: articles, tags, highlights, related links, provenance, revisions, FTS5.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(collation="NOCASE"), nullable=False),
        sa.Column("title_inferred", sa.Boolean(), nullable=False),
        sa.Column("subtitle", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(collation="NOCASE"), nullable=True),
        sa.Column("author_bio", sa.Text(), nullable=True),
        sa.Column("site_name", sa.Text(collation="NOCASE"), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("url_key", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("published_at", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("image_credit", sa.Text(), nullable=True),
        sa.Column("image_caption", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("tags_text", sa.Text(), nullable=False),
        sa.Column("highlights_text", sa.Text(), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("content_pending", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_articles")),
        sa.UniqueConstraint("uid", name=op.f("uq_articles_uid")),
    )
    with op.batch_alter_table("articles") as batch:
        batch.create_index("ix_articles_url_key", ["url_key"])
        batch.create_index("ix_articles_content_hash", ["content_hash"])
        batch.create_index("ix_articles_live_added", ["deleted_at", "added_at"])
        batch.create_index("ix_articles_published", ["published_at"])
        batch.create_index("ix_articles_title", ["title"])
        batch.create_index("ix_articles_author", ["author"])
        batch.create_index("ix_articles_site", ["site_name"])
        batch.create_index("ix_articles_words", ["words"])

    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200, collation="NOCASE"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "article_tags",
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_pk"],
            ["articles.pk"],
            name=op.f("fk_article_tags_article_pk_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_article_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_pk", "tag_id", name=op.f("pk_article_tags")),
    )
    op.create_index("ix_article_tags_tag_id", "article_tags", ["tag_id"])

    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("color", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_pk"],
            ["articles.pk"],
            name=op.f("fk_highlights_article_pk_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_highlights")),
        sa.UniqueConstraint("uid", name=op.f("uq_highlights_uid")),
    )
    op.create_index("ix_highlights_article_pk", "highlights", ["article_pk"])

    op.create_table(
        "related_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rel", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_pk"],
            ["articles.pk"],
            name=op.f("fk_related_links_article_pk_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_links")),
    )
    op.create_index("ix_related_links_article_pk", "related_links", ["article_pk"])

    op.create_table(
        "import_sources",
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("removed", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_pk"],
            ["articles.pk"],
            name=op.f("fk_import_sources_article_pk_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_pk", name=op.f("pk_import_sources")),
    )

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_pk"],
            ["articles.pk"],
            name=op.f("fk_revisions_article_pk_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    op.create_index("ix_revisions_article_pk", "revisions", ["article_pk"])

    # The full-text index reads its text from `articles` (external content) and is kept in
    # step by triggers, whichever program writes the file.
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, author, body, tags_text, highlights_text, "
        "content='articles', content_rowid='pk', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    cols = "title, author, body, tags_text, highlights_text"
    new = "new.title, new.author, new.body, new.tags_text, new.highlights_text"
    old = "old.title, old.author, old.body, old.tags_text, old.highlights_text"
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


def downgrade() -> None:
    for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in (
        "revisions",
        "import_sources",
        "related_links",
        "highlights",
        "article_tags",
        "tags",
        "articles",
    ):
        op.drop_table(table)
