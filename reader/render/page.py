"""Articles as pages that leave Folio: standalone HTML5 (and the XHTML inside an EPUB).

The pages carry the reader's typography (its stylesheet, for the chosen theme and size) in a
``<style>`` element, so they look like the reader pane with nothing beside them; they make no
request of their own (remote images stay links, as in the reader, and a Content Security
Policy says so to the browser); and an article in a right-to-left language is laid out right
to left. The markup is polyglot (see ``render.xhtml``): valid HTML5 and well-formed XML, so
the same builders serve the HTML and EPUB exporters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.domain.article import Article
from reader.domain.text import is_rtl_language
from reader.render.html import byline_parts, closing_blocks, markdown_to_html
from reader.render.themes import Typography, stylesheet, theme
from reader.render.xhtml import esc, polyglot, safe_href, valid_lang

#: Nothing may be fetched: styles are inline, images are links.
CSP = "default-src 'none'; style-src 'unsafe-inline'"

# What a page needs beyond the reader's own rules: a readable measure in a browser window,
# the image block as a <figure>, tables with rules, the index and the digest's contents.
_PAGE_CSS = """
html { background-color: %(background)s; }
h2.title { font-size: %(title_size)s; line-height: 120%%; margin: 0.2em 0 0.25em 0; }
body { max-width: 40em; margin: 2.5em auto 4em auto; padding: 0 1.2em; }
figure.figure { margin: 0 0 1.4em 0; padding: 10px 14px; background-color: %(rule)s; }
figure.figure p { margin: 0; }
table { border-collapse: collapse; margin-bottom: 1em; }
td, th { border: 1px solid %(rule)s; padding: 4px 8px; }
pre { white-space: pre-wrap; }
a:not([href]) { color: inherit; }
a.back { font-family: %(sans)s; font-size: 0.85em; }
nav.folio ol { padding-inline-start: 1.6em; }
nav.folio li { margin-bottom: 0.9em; line-height: 140%%; }
nav.folio li > a { font-size: 1.1em; font-weight: 600; }
nav.folio .summary { color: %(muted)s; font-size: 0.9em; }
nav.folio .meta, p.meta { color: %(muted)s; font-family: %(sans)s; font-size: 0.8em; }
article + article { border-top: 1px solid %(rule)s; margin-top: 3em; padding-top: 2em; }
@media print {
  html, body { background-color: #ffffff; color: #000000; }
  body { max-width: none; margin: 0; }
  article + article { break-before: page; border-top: none; }
}
"""

# EPUB reading systems bring their own colours, margins and themes: only typography here.
_EPUB_CSS = """
body { font-family: %(family)s; line-height: %(line_height)s; }
h1.title { font-size: 1.6em; line-height: 1.2; margin: 0.2em 0 0.3em 0; }
p { margin: 0 0 0.8em 0; }
p.subtitle { font-size: 1.15em; margin-bottom: 0.6em; }
p.byline, p.credit, p.meta, div.bio, p.related, h3.related-heading { font-family: %(sans)s; }
p.byline { font-size: 0.85em; margin-bottom: 1.4em; }
figure.figure { margin: 0 0 1.4em 0; }
p.caption { font-size: 0.85em; font-style: italic; margin: 0; }
p.credit { font-size: 0.8em; margin: 0.3em 0 0 0; }
blockquote { margin: 0 1.2em 0.8em 1.2em; font-style: italic; }
pre, code { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace; font-size: 0.85em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999999; padding: 2px 6px; }
div.bio { font-size: 0.85em; margin-top: 2em; }
h3.related-heading { font-size: 0.85em; margin: 1.6em 0 0.3em 0; }
p.related { font-size: 0.85em; margin: 0 0 0.3em 0; }
nav li { margin-bottom: 0.4em; }
"""


@dataclass(frozen=True, slots=True)
class PageStyle:
    """How exported pages look: a reader theme and a text size in points."""

    theme: str = "light"
    font_size: float = 12.0

    def typography(self) -> Typography:
        return Typography(font_size=self.font_size)


def page_css(style: PageStyle) -> str:
    """The stylesheet of a standalone page: the reader's, plus what a browser page needs."""
    t = theme(style.theme)
    typo = style.typography()
    extra = _PAGE_CSS % {
        "background": t.background,
        "rule": t.rule,
        "muted": t.muted,
        "sans": typo.sans_family,
        "title_size": f"{typo.font_size * 1.85:.1f}pt",
    }
    return stylesheet(t, typo) + extra


def epub_css() -> str:
    """The EPUB's stylesheet: the reader's fonts and rhythm, no colours."""
    typo = Typography()
    return _EPUB_CSS % {
        "family": typo.serif_family,
        "sans": typo.sans_family,
        "line_height": f"{typo.line_height / 100:g}",
    }


def direction(language: str | None) -> str:
    return "rtl" if is_rtl_language(language) else "ltr"


def byline(article: Article) -> str:
    """``Author · Site · 12 Sep 2019 · 2 min read`` as escaped markup ('' when empty)."""
    # Each part isolated, so that "12 Sep 2019" stays whole beside right-to-left words.
    return " · ".join(f"<bdi>{part}</bdi>" for part in byline_parts(article))


def _lang_attrs(language: str | None, *, xml: bool = False) -> str:
    lang = valid_lang(language)
    attrs = f' dir="{direction(language)}"'
    if lang:
        attrs = f' lang="{lang}"' + (f' xml:lang="{lang}"' if xml else "") + attrs
    return attrs


def article_markup(
    article: Article, *, anchor: str | None = None, xml: bool = False, level: int = 1
) -> str:
    """One article as an ``<article>`` element: header, image block, body, bio, related.

    ``level`` is the heading level of its title (2 inside a digest that has its own title).
    """
    out: list[str] = []
    ident = f' id="{esc(anchor)}"' if anchor else ""
    out.append(f"<article{ident}{_lang_attrs(article.language, xml=xml)}>")
    out.append(f'<h{level} class="title">{esc(article.title or "Untitled")}</h{level}>')
    if article.subtitle:
        out.append(f'<p class="subtitle">{esc(article.subtitle)}</p>')
    line = byline(article)
    if line:
        out.append(f'<p class="byline">{line}</p>')
    source = safe_href(article.url)
    if source:
        out.append(f'<p class="meta"><a href="{source}">{esc(article.url or "")}</a></p>')
    if article.image_caption or article.image_credit or article.image_url:
        cell: list[str] = []
        image = safe_href(article.image_url)
        if image:
            cell.append(f'<p class="credit"><a href="{image}">[lead image]</a></p>')
        if article.image_caption:
            cell.append(f'<p class="caption">{esc(article.image_caption)}</p>')
        if article.image_credit:
            cell.append(f'<p class="credit">Photo: {esc(article.image_credit)}</p>')
        if cell:
            out.append(f'<figure class="figure">{"".join(cell)}</figure>')
    out.append(f'<div class="body">{polyglot(markdown_to_html(article.body))}</div>')
    out.extend(closing_blocks(article, esc, safe_href))
    out.append("</article>")
    return "\n".join(out)


def article_meta(article: Article) -> str:
    """``<meta>`` elements describing an article, for tools that read a page's metadata
    (Folio's own web-page importer among them)."""
    pairs = [
        ("name", "author", article.author),
        ("name", "description", article.summary),
        ("name", "keywords", ", ".join(article.tags) or None),
        ("property", "og:title", article.title),
        ("property", "og:site_name", article.site_name),
        ("property", "og:url", safe_href(article.url)),
        ("property", "article:published_time", article.published_at),
    ]
    return "".join(
        f'<meta {kind}="{key}" content="{esc(value)}" />\n' for kind, key, value in pairs if value
    )


def html_document(
    title: str,
    body: str,
    *,
    css: str,
    language: str | None = None,
    rtl: bool | None = None,
    meta: str = "",
) -> str:
    """A complete standalone HTML5 page around ``body`` (polyglot markup)."""
    lang = valid_lang(language)
    way = ("rtl" if rtl else "ltr") if rtl is not None else direction(language)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html>\n<html{lang_attr} dir="{way}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}" />\n'
        '<meta name="generator" content="Folio" />\n'
        f"{meta}<title>{esc(title or 'Untitled')}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def article_document(article: Article, style: PageStyle, *, back_to: str | None = None) -> str:
    """A standalone page for one article; ``back_to`` links to an index page."""
    back = f'<p><a class="back" href="{esc(back_to)}">← All articles</a></p>\n' if back_to else ""
    return html_document(
        article.title,
        back + article_markup(article),
        css=page_css(style),
        language=article.language,
        meta=article_meta(article),
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """What an index or a table of contents shows of an article."""

    title: str
    href: str
    meta: str = ""
    summary: str | None = None
    language: str | None = None


def entry_for(article: Article, href: str) -> Entry:
    return Entry(
        title=article.title or "Untitled",
        href=href,
        meta=byline(article),
        summary=article.summary,
        language=article.language,
    )


def contents_list(entries: Iterable[Entry]) -> str:
    """An ``<ol>`` of links to articles, each with its byline and summary."""
    items: list[str] = []
    for e in entries:
        # The list is laid out as the page is; each entry's words keep their own direction.
        lang = valid_lang(e.language)
        attrs = (f' lang="{lang}"' if lang else "") + f' dir="{direction(e.language)}"'
        link = f'<a href="{esc(e.href)}"{attrs}>{esc(e.title)}</a>'
        meta = f'<br /><span class="meta"{attrs}>{e.meta}</span>' if e.meta else ""
        summary = f'<br /><span class="summary"{attrs}>{esc(e.summary)}</span>' if e.summary else ""
        items.append(f"<li>{link}{meta}{summary}</li>")
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def index_document(title: str, entries: list[Entry], style: PageStyle, *, when: str) -> str:
    """The ``index.html`` of an exported folder: every article, linked."""
    count = f"{len(entries)} article{'s' if len(entries) != 1 else ''} · exported {esc(when)}"
    body = (
        f'<h1 class="title">{esc(title)}</h1>\n<p class="byline">{count}</p>\n'
        f'<nav class="folio">\n{contents_list(entries)}\n</nav>'
    )
    # The index's own words are Folio's, in English; each entry carries its article's language.
    return html_document(title, body, css=page_css(style), language="en")
