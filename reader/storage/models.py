"""The library's tables as SQLAlchemy 2 typed ORM classes.

ORM objects never leave ``reader.storage``: the repository turns them into domain dataclasses.
The schema itself is created and upgraded by the Alembic migrations beside this module; a test
checks that they agree with these classes. The full-text index (``articles_fts``) is an FTS5
table over ``articles`` kept in step by triggers, so it lives in the migrations only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reader.domain.times import as_utc

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The list's sort orders by index name, and the reading state every sort index carries.
SORT_COLUMNS = {
    "added": "added_at",
    "published": "published_at",
    "title": "title",
    "author": "author",
    "site": "site_name",
    "words": "words",
}
STATE_COLUMNS = ("read", "starred", "archived")
#: What a row of the article list shows, after the row key (see ix_articles_summary).
SUMMARY_COLUMNS = (
    "uid",
    "title",
    "title_inferred",
    "author",
    "site_name",
    "published_at",
    "added_at",
    "read",
    "starred",
    "archived",
    "progress",
    "words",
    "deleted_at",
    "content_pending",
    "language",
)


def tag_key(tag_id: int) -> str:
    """A tag's token in the full-text index's ``tag_keys`` column: ``t`` and its row id."""
    return f"t{int(tag_id)}"


def tag_keys_text(tag_ids: Iterable[int]) -> str:
    """The ``tag_keys`` column of an article with these tags."""
    return " ".join(tag_key(i) for i in tag_ids)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as naive UTC text, read back aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    #: Keeps the user's order of tags on an article.
    position: Mapped[int] = mapped_column(Integer, default=0)

    tag: Mapped[TagRow] = relationship(lazy="joined")

    __table_args__ = (Index("ix_article_tags_tag_id", "tag_id"),)


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text(collation="NOCASE"), default="")
    title_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    subtitle: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text(collation="NOCASE"))
    author_bio: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text(collation="NOCASE"))
    url: Mapped[str | None] = mapped_column(Text)
    #: normalize_url(url): the duplicate key for links.
    url_key: Mapped[str | None] = mapped_column(Text, index=True)
    #: content_hash(body, title): the duplicate key for content.
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    published_at: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(35))
    summary: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    image_credit: Mapped[str | None] = mapped_column(Text)
    image_caption: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[int] = mapped_column(Integer, default=0)
    #: Tag names and highlight text, space-joined, for the full-text index.
    tags_text: Mapped[str] = mapped_column(Text, default="")
    highlights_text: Mapped[str] = mapped_column(Text, default="")
    #: The tags' exact keys for the full-text index (see ``tag_keys_text``).
    tag_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    content_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    tag_links: Mapped[list[ArticleTag]] = relationship(
        order_by=ArticleTag.position, cascade="all, delete-orphan", passive_deletes=True
    )
    highlights: Mapped[list[HighlightRow]] = relationship(
        back_populates="article",
        order_by="HighlightRow.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    related: Mapped[list[RelatedRow]] = relationship(
        order_by="RelatedRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    source: Mapped[SourceRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    # One index per order the list offers, led by the Trash marker, then the sort column and
    # the row key (the tie-break, so no sorting is left to do), then the reading state: a view
    # (All, Unread, Starred, Archive) in any order is one scan of one index, never a lookup of
    # every row (rows hold the body, so each lookup reads kilobytes).
    #
    # The list's rows come from their own covering index: most of those columns sit after the
    # body in a row, so reading them from the table walks the body's overflow pages, kilobytes
    # per row (and, memory-mapped, all of it lands in the reader's resident memory).
    __table_args__ = (
        *(
            Index(f"ix_articles_live_{name}", "deleted_at", column, "pk", *STATE_COLUMNS)
            for name, column in SORT_COLUMNS.items()
        ),
        Index("ix_articles_summary", "pk", *SUMMARY_COLUMNS),
    )


class HighlightRow(Base):
    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(20), default="yellow")
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    article: Mapped[ArticleRow] = relationship(back_populates="highlights")


class RelatedRow(Base):
    __tablename__ = "related_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    rel: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class SourceRow(Base):
    """Import provenance: the format, the file, when, and the lines the importer removed."""

    __tablename__ = "import_sources"

    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[str] = mapped_column(String(40))
    file: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: JSON list of the removed lines.
    removed: Mapped[str] = mapped_column(Text, default="[]")


class RevisionRow(Base):
    """An earlier saved state of an article, taken just before a save replaced it."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), index=True
    )
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: JSON object of every editable field as it was.
    fields: Mapped[str] = mapped_column(Text, default="{}")


class CountsRow(Base):
    """The sidebar's numbers, kept by triggers on ``articles`` (migration 0003) so reading them
    never scans the library. One row."""

    __tablename__ = "library_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    live: Mapped[int] = mapped_column(Integer, default=0)
    unread: Mapped[int] = mapped_column(Integer, default=0)
    starred: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[int] = mapped_column(Integer, default=0)
    trashed: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)


class LibraryStateRow(Base):
    """One row: ``change_seq`` goes up by one with every committed write, whoever wrote it."""

    __tablename__ = "library_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_seq: Mapped[int] = mapped_column(Integer, default=0)
