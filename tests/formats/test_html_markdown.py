"""Sanitized HTML to Markdown: what the reader renders back must be what the page showed."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.html_markdown import fragment_to_markdown, sanitize
from reader.render.html import markdown_to_html


def md(fragment: str) -> str:
    return fragment_to_markdown(fragment)


def shown_text(markdown: str) -> str:
    """The words a reader sees once the Markdown is rendered."""
    rendered = markdown_to_html(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def test_blocks() -> None:
    assert md("<h2>Title</h2><p>One.</p><p>Two.</p>") == "## Title\n\nOne.\n\nTwo."
    assert md("<blockquote><p>Quoted.</p><p>Again.</p></blockquote>") == ("> Quoted.\n>\n> Again.")
    assert md("<p>a</p><hr><p>b</p>") == "a\n\n* * *\n\nb"
    assert md("<ol start='3'><li>three</li><li>four</li></ol>") == "3. three\n4. four"


def test_inline_markup() -> None:
    assert md("<p>a <b>bold</b> and <i>it</i> and <code>x_y</code></p>") == (
        "a **bold** and *it* and `x_y`"
    )
    # Spaces inside emphasis move outside it, or Markdown would not see the emphasis.
    assert md("<p>a<strong> bold </strong>b</p>") == "a **bold** b"
    assert md("<p><em> </em>plain</p>") == "plain"
    assert md("<p>x<del>gone</del>y</p>") == "x~~gone~~y"
    assert md("<p>line one<br>line two</p>") == "line one  \nline two"


def test_links_and_images() -> None:
    assert md('<p><a href="https://a.example/x y">go (now)</a></p>') == (
        "[go (now)](https://a.example/x%20y)"
    )
    # A footnote reference keeps its brackets outside the link.
    assert md('<p>word<a href="https://a.example/#n1">[1]</a></p>') == (
        "word\\[[1](https://a.example/#n1)\\]"
    )
    assert md(
        '<p><a href="https://a.example/big.jpg"><img src="https://a.example/s.jpg" alt="A"></a></p>'
    ) == ("![A](https://a.example/s.jpg)")
    assert md('<p><a href="#top">Back to top</a></p>') == "Back to top"
    assert md('<p><img src="relative.png" alt="nothing to load"></p>') == ""


def test_text_that_looks_like_markdown_stays_text() -> None:
    source = "<p># not a heading, *not emphasis*, 1. not a list, [not](a link) &lt;b&gt;</p>"
    out = md(source)
    assert shown_text(out) == "# not a heading, *not emphasis*, 1. not a list, [not](a link) <b>"


def test_code_blocks_keep_their_text() -> None:
    out = md('<pre class="lang-js"><code>if (a &lt; b) {\n  f(*x_);\n}</code></pre>')
    assert out == "```js\nif (a < b) {\n  f(*x_);\n}\n```"


def test_tables() -> None:
    out = md(
        "<table><tr><th>a</th><th>b|c</th></tr><tr><td colspan=2>wide</td></tr>"
        "<tr><td>1</td><td><b>2</b></td></tr></table>"
    )
    assert out == "| a | b\\|c |\n|---|---|\n| wide |  |\n| 1 | **2** |"
    # A one-column layout table becomes paragraphs.
    assert md("<table><tr><td><p>Only</p></td></tr><tr><td>cells</td></tr></table>") == (
        "Only\n\ncells"
    )


def test_nested_lists() -> None:
    out = md("<ul><li>one<ul><li>one.a</li></ul></li><li>two</li></ul>")
    assert out == "- one\n\n    - one.a\n\n- two"
    rendered = markdown_to_html(out)
    assert re.search(r"<li>\s*<p>one</p>\s*<ul>\s*<li>one\.a</li>", rendered)


def test_sanitizer_allow_list() -> None:
    dirty = (
        '<p onclick="x()">ok<script>alert(1)</script><a href="javascript:x()">j</a>'
        '<img src="https://a.example/i.png" onerror="y()"><iframe src="https://e.example">'
        "</iframe><style>p{}</style></p>"
    )
    clean = sanitize(dirty)
    for bad in ("onclick", "script", "javascript", "onerror", "iframe", "style", "alert"):
        assert bad not in clean
    assert "ok" in clean and 'src="https://a.example/i.png"' in clean


_WORDS = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Co", "Zl", "Zp"),
        exclude_characters="\u00ad\u200b\ufeff",
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(_WORDS)
def test_any_paragraph_text_reads_back_the_same(text: str) -> None:
    """Whatever a paragraph says, the stored Markdown renders back to the same words."""
    want = " ".join(text.split())
    out = md(f"<p>{html.escape(text)}</p>")
    if not want:
        assert out == ""
        return
    assert shown_text(out) == want
