"""Highlights as Markdown: every highlight and note, in reading order, shown as marked."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import markdown2
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.anchoring import context_at
from reader.domain.article import Article, Highlight
from reader.formats import registry
from reader.formats.export_options import ExportOptions
from reader.formats.exporters.highlights_markdown import render_article, write
from reader.render.html import body_text

WHEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
BODY = (
    "Wardens counted the seals from the dunes in March.\n\n"
    "The pups were born on the *outer banks*, and volunteers kept walkers away."
)


def _hl(quote: str, hid: str, **kw: object) -> Highlight:
    text = body_text(BODY)
    at = text.index(quote)
    q, prefix, suffix = context_at(text, at, at + len(quote))
    return Highlight(id=hid, quote=q, prefix=prefix, suffix=suffix, **kw)  # type: ignore[arg-type]


def _article(**kw: object) -> Article:
    values: dict[str, object] = {
        "id": "a1",
        "title": "Seal pups double",
        "body": BODY,
        "added_at": WHEN,
        "updated_at": WHEN,
        "author": "Ruth Calder",
        "site_name": "Coastal Trust",
        "url": "https://example.org/seals",
        "published_at": "2024-03-02",
        "tags": ("seals", "norfolk"),
    }
    values.update(kw)
    return Article(**values)  # type: ignore[arg-type]


def _export(*articles: Article) -> str:
    out = io.BytesIO()
    write(articles, out, ExportOptions())
    return out.getvalue().decode("utf-8")


def test_an_article_section_in_reading_order() -> None:
    later = _hl("volunteers kept walkers away", "h1", note="ask about *rotas*", color="green")
    earlier = _hl("counted the seals", "h2")
    lost = Highlight(id="h3", quote="a sentence since deleted", note="keep this")
    text = render_article(_article(highlights=(later, earlier, lost)))
    assert text == (
        "## Seal pups double\n\n"
        "Ruth Calder · Coastal Trust · 2 Mar 2024 · <https://example.org/seals>\n\n"
        "Tags: seals, norfolk\n\n"
        "> counted the seals\n\n"
        "*(yellow)*\n\n"
        "> volunteers kept walkers away\n\n"
        "**Note:** ask about \\*rotas\\*\n*(green)*\n\n"
        "> a sentence since deleted\n\n"
        "**Note:** keep this\n*(yellow, no longer in the text)*\n"
    )


def test_the_document_skips_articles_without_highlights() -> None:
    doc = _export(
        _article(highlights=(_hl("counted the seals", "h"),)),
        _article(id="a2", title="No marks here"),
    )
    assert doc.startswith("# Highlights\n\n1 highlight from 1 article, exported ")
    assert "No marks here" not in doc
    assert "## Seal pups double" in doc


def test_registered_and_reachable_by_name() -> None:
    fmt = registry.exporter("highlights")
    assert fmt.write is write and fmt.extension == "md"
    assert registry.exporter("md").name == "markdown"


# The machines running the suite are shared: a slow example is not a failure.
@settings(deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
    ).filter(lambda s: s.strip()),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
)
def test_quotes_and_notes_read_back_exactly(quote: str, note: str) -> None:
    h = Highlight(id="h", quote=quote, note=note or None)
    html = markdown2.markdown(render_article(_article(body="", highlights=(h,))))
    plain = " ".join(
        re.sub(r"<[^>]+>", " ", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
        .split()
    )
    assert " ".join(quote.split()) in plain
    if note.strip():
        assert " ".join(note.split()) in plain
