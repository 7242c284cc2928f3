"""HTML to Markdown: sanitized first, structure kept, text shown exactly as it was."""

from __future__ import annotations

import html
import re

import markdown2
from hypothesis import given
from hypothesis import strategies as st

from reader.formats.html_markdown import html_to_markdown, sanitize_html
from reader.formats.items import plain_text

EXTRAS = ["fenced-code-blocks", "tables", "strike", "footnotes", "cuddled-lists"]


def _rendered_text(markdown: str) -> str:
    out = str(markdown2.markdown(markdown, extras=EXTRAS))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", out)).split())


def test_blocks_and_inline_markup() -> None:
    md = html_to_markdown(
        "<h2>Survey</h2><p>Counted <strong>412</strong> <em>seals</em>, "
        "<del>380</del> last year.<br>New line.</p><hr><blockquote><p>Quoted</p></blockquote>"
    )
    assert md == (
        "## Survey\n\nCounted **412** *seals*, ~~380~~ last year.  \nNew line.\n\n---\n\n> Quoted"
    )


def test_lists_nested_and_numbered() -> None:
    md = html_to_markdown("<ol start='3'><li>three</li><li>four<ul><li>inner</li></ul></li></ol>")
    assert md == "3. three\n4. four\n    - inner"
    rendered = str(markdown2.markdown(md, extras=EXTRAS))
    assert '<ol start="3">' in rendered and "<ul>" in rendered


def test_links_images_and_relative_urls() -> None:
    md = html_to_markdown(
        '<p><a href="/a b(1)">the link</a> <img src="img/x.png" alt="A [pic]">'
        '<a href="#top">anchor</a> <a href="javascript:alert(1)">js</a></p>',
        base_url="https://example.com/dir/page",
    )
    assert "[the link](https://example.com/a%20b%281%29)" in md
    assert "![A (pic)](https://example.com/dir/img/x.png)" in md
    assert "anchor" in md and "(#top)" not in md
    assert "javascript" not in md


def test_code_blocks_keep_their_text() -> None:
    md = html_to_markdown('<pre><code class="language-python">x = a * b\n  y = `z`</code></pre>')
    assert md == "```python\nx = a * b\n  y = `z`\n```"
    assert html_to_markdown("<p>Use <code>a*b</code> here</p>") == "Use `a*b` here"


def test_tables_become_pipe_tables() -> None:
    md = html_to_markdown(
        "<table><thead><tr><th>Year</th><th>Seals</th></tr></thead>"
        "<tbody><tr><td>2023</td><td>380 | grey</td></tr></tbody></table>"
    )
    assert md == "| Year | Seals |\n|---|---|\n| 2023 | 380 \\| grey |"
    assert "<table>" in str(markdown2.markdown(md, extras=EXTRAS))


def test_scripts_styles_and_forms_are_dropped_with_their_content() -> None:
    md = html_to_markdown(
        "<style>p{}</style><script>evil()</script><p>Kept</p><form><input value=x>"
        "<button>Send</button></form><iframe src='https://x.example'>frame</iframe>"
    )
    assert md == "Kept"
    assert "onclick" not in sanitize_html('<p onclick="x()">a</p>')


def test_markdown_characters_in_text_are_escaped() -> None:
    md = html_to_markdown("<p># not a heading</p><p>1. not a list *or* _emphasis_</p>")
    assert md == "\\# not a heading\n\n1\\. not a list \\*or\\* \\_emphasis\\_"


def test_empty_and_textless_input() -> None:
    assert html_to_markdown("") == ""
    assert html_to_markdown("<div><p> </p><script>x</script></div>") == ""


def test_plain_text() -> None:
    assert plain_text("Cod &amp; <b>chips</b>\n  today") == "Cod & chips today"
    assert plain_text("<p>One</p><p>Two</p><script>x()</script>") == "One Two"
    assert plain_text(None) == ""


_words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u00a0\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
)


@given(st.lists(_words, min_size=1, max_size=4))
def test_any_paragraph_text_reads_back_the_same(paragraphs: list[str]) -> None:
    """Whatever the text of the paragraphs, the reader shows exactly that text."""
    source = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    md = html_to_markdown(source)
    want = " ".join(" ".join(p.split()) for p in paragraphs if p.split())
    assert _rendered_text(md) == " ".join(want.split())
