"""Fetch content: filling a saved link with its page, and the report of a fetch.

A link-only article (from Pocket, Instapaper, bookmarks, a feed) was saved with a title, tags
and state the user chose; the page brings the text and what the page says about itself. The
article keeps everything the user set and gains the page's text and the facts it lacked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.domain.article import Article, ArticleDraft

# Facts the page knows better than an export row: taken from the page when it has them.
_FROM_PAGE = ("author", "site_name", "published_at", "language", "image_url")
# Facts the user or the export may have set: the page only fills a gap.
_FILL_ONLY = ("subtitle", "author_bio", "summary", "image_credit", "image_caption")


def _truncated(saved: str, page: str) -> bool:
    """Whether ``saved`` is ``page`` cut short (exports cut long titles, often mid-word)."""
    saved = " ".join(saved.split()).rstrip(" .…-–—|").casefold()
    return bool(saved) and len(saved) < len(page) and page.casefold().startswith(saved)


def fill_article(article: Article, page: ArticleDraft) -> Article:
    """``article`` with the page's text and facts; its tags, state, highlights, link and
    added time are the user's and stay as they are."""
    changes: dict[str, object] = {"body": page.body}
    if page.title and (article.title_inferred or _truncated(article.title, page.title)):
        changes["title"] = page.title
        changes["title_inferred"] = page.title_inferred
    for name in _FROM_PAGE:
        value = getattr(page, name)
        if value:
            changes[name] = value
    for name in _FILL_ONLY:
        if not getattr(article, name) and getattr(page, name):
            changes[name] = getattr(page, name)
    return replace(article, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class FetchItem:
    """What became of one article: ``error`` is None when its content was filled in."""

    article_id: str
    title: str
    url: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self) -> str:
        where = self.url or "(no link)"
        if self.ok:
            return f"fetched    {self.title} ({where})"
        return f"failed     {self.title} ({where}): {self.error}"


@dataclass(frozen=True, slots=True)
class FetchReport:
    """Every article a fetch looked at, in order; ``cancelled`` when the user stopped it."""

    items: tuple[FetchItem, ...] = ()
    cancelled: bool = False

    @property
    def fetched(self) -> tuple[FetchItem, ...]:
        return tuple(i for i in self.items if i.ok)

    @property
    def failed(self) -> tuple[FetchItem, ...]:
        return tuple(i for i in self.items if not i.ok)

    def summary(self) -> str:
        """One line: ``fetched 3 (1 failed)``."""
        parts = []
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append("cancelled")
        text = f"fetched {len(self.fetched)}"
        return f"{text} ({', '.join(parts)})" if parts else text

    def to_text(self) -> str:
        return "\n".join([*(i.describe() for i in self.items), self.summary()])
