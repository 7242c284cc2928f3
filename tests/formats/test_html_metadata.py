"""A page's own description of its article, and the decoding of a page's bytes."""

from __future__ import annotations

import json

import pytest

from reader.domain.errors import ImportFormatError
from reader.formats.html_byline import clean_author
from reader.formats.html_document import declared_encoding, decode_page, parse_page
from reader.formats.html_metadata import (
    PageMetadata,
    normalize_language,
    read_metadata,
    strip_site_name,
    title_from_document,
)


def meta_of(head: str, body: str = "<p>text</p>", html_attrs: str = "") -> PageMetadata:
    data = f"<html {html_attrs}><head>{head}</head><body>{body}</body></html>".encode()
    return read_metadata(parse_page(data))


@pytest.mark.parametrize(
    ("title", "site", "url", "want"),
    [
        ("Night trains return | Rail Weekly", "Rail Weekly", None, "Night trains return"),
        ("Rail Weekly: Night trains return", "Rail Weekly", None, "Night trains return"),
        (
            "Night trains return - News - The Guardian",
            None,
            "https://www.theguardian.com/x",
            "Night trains return - News",
        ),
        (
            "How we built Dropbox's sync - a history",
            None,
            "https://dropbox.tech/x",
            "How we built Dropbox's sync - a history",
        ),
        (
            "京都の町家、改修して図書館に｜かもがわ新聞",
            "かもがわ新聞",
            None,
            "京都の町家、改修して図書館に",
        ),
        ("Just a headline", "Rail Weekly", None, "Just a headline"),
        ("Rail Weekly", "Rail Weekly", None, "Rail Weekly"),
    ],
)
def test_strip_site_name(title: str, site: str | None, url: str | None, want: str) -> None:
    assert strip_site_name(title, site, url) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Written by Jane Doe | Updated 3 May 2020", "Jane Doe"),
        ("by JANE DOE, March 3, 2021", "JANE DOE"),
        ("Jane Doe 2 hours ago", "Jane Doe"),
        ("Jane Doe · 5 min read", "Jane Doe"),
        ("Rob Ewaschuk Edited by Betsy Beyer", "Rob Ewaschuk"),
        ("Von Max Muster", "Max Muster"),
        ("Por María López", "María López"),
        ("بقلم: سارة الخطيب", "سارة الخطيب"),
        ("https://www.facebook.com/someone", None),
        ("@handle", None),
        ("   ", None),
        ("12:30", None),
    ],
)
def test_clean_author(raw: str, want: str | None) -> None:
    assert clean_author(raw) == want


def test_title_from_document_follows_reader_view() -> None:
    assert title_from_document("A long headline about trains - Rail Weekly", []) == (
        "A long headline about trains"
    )
    assert title_from_document("Lorem ipsum dolor sit amet – My website", []) == (
        "Lorem ipsum dolor sit amet"
    )
    # Too few words left: the whole title is kept.
    assert title_from_document("Home - Rail Weekly", []) == "Home - Rail Weekly"
    # A colon title that a heading repeats is the headline as it is.
    assert title_from_document("Trains: a history", ["Trains: a history"]) == "Trains: a history"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("HE", "he"),
        ("iw", "he"),
        ("zh-Hant-TW", "zh"),
        ("", None),
        ("english please", None),
    ],
)
def test_normalize_language(value: str, want: str | None) -> None:
    assert normalize_language(value) == want


def test_json_ld_in_a_graph_with_typed_lists() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Tidewater Review"},
            {"@type": "WebPage", "name": "page"},
            {
                "@type": ["BlogPosting", "Article"],
                "headline": "Sand dunes on the move",
                "author": {"@type": "Person", "name": ["Iris Vale"]},
                "datePublished": "2020-05-01T09:00:00-04:00",
                "image": [{"url": "/i/dunes.jpg"}],
                "mainEntityOfPage": {"@id": "https://tidewater.example/dunes"},
            },
        ],
    }
    found = meta_of(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert found.title == "Sand dunes on the move"
    assert found.author == "Iris Vale"
    assert found.site_name == "Tidewater Review"
    assert found.published_at == "2020-05-01T13:00:00Z"
    assert found.url == "https://tidewater.example/dunes"
    assert found.image_url == "https://tidewater.example/i/dunes.jpg"


def test_meta_tags_and_language() -> None:
    found = meta_of(
        '<meta name="dc.creator" content="A. Writer"><meta name="description" content="Short.">'
        '<meta property="og:site_name" content="Site"><meta name="parsely-pub-date" '
        'content="2019-09-12T18:30:00Z"><title>Old &amp; new | Site</title>',
        html_attrs='lang="fr-CA" dir="ltr"',
    )
    assert (found.author, found.summary, found.site_name, found.published_at) == (
        "A. Writer",
        "Short.",
        "Site",
        "2019-09-12T18:30:00Z",
    )
    assert (found.language, found.direction) == ("fr", "ltr")
    # The site's name is taken off later, by the importer (see test_webpage).
    assert found.title == "Old & new | Site"


def test_time_element_gives_the_date() -> None:
    found = meta_of(
        "<title>t</title>", '<time pubdate datetime="2018-03-04">4 March</time><p>x</p>'
    )
    assert found.published_at == "2018-03-04"


def test_relative_links_resolve_against_base_then_canonical() -> None:
    doc = parse_page(
        b'<html><head><base href="/sub/"><link rel="canonical" href="https://c.example/a/b">'
        b"</head><body><p>x</p></body></html>"
    )
    read_metadata(doc)
    assert doc.base_url == "https://c.example/sub/"
    assert doc.resolve("img.png") == "https://c.example/sub/img.png"
    assert doc.resolve("#frag") is None


def test_saved_from_comment_is_the_address() -> None:
    doc = parse_page(
        b"<!-- saved from url=(0026)https://saved.example/p/q -->\n"
        b"<html><body><p>x</p></body></html>"
    )
    assert read_metadata(doc).url == "https://saved.example/p/q"


def test_decoding() -> None:
    assert declared_encoding(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_encoding(
        b"<meta http-equiv=Content-Type content='text/html; charset=gb2312'>"
    ) == ("gb18030")
    assert declared_encoding(b"<p>nothing</p>") is None
    latin = '<meta charset="latin1"><p>café</p>'.encode("cp1252")
    assert "café" in decode_page(latin)
    # Valid UTF-8 wins over a declaration that says otherwise.
    assert "café" in decode_page('<meta charset="latin1"><p>café</p>'.encode())
    chinese = '<meta charset="gb2312"><p>中文新闻</p>'.encode("gb2312")
    assert "中文新闻" in decode_page(chinese)
    # No declaration, not UTF-8: detected.
    assert "Grüße" in decode_page("<p>Viele Grüße aus Köln und München</p>".encode("cp1252"))


def test_scripts_are_cut_before_parsing_but_json_ld_is_kept() -> None:
    doc = parse_page(
        b'<html><head><script>var a="<p>no</p>";</script><script type="application/ld+json">'
        b'{"@type":"Article","headline":"kept"}</script><STYLE>p{}</STYLE></head>'
        b"<body><p>yes</p></body></html>"
    )
    assert "no</p>" not in doc.markup and '"headline":"kept"' in doc.markup
    assert read_metadata(doc).title == "kept"


def test_refusals() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        parse_page(b"")
    with pytest.raises(ImportFormatError, match="too large"):
        parse_page(b"<p>" + b"x" * (64 * 1024 * 1024 + 1))
