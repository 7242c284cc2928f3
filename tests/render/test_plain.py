"""Plain text from Markdown: what the reader shows, without markup, links kept."""

from __future__ import annotations

from reader.render.plain import article_text, markdown_to_text
from tests.factories import make_article


def test_blocks_lists_quotes_and_code() -> None:
    markdown = (
        "# Head\n\nSome *emphasis* and **strong** \\*escaped\\*.\n\n"
        "- one\n- two\n\n  more of two\n\n1. first\n2. second\n\n"
        "> quoted\n> lines\n\n```\n  code  kept\n```\n\n---\n\nend"
    )
    assert markdown_to_text(markdown) == (
        "Head\n\nSome emphasis and strong *escaped*.\n\n• one\n• two\n\n  more of two\n\n"
        "1. first\n2. second\n\n> quoted lines\n\n  code  kept\n\n* * *\n\nend"
    )


def test_links_keep_their_address_once() -> None:
    text = markdown_to_text("[site](https://e.com) and <https://e.com/x> and [rel](x.html)")
    assert text == "site <https://e.com> and https://e.com/x and rel"


def test_an_article_with_its_header_and_related_links() -> None:
    article = make_article(
        title="Title",
        author="Ann",
        published_at="2019-09-12",
        url="https://e.com/a",
        image_credit="Bob",
        image_caption="A caption",
        author_bio="Ann writes.",
        body="Hello\x0b world.",
    )
    text = article_text(article)
    assert text.startswith("Title\nAnn · 12 Sep 2019 · 1 min read\nhttps://e.com/a\n\n")
    assert "[Photo: Bob — A caption]" in text
    assert text.endswith("Hello world.\n\nAnn writes.\n")
