"""escape_markdown: plain prose stored as Markdown shows exactly what it said, and no more is
escaped than markdown2 would otherwise interpret."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.formats.markdown_escape import escape_markdown
from reader.render.html import MARKDOWN_EXTRAS


class _Shown(HTMLParser):
    """The text a browser would show for markdown2's HTML, and the tags it used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rendered(markdown: str, extras: list[str]) -> tuple[str, set[str]]:
    parser = _Shown()
    parser.feed(str(markdown2.markdown(markdown, extras=extras)))
    parser.close()
    return " ".join("".join(parser.parts).split()), parser.tags


def assert_shown_as_written(text: str) -> None:
    """Rendered plainly and as the reader renders (with its extras), the text is all there
    is: the same characters, in paragraphs, with no markup."""
    for extras in ([], MARKDOWN_EXTRAS):
        shown, tags = rendered(escape_markdown(text), list(extras))
        assert shown == " ".join(text.split())
        assert tags <= {"p"}


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("5 * 3 and a*b*c", "5 \\* 3 and a\\*b\\*c"),
        ("snake_case_name", "snake\\_case\\_name"),
        ("use `ls` here", "use \\`ls\\` here"),
        ("#hashtag at the start", "\\#hashtag at the start"),
        ("1986. A great year", "1986\\. A great year"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("> not a quote", "\\> not a quote"),
        ("<b>bold</b>", "\\<b>bold\\</b>"),
        ("AT&T and &copy;", "AT&T and \\&copy;"),
        ("[a link](http://example.org)", "\\[a link\\](http://example.org)"),
        ("[id]: http://example.org", "\\[id]: http://example.org"),
        ("![image](pic.png)", "!\\[image\\](pic.png)"),
        ("C:\\Users\\x and \\*", "C:\\Users\\x and \\\\\\*"),
        ("    indented is not code", "indented is not code"),
        ("title\n===", "title\n&#61;=="),
        ("title\n---", "title\n\\---"),
        ("a | b\n--|--", "a | b\n\\--|--"),
        ("~~struck~~", "~&#126;struck~&#126;"),
        ("[^1]: a footnote", "\\[^1]: a footnote"),
        ("``` not a fence", "\\`\\`\\` not a fence"),
    ],
)
def test_escapes_what_markdown_would_read(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
    assert_shown_as_written(text)


@pytest.mark.parametrize(
    "text",
    [
        "“Typographic quotes” and ‘single’ ones, it’s kept — exactly… (really) 100% $5 @home!",
        "ישראל ורוסיה: פגישה שלוש־עשרה",
        "城市图书馆扩建工程下月动工。她说：“我们希望新馆成为第二个客厅。”",
        "a # mid-line, 3. mid-line, x > y, x - y, [just brackets], 5 < 6",
        "",
    ],
)
def test_leaves_everything_else_alone(text: str) -> None:
    assert escape_markdown(text) == text


def test_keeps_lines_and_blank_lines() -> None:
    assert escape_markdown("one\n\n  two  \nthree") == "one\n\ntwo\nthree"


_PIECES = st.sampled_from(
    [
        "*", "_", "`", "#", ">", "-", "+", "=", "<", "&", ";", "!", "[", "]", "(", ")", ":",
        "\\", ".", "1", "9", " ", "  ", "    ", "\t", "\n", "\n\n", "a", "Z", "http://x.org/a_b",
        "[a](b)", "[a]: b", "<b>", "&amp;", "1986. ", "* * *", "---", "===", "“", "’", "שלום",
        "中文", "\u2028", "\x0c", "~~", "|", "--|--", "[^1]", "[^1]: x", "```", "\n---\n",
    ]
)  # fmt: skip


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(max_size=3), max_size=24).map("".join))
def test_markdown2_shows_exactly_the_text(text: str) -> None:
    assert_shown_as_written(text)
