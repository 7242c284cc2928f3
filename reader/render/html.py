"""Markdown to sanitized HTML, and the reader pane's page for a whole article.

The body goes through markdown2, then nh3 with an allow-list: no script, no event handlers, no
styles, no ``javascript:`` or ``data:`` links, no frames or forms. Remote images are never
loaded by the reader: they become a placeholder link the user may click.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import datetime

import markdown2

from reader.domain.article import Article
from reader.domain.text import is_rtl_language
from reader.domain.times import published_date
from reader.render.highlights import body_text_of_html, mark_highlights
from reader.render.sanitize import ALLOWED_ATTRIBUTES as ALLOWED_ATTRIBUTES
from reader.render.sanitize import ALLOWED_TAGS as ALLOWED_TAGS
from reader.render.sanitize import URL_SCHEMES as URL_SCHEMES
from reader.render.sanitize import clean_html, web_url
from reader.render.themes import Theme, Typography, stylesheet, theme

MARKDOWN_EXTRAS = ["fenced-code-blocks", "tables", "strike", "footnotes", "cuddled-lists"]

_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def sanitize(fragment: str) -> str:
    """Keep only the allow-listed markup of an HTML fragment (see ``sanitize.clean_html``)."""
    return clean_html(fragment)


_PLACEHOLDER = re.compile(r'<a class="image-placeholder" href="([^"]*)"')


def placeholder_targets(page: str) -> set[str]:
    """The addresses of the image placeholders in a rendered page."""
    return {html.unescape(m) for m in _PLACEHOLDER.findall(page)}


def _placeholder_images(fragment: str, keep: frozenset[str] = frozenset()) -> str:
    """Remote images become a link the user may click; nothing is fetched by the reader.
    Images in ``keep`` (the ones the user chose to load) stay images."""

    def swap(m: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(m.group(1)))
        src = attrs.get("src", "")
        if src and html.unescape(src) in keep:
            return m.group(0)
        alt = html.unescape(attrs.get("alt", "")).strip() or "image"
        if not src:
            return ""
        label = html.escape(f"[image: {alt}]")
        return f'<a class="image-placeholder" href="{src}">{label}</a>'

    return _IMG.sub(swap, fragment)


#: markdown2's tab stops: tabs are expanded to them before it reads the text.
TAB_WIDTH = 4


def render_markdown(markdown: str) -> str:
    """markdown2's HTML for this Markdown (not yet sanitized). Tabs are expanded first, to the
    same stops markdown2 uses: its own expansion recurses once per tab on a line, so a line of
    2,000 tabs ran out of Python's stack."""
    return str(markdown2.markdown(markdown.expandtabs(TAB_WIDTH), extras=MARKDOWN_EXTRAS))


def markdown_to_html(
    markdown: str, *, remote_images: bool = False, images: frozenset[str] = frozenset()
) -> str:
    """The body's Markdown as sanitized HTML: remote images as placeholders, except the
    ``images`` the user chose to load (or all of them with ``remote_images``)."""
    clean = sanitize(render_markdown(markdown or ""))
    return clean if remote_images else _placeholder_images(clean, images)


def body_text(markdown: str) -> str:
    """The body's visible text with white space folded: where highlights are anchored."""
    return body_text_of_html(markdown_to_html(markdown))


def format_date(published_at: str | None, added_at: datetime | None = None) -> str:
    """``12 Sep 2019`` from a stored date or time."""
    day = published_date(published_at)
    if day is None and added_at is not None:
        day = added_at.date()
    return f"{day.day} {day:%b %Y}" if day else ""


def _mark_terms(fragment: str, terms: Sequence[str]) -> str:
    """Wrap search matches in the body text (never inside tags) in ``span.match``."""
    words = [t.strip('"').strip() for t in terms if t.strip('"').strip()]
    if not words:
        return fragment
    pattern = re.compile(
        "|".join(r"\b" + re.escape(w).replace(r"\ ", r"\s+") + r"\w*" for w in words),
        re.IGNORECASE,
    )
    parts = re.split(r"(<[^>]+>)", fragment)
    for i, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[i] = pattern.sub(lambda m: f'<span class="match">{m.group(0)}</span>', part)
    return "".join(parts)


def byline_parts(article: Article) -> list[str]:
    """Author, site, date and reading time, each as escaped markup, the ones the article has."""
    parts: list[str] = []
    if article.author:
        parts.append(f"<b>{html.escape(article.author)}</b>")
    if article.site_name:
        parts.append(html.escape(article.site_name))
    when = format_date(article.published_at)
    if when:
        parts.append(html.escape(when))
    if article.reading_minutes:
        parts.append(f"{article.reading_minutes} min read")
    return parts


def article_body_html(
    article: Article,
    *,
    search_terms: Sequence[str] = (),
    remote_images: bool = False,
    images: frozenset[str] = frozenset(),
) -> str:
    """The inner HTML of the reader page: header, image block, body, bio, related links."""
    esc = html.escape
    out: list[str] = []
    out.append(f'<h1 class="title">{esc(article.title or "Untitled")}</h1>')
    if article.subtitle:
        out.append(f'<p class="subtitle">{esc(article.subtitle)}</p>')
    byline = byline_parts(article)
    if byline:
        # Each part keeps its own direction (an English "2 min read" in a Hebrew byline);
        # QTextBrowser knows no <bdi>, so the parts are isolated with Unicode's own marks.
        parts = [f"\u2068{part}\u2069" for part in byline]
        out.append(f'<p class="byline">{" · ".join(parts)}</p>')
    # The lead image is shown only for a web address; anything else is not a link at all.
    image_url = web_url(article.image_url)
    if article.image_caption or article.image_credit or image_url:
        cell: list[str] = []
        if image_url and (remote_images or image_url in images):
            cell.append(f'<img src="{esc(image_url)}" alt="">')
        elif image_url:
            cell.append(
                f'<p class="credit"><a class="image-placeholder" href="{esc(image_url)}">'
                "[lead image]</a></p>"
            )
        if article.image_caption:
            cell.append(f'<p class="caption">{esc(article.image_caption)}</p>')
        if article.image_credit:
            cell.append(f'<p class="credit">Photo: {esc(article.image_credit)}</p>')
        out.append(
            '<table class="figure" width="100%" cellspacing="0" cellpadding="0">'
            f'<tr><td class="figure-cell">{"".join(cell)}</td></tr></table>'
        )
    if article.content_pending and not article.body.strip():
        out.append('<p class="pending">Only the link is saved so far: use Fetch content.</p>')
    body = markdown_to_html(article.body, remote_images=remote_images, images=images)
    body, _lost = mark_highlights(body, article.highlights)
    out.append(f'<div class="body">{_mark_terms(body, search_terms)}</div>')
    out.extend(closing_blocks(article, esc, _reader_href))
    return "\n".join(out)


def _reader_href(url: str | None) -> str | None:
    return html.escape(url) if url and url.startswith(("http://", "https://")) else None


def closing_blocks(
    article: Article,
    esc: Callable[[str], str],
    href_of: Callable[[str | None], str | None],
) -> list[str]:
    """The author's bio and the related links that close an article, in the reader pane and
    in exported pages (``esc`` escapes text, ``href_of`` gives a link's safe address or None)."""
    out: list[str] = []
    if article.author_bio:
        out.append(f'<div class="bio"><p>{esc(article.author_bio)}</p></div>')
    if article.related:
        out.append('<h3 class="related-heading">Related</h3>')
        for link in article.related:
            label = {"previous": "Previous", "next": "Next"}.get(link.rel, link.rel.capitalize())
            title = esc(link.title or link.url or "")
            href = href_of(link.url)
            target = f'<a href="{href}">{title}</a>' if href else title
            out.append(f'<p class="related"><span class="rel">{esc(label)}:</span> {target}</p>')
    return out


def article_page(
    article: Article,
    *,
    theme_name: str | None = None,
    typography: Typography | None = None,
    search_terms: Sequence[str] = (),
    remote_images: bool = False,
    images: frozenset[str] = frozenset(),
) -> str:
    """A complete HTML document for the reader pane (and ``folio show --format html``)."""
    t: Theme = theme(theme_name)
    css = stylesheet(t, typography or Typography())
    direction = "rtl" if is_rtl_language(article.language) else "ltr"
    lang = html.escape(article.language or "")
    body = article_body_html(
        article, search_terms=search_terms, remote_images=remote_images, images=images
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)}</title><style>{css}</style></head>"
        f'<body dir="{direction}">\n{body}\n</body></html>\n'
    )


def preview_page(markdown: str, *, theme_name: str | None = None, rtl: bool = False) -> str:
    """The editing form's live preview of a body (a little smaller than the reader)."""
    css = stylesheet(theme(theme_name), Typography(font_size=11.0))
    direction = "rtl" if rtl else "ltr"
    return (
        f'<html dir="{direction}"><head><style>{css}</style></head>'
        f'<body dir="{direction}">{markdown_to_html(markdown)}</body></html>'
    )
