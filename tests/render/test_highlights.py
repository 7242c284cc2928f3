"""Highlights marked in the reader's HTML, in the body's visible text."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.anchoring import context_at
from reader.domain.article import Article, Highlight
from reader.render.highlights import HIGHLIGHT_SCHEME, index_fragment, mark_highlights
from reader.render.html import article_page, body_text, markdown_to_html

WHEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
BODY = (
    "The seals came back to the **sandbanks** in March. Wardens counted them from "
    "[the dunes](https://example.com/dunes).\n\n"
    "The pups were born on the outer banks & volunteers kept walkers away."
)


def _hl(text: str, quote: str, hid: str = "h1", **kw: object) -> Highlight:
    at = text.index(quote)
    q, prefix, suffix = context_at(text, at, at + len(quote))
    return Highlight(id=hid, quote=q, prefix=prefix, suffix=suffix, **kw)  # type: ignore[arg-type]


def _text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_body_text_is_what_the_reader_shows() -> None:
    assert body_text(BODY) == (
        "The seals came back to the sandbanks in March. Wardens counted them from the dunes. "
        "The pups were born on the outer banks & volunteers kept walkers away."
    )
    assert body_text("# Head\n\n* one\n* two") == "Head one two"


def test_a_highlight_across_tags_is_split_into_pieces() -> None:
    text = body_text(BODY)
    h = _hl(text, "sandbanks in March. Wardens counted them from the", color="green")
    out, lost = mark_highlights(markdown_to_html(BODY), [h])
    assert lost == ()
    pieces = re.findall(r'<a class="hl-green" href="folio-highlight:h1">([^<]*)</a>', out)
    assert pieces == ["sandbanks", " in March. Wardens counted them from "]
    # Inside the existing link the piece is a span: the link is kept, not nested.
    assert '<a href="https://example.com/dunes" rel="noopener noreferrer nofollow">' in out
    assert '<span class="hl-green">the</span>' in out
    # Marking changes no visible text.
    assert _text_of(out) == _text_of(markdown_to_html(BODY))


def test_entities_and_notes() -> None:
    text = body_text(BODY)
    h = _hl(text, "outer banks & volunteers", note="count again")
    out, _ = mark_highlights(markdown_to_html(BODY), [h])
    assert (
        f'<a class="hl-yellow-note" href="{HIGHLIGHT_SCHEME}:h1">outer banks &amp; volunteers</a>'
        in out
    )


def test_a_highlight_not_in_the_text_is_reported_lost() -> None:
    h = Highlight(id="gone", quote="a sentence that was deleted long ago")
    out, lost = mark_highlights(markdown_to_html(BODY), [h])
    assert lost == ("gone",)
    assert "folio-highlight" not in out


def test_the_reader_page_draws_highlights_and_search_matches() -> None:
    text = body_text(BODY)
    article = Article(
        id="a",
        title="Seals",
        body=BODY,
        added_at=WHEN,
        updated_at=WHEN,
        highlights=(_hl(text, "pups were born"),),
    )
    page = article_page(article, theme_name="dark", search_terms=("walkers",))
    assert 'href="folio-highlight:h1">pups were born</a>' in page
    assert '<span class="match">walkers</span>' in page
    assert "a.hl-yellow { background-color: #5e5221" in page


# The machines running the suite are shared: a slow example is not a failure.
@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("ab <>&\"'*_\n#.é"), max_size=80))
def test_the_index_matches_the_visible_text(markdown: str) -> None:
    fragment = markdown_to_html(markdown)
    index = index_fragment(fragment)
    assert len(index.where) == len(index.text)
    for ch, (part, offset) in zip(index.text, index.where, strict=True):
        if part >= 0 and ch != " ":
            assert html.unescape(index.parts[part])[offset] == ch
