"""Saved web pages: golden articles from pages in the shapes of real sites, and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.importers import webpage
from reader.library import Library
from reader.render.html import markdown_to_html

WEB = Path(__file__).parents[1] / "fixtures" / "web"
PAGES = sorted(
    p for p in WEB.iterdir() if p.suffix in (".html", ".mhtml") and p.stem != "no_article"
)
FIELDS = (
    "title",
    "title_inferred",
    "author",
    "site_name",
    "url",
    "published_at",
    "language",
    "image_url",
    "summary",
)


def parse_bytes(data: bytes, name: str = "page.html") -> ArticleDraft:
    (draft,) = webpage.parse(data, name=name)
    assert isinstance(draft, ArticleDraft)
    return draft


def parse_file(path: Path) -> ArticleDraft:
    return parse_bytes(path.read_bytes(), name=str(path))


def page(body: str, head: str = "<title>A page</title>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


PROSE = (
    "The village hall committee met on Tuesday to agree the plans for the summer fair, "
    "which will return to the green after two years in the school car park. "
)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_golden_page(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    draft = parse_file(path)
    for name in FIELDS:
        if name in expected:
            assert getattr(draft, name) == expected[name], name
    body = draft.body
    if "body_starts_with" in expected:
        assert body.startswith(expected["body_starts_with"]), body[:200]
    if "body_ends_with" in expected:
        assert body.endswith(expected["body_ends_with"]), body[-200:]
    for text in expected.get("body_contains", []):
        assert text in body
    for text in expected.get("body_excludes", []):
        assert text not in body
    assert draft.source_format == "html"
    assert not draft.title_inferred


def test_golden_markdown_of_a_technical_post() -> None:
    """Headings, code, a table, nested lists, a quote, links and emphasis, exactly."""
    draft = parse_file(WEB / "tech_post.html")
    assert draft.body + "\n" == (WEB / "tech_post.md").read_text(encoding="utf-8")


def test_the_technical_post_renders_with_its_structure() -> None:
    html = markdown_to_html(parse_file(WEB / "tech_post.html").body)
    assert "<pre>" in html and "isoformat" in html
    assert "<table>" in html and "<th>Zone?</th>" in html and "<td>09/12/2019</td>" in html
    assert re.search(r"<li>.*?<ul>\s*<li>Store the day only\.</li>", html, re.S)
    assert "<blockquote>" in html
    assert '<a href="https://hypothesis.works"' in html
    assert "<em>guessing</em>" in html and "<strong>recording what we know</strong>" in html


def test_hostile_markup_never_survives_into_the_reader() -> None:
    draft = parse_file(WEB / "hostile.html")
    html = markdown_to_html(draft.body)
    lowered = html.lower()
    for bad in ("javascript", "vbscript", "<script", "onload", "onerror", "onclick", "<iframe"):
        assert bad not in lowered
    assert "<form" not in lowered and "<svg" not in lowered and "data:text" not in lowered


def test_encoding_declared_in_the_page_is_used() -> None:
    draft = parse_file(WEB / "windows1252.html")
    assert draft.title == "Café culture – the “third place” returns"
    assert draft.author == "Renée Dubois"
    assert "a crème now costs €3.20" in draft.body
    assert "“People don’t come for the coffee,”" in draft.body
    japanese = parse_file(WEB / "japanese_shiftjis.html")
    assert japanese.title == "京都の町家、改修して図書館に"
    assert japanese.site_name == "かもがわ新聞"
    assert japanese.language == "ja"
    assert "代表の山田花子さんは「町家の記憶を次の世代に残したい」と話す。" in japanese.body


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    data = page(f"<p>Crème brûlée and smørrebrød. {PROSE}</p>", '<meta charset="iso-8859-1">')
    assert "Crème brûlée and smørrebrød." in parse_bytes(data).body


def test_utf16_page_with_a_byte_order_mark() -> None:
    text = f"<html><head><title>Zwölf Boxen</title></head><body><p>Grüße. {PROSE}</p></body></html>"
    draft = parse_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert draft.title == "Zwölf Boxen"
    assert draft.body.startswith("Grüße.")


def test_right_to_left_pages_get_their_language() -> None:
    assert parse_file(WEB / "rtl_hebrew.html").language == "he"
    # No lang attribute: detected from the text.
    assert parse_file(WEB / "arabic_nolang.html").language == "ar"


def test_template_language_loses_to_a_text_in_another_script() -> None:
    text = "".join(
        "東京の小さな書店が、閉店の危機を乗り越えて営業を続けている。常連客が本を買い支えた。"
        for _ in range(6)
    )
    draft = parse_bytes(
        page(f"<article><p>{text}</p></article>").replace(b"<html>", b'<html lang="en">')
    )
    assert draft.language == "ja"


def test_page_without_a_title_gets_one_from_its_text() -> None:
    data = b"<html><body><div><p>" + PROSE.encode() * 4 + b"</p></div></body></html>"
    draft = parse_bytes(data)
    assert draft.title_inferred
    assert draft.title and PROSE.startswith(draft.title.rstrip("…. "))


def test_title_keeps_the_headline_not_the_site() -> None:
    head = (
        "<title>Night trains are back | Rail Weekly</title>"
        '<meta property="og:site_name" content="Rail Weekly">'
    )
    assert parse_bytes(page(f"<p>{PROSE * 3}</p>", head)).title == "Night trains are back"


@pytest.mark.parametrize(
    ("markup", "author"),
    [
        ('<p class="byline">By <a href="/p/1">Jane Okafor</a></p>', "Jane Okafor"),
        ('<span itemprop="author"><span itemprop="name">Jane Okafor</span></span>', "Jane Okafor"),
        ('<a rel="author" href="/a/jane">Jane Okafor</a>', "Jane Okafor"),
        ('<div class="author-name">Jane Okafor | 3 May 2021</div>', "Jane Okafor"),
    ],
)
def test_bylines_in_the_page(markup: str, author: str) -> None:
    body = f"<article><h1>A page</h1>{markup}<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>"
    assert parse_bytes(page(body)).author == author


def test_comment_authors_are_not_bylines() -> None:
    body = (
        f"<article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>"
        '<div id="comments"><div class="comment"><span class="comment-author">troll42</span>'
        "<p>First!</p></div></div>"
    )
    draft = parse_bytes(page(body))
    assert draft.author is None
    assert "troll42" not in draft.body and "First!" not in draft.body


def test_json_ld_author_list_and_organisation_publisher() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": ["NewsArticle"],
        "headline": "Ferry strike ends",
        "author": [{"@type": "Person", "name": "A. Byrne"}, "C. Duffy"],
        "publisher": {"@type": "Organization", "name": "Harbour Times"},
        "datePublished": "2021-07-01T12:00:00Z",
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script><title>x</title>'
    draft = parse_bytes(page(f"<p>{PROSE * 3}</p>", head))
    assert (draft.title, draft.author, draft.site_name, draft.published_at) == (
        "Ferry strike ends",
        "A. Byrne, C. Duffy",
        "Harbour Times",
        "2021-07-01T12:00:00Z",
    )


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    draft = parse_bytes(page(f"<p>{PROSE * 3}</p>", head + "<title>Still here</title>"))
    assert draft.title == "Still here"


def test_a_naive_time_keeps_only_its_day() -> None:
    head = '<meta property="article:published_time" content="2020-02-03T10:00:00"><title>t</title>'
    assert parse_bytes(page(f"<p>{PROSE * 3}</p>", head)).published_at == "2020-02-03"


def test_truncated_page_keeps_what_arrived() -> None:
    data = (WEB / "news_jsonld.html").read_bytes()
    cut = data[: data.index(b"The harbour master")]
    draft = parse_bytes(cut)
    assert draft.title == "Harbour wall repairs finished two years early"
    assert draft.body.startswith("Engineers have finished rebuilding")
    assert "Fishing fleet returns" in draft.body


def test_huge_page_is_capped_not_hung() -> None:
    paragraph = f"<p>{PROSE}</p>\n".encode()
    data = b"<html><head><title>Long</title></head><body><article>"
    data += paragraph * (20 * 1024 * 1024 // len(paragraph) + 1) + b"</article></body></html>"
    assert len(data) > 20 * 1024 * 1024
    draft = parse_bytes(data)
    assert draft.title == "Long"
    # Only the first few megabytes are read; the article is what they held.
    assert 1_000_000 < len(draft.body) < 6 * 1024 * 1024


def test_deeply_nested_markup_does_not_crash() -> None:
    data = page("<div>" * 600 + f"<p>{PROSE * 3}</p>" + "</div>" * 600)
    assert parse_bytes(data).body.startswith(PROSE.split(",")[0])


def test_unclosed_script_ends_the_page_quietly() -> None:
    data = page(f"<p>{PROSE * 3}</p><script>var x = '<p>not text</p>';")
    draft = parse_bytes(data)
    assert "not text" not in draft.body and draft.body.startswith("The village hall")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF"),
        (bytes(range(256)) * 40, "binary"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFormatError, match=reason):
        parse_bytes(data)


def test_page_with_no_article_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no article text"):
        parse_file(WEB / "no_article.html")
    with pytest.raises(ImportFormatError, match="no article text"):
        parse_bytes(page('<nav><a href="/">Home</a> <a href="/b">Blog</a></nav>'))


def test_a_fetched_page_is_read_against_its_address() -> None:
    body = f'<p>{PROSE}</p><p>{PROSE} <a href="next.html">Next</a> <img src="/i/a.jpg" alt="A"></p>'
    draft = parse_bytes(page(body), name="https://news.example/2024/story.html")
    assert draft.url == "https://news.example/2024/story.html"
    assert "[Next](https://news.example/2024/next.html)" in draft.body
    assert "![A](https://news.example/i/a.jpg)" in draft.body


def test_sniffing_by_content_and_extension() -> None:
    fmt = registry.detect(b"<!DOCTYPE html>\n<html><head>", "download.txt")
    assert fmt.name == "html"
    assert registry.detect(b"  <html lang='en'><body>", "page").name == "html"
    assert registry.detect(b"<meta charset=utf-8><title>x</title>", "x.dat").name == "html"
    assert registry.detect(b"Just some words", "saved.htm").name == "html"
    assert registry.detect((WEB / "tide_tables.mhtml").read_bytes()[:4096], "t.mht").name == "html"
    bookmarks = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV=..."
    assert webpage.sniff(bookmarks, "bookmarks.html") == registry.NO
    assert registry.importer("html") is webpage.FORMAT
    assert registry.importer("htm") is webpage.FORMAT


def test_import_through_the_library(library: Library) -> None:
    report, changes = library.import_paths([WEB / "news_jsonld.html", WEB / "no_article.html"])
    assert len(report.imported) == 1
    (failed,) = report.failed
    assert failed.error is not None and "no article text" in failed.error
    article = library.get(report.imported_ids[0])
    assert article.source.format == "html"
    assert article.url == "https://www.coastalcourier.example/news/2023/03/harbour-wall-finished"
    assert changes.added == report.imported_ids
    again, _ = library.import_paths([WEB / "news_jsonld.html"])
    assert len(again.duplicates) == 1 and not again.imported
