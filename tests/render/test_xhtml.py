"""Polyglot re-serialisation: what leaves Folio as HTML is valid HTML5 and well-formed XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.render.html import markdown_to_html
from reader.render.xhtml import polyglot, safe_href


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>a<br>b</p>", "<p>a<br />b</p>"),
        ("<p>a&nbsp;b &copy; &amp;</p>", "<p>a\u00a0b © &amp;</p>"),
        ("<p>\x00bad\x0bcontrols\x85</p>", "<p>badcontrols</p>"),
        ("<strike>old</strike>", "<s>old</s>"),
        ('<a href="other.html" rel="nofollow">x</a>', "<a>x</a>"),
        ('<a href="#fn-1">1</a>', "<a>1</a>"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        (
            '<a href="https://e.com/a b?q=1&amp;r=2">x</a>',
            '<a href="https://e.com/a%20b?q=1&amp;r=2">x</a>',
        ),
        ('<td align="right">1</td>', '<td style="text-align: right">1</td>'),
        ('<p dir="sideways" lang="not a tag">x</p>', "<p>x</p>"),
        ('<p dir="RTL" lang="he">x</p>', '<p dir="rtl" lang="he">x</p>'),
        ("<ul><li>a</li><li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<p>unclosed", "<p>unclosed</p>"),
    ],
)
def test_polyglot(fragment: str, expected: str) -> None:
    assert polyglot(fragment) == expected


def test_safe_href() -> None:
    assert safe_href("mailto:a@example.com") == "mailto:a@example.com"
    assert safe_href("HTTP://Example.com/%20x") == "HTTP://Example.com/%20x"
    assert safe_href("data:text/html,x") is None
    assert safe_href("/relative") is None
    assert safe_href("http://[::1") is None  # not a URL at all


@given(st.text(max_size=300))
def test_any_markdown_becomes_well_formed_xml(markdown: str) -> None:
    ET.fromstring(f"<div>{polyglot(markdown_to_html(markdown))}</div>")
