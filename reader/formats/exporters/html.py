"""Standalone HTML: a page per article with an ``index.html`` linking them (a small site that
works from the disk), or every article on one page behind a table of contents.

Pages carry the reader's typography, request nothing from the network, and lay
right-to-left articles out right to left (see ``reader.render.page``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO
from urllib.parse import quote

from reader.domain.article import Article
from reader.domain.text import is_rtl_language
from reader.domain.times import utc_now
from reader.formats.export_options import ExportOptions, Layout, Namer
from reader.formats.registry import ExportFormat
from reader.render.html import format_date
from reader.render.page import (
    Entry,
    PageStyle,
    article_document,
    article_markup,
    article_meta,
    contents_list,
    entry_for,
    html_document,
    index_document,
    page_css,
)
from reader.render.xhtml import esc

INDEX = "index"


def _style(options: ExportOptions) -> PageStyle:
    return PageStyle(theme=options.theme, font_size=options.font_size)


def digest_title(options: ExportOptions) -> str:
    return options.title or "Folio export"


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    """Every article on one page, after a table of contents linking to each (a single
    article is simply its own page)."""
    entries: list[Entry] = []
    sections: list[str] = []
    languages: set[str | None] = set()
    first: Article | None = None
    for n, article in enumerate(articles, 1):
        anchor = f"article-{n}"
        first = first or article
        entries.append(entry_for(article, f"#{anchor}"))
        sections.append(article_markup(article, anchor=anchor, level=2))
        languages.add(article.language)
    title = digest_title(options)
    css = page_css(_style(options))
    if first is not None and len(entries) == 1:
        page = html_document(
            first.title,
            article_markup(first),
            css=css,
            language=first.language,
            meta=article_meta(first),
        )
    else:
        # The page's own words (title, contents) are Folio's, in English, unless every
        # article shares a language; each article carries its own language and direction.
        shared = next(iter(languages)) if len(languages) == 1 else None
        rtl = bool(languages) and all(is_rtl_language(lang) for lang in languages)
        body = (
            f'<header>\n<h1 class="title">{esc(title)}</h1>\n'
            f'<nav class="folio">\n{contents_list(entries)}\n</nav>\n</header>\n'
            + "\n".join(sections)
        )
        page = html_document(title, body, css=css, language=shared or "en", rtl=rtl)
    stream.write(page.encode("utf-8"))


def files(
    articles: Iterable[Article], options: ExportOptions, namer: Namer
) -> Iterator[tuple[str, bytes]]:
    """A page per article, then ``index.html`` linking them all."""
    style = _style(options)
    # Claimed first, so that an article called "index" cannot take the index's name.
    index_path = namer(INDEX, "html", ())
    entries: list[Entry] = []
    for article in articles:
        path = namer(article.title or article.id, "html", ())
        page = article_document(article, style, back_to=quote(index_path))
        yield path, page.encode("utf-8")
        entries.append(entry_for(article, quote(path)))
    when = format_date(utc_now().date().isoformat())
    page = index_document(digest_title(options), entries, style, when=when)
    yield index_path, page.encode("utf-8")


FORMAT = ExportFormat(
    name="html",
    label="HTML",
    extension="html",
    write=write,
    files=files,
    default_layout=Layout.PER_ARTICLE,
)
