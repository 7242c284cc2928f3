"""The search language and the list's filters.

One parser serves the GUI search box, ``folio search`` and ``folio list --query``:

    words  "exact phrase"  -word  -"phrase"  word*  a OR b
    tag:israel  tag:"two words"  author:julian  site:example.com  lang:he
    is:unread|read|starred|archived|highlighted|trash|pending  before:2020-01-01  after:2019-06

Every prefix can be negated (``-tag:x``). Anything that does not parse as a filter is a word,
so a query never fails: ``10:30`` or ``http://x`` are searched as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class View(StrEnum):
    """The sidebar's fixed entries."""

    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"
    ARCHIVE = "archive"
    TRASH = "trash"


class SortKey(StrEnum):
    ADDED = "added"
    PUBLISHED = "published"
    TITLE = "title"
    AUTHOR = "author"
    SITE = "site"
    READING_TIME = "reading_time"
    PROGRESS = "progress"
    #: Search results only: best BM25 match first.
    RELEVANCE = "relevance"


FLAGS = (
    "unread",
    "read",
    "starred",
    "unstarred",
    "archived",
    "unarchived",
    "highlighted",
    "trash",
    "pending",
)
_FLAG_ALIASES = {
    "archive": "archived",
    "star": "starred",
    "deleted": "trash",
    "trashed": "trash",
    "highlight": "highlighted",
    "highlights": "highlighted",
}
_KEYS = ("tag", "author", "site", "lang", "is", "before", "after")

_TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:(?P<key>[A-Za-z]+):)?
    (?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]+))
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query. ``groups`` holds the text terms: each group is a tuple of alternatives
    joined by OR, the groups joined by AND; an alternative is a word or a quoted phrase."""

    groups: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    not_authors: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    not_sites: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    not_langs: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    not_flags: tuple[str, ...] = ()
    before: date | None = None
    after: date | None = None
    text: str = field(default="", compare=False)

    @property
    def has_text(self) -> bool:
        """Whether full-text matching is needed (else filters alone answer it)."""
        return bool(self.groups)

    @property
    def is_empty(self) -> bool:
        return not (
            self.groups
            or self.excluded
            or self.tags
            or self.not_tags
            or self.authors
            or self.not_authors
            or self.sites
            or self.not_sites
            or self.langs
            or self.not_langs
            or self.flags
            or self.not_flags
            or self.before
            or self.after
        )

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """The words and phrases to mark in a list snippet or in the reader."""
        out: list[str] = []
        for group in self.groups:
            for alt in group:
                out.append(alt.rstrip("*"))
        return tuple(t for t in out if t)


def _parse_date(text: str, *, end: bool) -> date | None:
    """``2020``, ``2020-06`` or ``2020-06-15``; ``end`` picks the last day of a year or month."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    try:
        if m.group(3):
            return date(year, month, int(m.group(3)))
        if not end:
            return date(year, month, 1)
        if month == 12:
            return date(year, 12, 31)
        return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)
    except ValueError:
        return None


def parse_query(text: str) -> SearchQuery:
    """Parse the search language; never raises."""
    groups: list[list[str]] = []
    lists: dict[str, list[str]] = {
        k: []
        for k in (
            "excluded",
            "tags",
            "not_tags",
            "authors",
            "not_authors",
            "sites",
            "not_sites",
            "langs",
            "not_langs",
            "flags",
            "not_flags",
        )
    }
    before: date | None = None
    after: date | None = None
    join_next = False
    for m in _TOKEN.finditer(text or ""):
        neg = bool(m.group("neg"))
        key = (m.group("key") or "").casefold()
        quoted = m.group("quoted")
        value = quoted if quoted is not None else (m.group("bare") or "")
        if key and key not in _KEYS:
            # Not a filter ("10:30", "http://..."): the whole token is text.
            value = f"{m.group('key')}:{value}"
            key = ""
        if not key and quoted is None and value == "OR" and not neg:
            join_next = bool(groups)
            continue
        value = value.strip()
        if not value:
            continue
        if key in ("tag", "author", "site", "lang"):
            name = {"tag": "tags", "author": "authors", "site": "sites", "lang": "langs"}[key]
            lists[("not_" if neg else "") + name].append(value)
        elif key == "is":
            flag = _FLAG_ALIASES.get(value.casefold(), value.casefold())
            if flag in FLAGS:
                lists["not_flags" if neg else "flags"].append(flag)
        elif key in ("before", "after"):
            parsed = _parse_date(value, end=key == "after")
            if parsed is None:
                continue
            if key == "before":
                before = parsed
            else:
                after = parsed
        elif neg:
            lists["excluded"].append(value)
        else:
            term = value if quoted is None else f'"{value}"'
            if join_next and groups:
                groups[-1].append(term)
            else:
                groups.append([term])
            join_next = False
            continue
        join_next = False
    return SearchQuery(
        groups=tuple(tuple(g) for g in groups),
        excluded=tuple(lists["excluded"]),
        tags=tuple(lists["tags"]),
        not_tags=tuple(lists["not_tags"]),
        authors=tuple(lists["authors"]),
        not_authors=tuple(lists["not_authors"]),
        sites=tuple(lists["sites"]),
        not_sites=tuple(lists["not_sites"]),
        langs=tuple(lists["langs"]),
        not_langs=tuple(lists["not_langs"]),
        flags=tuple(lists["flags"]),
        not_flags=tuple(lists["not_flags"]),
        before=before,
        after=after,
        text=text or "",
    )


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What the article list shows: a sidebar entry, optionally a tag or site, and a search."""

    view: View = View.ALL
    tag: str | None = None
    site: str | None = None
    search: str = ""
    sort: SortKey = SortKey.ADDED
    descending: bool = True

    @property
    def parsed(self) -> SearchQuery:
        return parse_query(self.search)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the article's row data, a snippet with matches marked, its score."""

    id: str
    title: str
    author: str | None
    published_at: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResults:
    total: int
    hits: tuple[SearchHit, ...]
    query: SearchQuery
