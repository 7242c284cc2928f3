"""The article and its parts, as frozen values passed between every layer and thread.

``ArticleDraft`` is what an importer gives (nothing assigned by the library yet);
``Article`` is a stored article; ``ArticleSummary`` is the little a list row needs.
The field names are those of the Folio JSON format described in PRODUCT.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

from reader.domain.text import is_rtl_language, reading_minutes, word_count

#: The fields of an article a user edits in the form, in the form's order.
EDITABLE_FIELDS: tuple[str, ...] = (
    "title",
    "subtitle",
    "author",
    "author_bio",
    "site_name",
    "url",
    "published_at",
    "language",
    "tags",
    "image_url",
    "image_credit",
    "image_caption",
    "summary",
    "body",
)

HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A passage the user marked, anchored by its quote and a little text either side."""

    id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str | None = None
    color: str = "yellow"
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A link the page offered next to the article (previous/next story, "see also")."""

    rel: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from, and what the importer took out of it."""

    format: str
    file: str | None = None
    imported_at: datetime | None = None
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleContent:
    """The fields an article's content and reading state are made of, shared by drafts and
    stored articles (keyword-only, so either can be built from the same names)."""

    title: str = ""
    body: str = ""
    title_inferred: bool = False
    subtitle: str | None = None
    author: str | None = None
    author_bio: str | None = None
    site_name: str | None = None
    url: str | None = None
    published_at: str | None = None
    language: str | None = None
    summary: str | None = None
    image_url: str | None = None
    image_credit: str | None = None
    image_caption: str | None = None
    tags: tuple[str, ...] = ()
    read: bool = False
    starred: bool = False
    archived: bool = False
    progress: float = 0.0
    highlights: tuple[Highlight, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    #: Only a link so far: the content is still to be fetched.
    content_pending: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDraft(ArticleContent):
    """An article as an importer or the "New article" command produces it.

    Identity, timestamps and state are optional: a Folio JSON import carries them so the
    round trip is lossless; everything else gets them from the library.
    """

    #: Lines the importer removed from the body (``source.removed``).
    removed: tuple[str, ...] = ()
    #: The importer's format name; the library fills it in when the importer leaves it empty.
    source_format: str | None = None
    #: Identity and times carried by a lossless format.
    id: str | None = None
    added_at: datetime | None = None
    updated_at: datetime | None = None
    #: The provenance recorded in a lossless export, kept as it was.
    source: Source | None = None
    #: Earlier saved states carried by a Folio JSON export made with its revisions.
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Article(ArticleContent):
    """A stored article: every field, its state, and its provenance."""

    id: str
    added_at: datetime
    updated_at: datetime
    source: Source = field(default_factory=lambda: Source(format="folio"))
    #: Incremented by every save; an edit based on an older version is a conflict.
    version: int = 1
    deleted_at: datetime | None = None
    #: Earlier saved states, newest first: read only when asked for (an export with revisions).
    revisions: tuple[Revision, ...] = ()

    @property
    def words(self) -> int:
        return word_count(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def rtl(self) -> bool:
        return is_rtl_language(self.language)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list shows for one row."""

    id: str
    title: str
    title_inferred: bool
    author: str | None
    site_name: str | None
    published_at: str | None
    added_at: datetime
    read: bool
    starred: bool
    archived: bool
    progress: float
    words: int
    deleted: bool = False
    content_pending: bool = False
    language: str | None = None

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)


@dataclass(frozen=True, slots=True)
class Revision:
    """A saved earlier state of an article, kept so the user can compare and restore it."""

    id: int
    article_id: str
    saved_at: datetime
    title: str
    body: str
    #: Every editable field as it was, JSON-compatible.
    fields: dict[str, object] = field(default_factory=dict)


def draft_from_article(article: Article) -> ArticleDraft:
    """The draft that would recreate ``article`` losslessly (used by round trips and copies)."""
    content = {f.name: getattr(article, f.name) for f in fields(ArticleContent)}
    return ArticleDraft(
        **content,
        removed=article.source.removed,
        source_format=article.source.format,
        id=article.id,
        added_at=article.added_at,
        updated_at=article.updated_at,
        source=article.source,
        revisions=article.revisions,
    )
