"""Highlights as Markdown: one document of every highlight and note of the chosen articles,
grouped by article in reading order, for notes apps and for Readwise-style reviews.

Each article gives a heading with its byline and link, then each highlight as a block quote
(escaped so it shows exactly the words marked) with its note and colour under it. Articles
without highlights are left out; a highlight that can no longer be found in the body is kept,
at the end of its article, marked as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from reader.domain.anchoring import anchor
from reader.domain.article import Article, Highlight
from reader.domain.times import iso_utc, utc_now
from reader.formats.export_options import ExportOptions
from reader.formats.markdown_escape import escape_markdown
from reader.formats.registry import ExportFormat
from reader.render.html import body_text, format_date


def _ordered(article: Article) -> list[tuple[Highlight, bool]]:
    """The article's highlights in the order they appear; ones not found go last."""
    text = body_text(article.body)
    placed: list[tuple[int, int, Highlight]] = []
    lost: list[Highlight] = []
    for n, h in enumerate(article.highlights):
        span = anchor(h, text)
        if span is None:
            lost.append(h)
        else:
            placed.append((span.start, n, h))
    placed.sort()
    return [(h, True) for _s, _n, h in placed] + [(h, False) for h in lost]


def _quote_block(text: str) -> str:
    lines = escape_markdown(" ".join(text.split())).splitlines() or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def render_article(article: Article) -> str:
    """One article's section: heading, byline, then each highlight with its note."""
    out = [f"## {escape_markdown(article.title or 'Untitled')}"]
    byline = [
        escape_markdown(part)
        for part in (article.author, article.site_name, format_date(article.published_at))
        if part
    ]
    if article.url:
        byline.append(f"<{article.url}>")
    if byline:
        out.append(" · ".join(byline))
    if article.tags:
        out.append("Tags: " + ", ".join(escape_markdown(t) for t in article.tags))
    for h, found in _ordered(article):
        out.append(_quote_block(h.quote))
        details = []
        if h.note:
            details.append(f"**Note:** {escape_markdown(' '.join(h.note.split()))}")
        meta = [h.color]
        if not found:
            meta.append("no longer in the text")
        details.append(f"*({', '.join(meta)})*")
        out.append("\n".join(details))
    return "\n\n".join(out) + "\n"


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    sections: list[str] = []
    count = 0
    for article in articles:
        if article.highlights:
            sections.append(render_article(article))
            count += len(article.highlights)
    when = iso_utc(utc_now().replace(microsecond=0))
    noun = "highlight" if count == 1 else "highlights"
    source = "article" if len(sections) == 1 else "articles"
    head = f"# Highlights\n\n{count} {noun} from {len(sections)} {source}, exported {when}\n"
    stream.write("\n".join([head, *sections]).encode("utf-8"))


FORMAT = ExportFormat(
    name="highlights", label="Highlights as Markdown", extension="md", write=write
)
