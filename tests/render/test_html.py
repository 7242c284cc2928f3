"""The reader page: sanitized, nothing remote, laid out for reading."""

from __future__ import annotations

import pytest

from reader.domain.article import RelatedLink
from reader.render.html import article_page, format_date, markdown_to_html, sanitize
from tests.factories import WHEN, make_article


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input name=a></form>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<p style="background:url(https://evil.example/t.png)">x</p>',
        '<svg onload="alert(1)"><script>alert(2)</script></svg>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<object data='x.swf'></object><embed src='x.swf'>",
    ],
)
def test_hostile_markup_is_removed(hostile: str) -> None:
    out = markdown_to_html(f"Text before.\n\n{hostile}\n\nText after.")
    lowered = out.lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<form",
        "<meta",
        "style=",
        "data:text",
        "<object",
        "<embed",
        "<svg",
    ):
        assert bad not in lowered
    assert "Text after." in out


def test_remote_images_become_placeholders() -> None:
    out = markdown_to_html("![A harbour](https://example.com/harbour.jpg)")
    assert "<img" not in out
    assert 'class="image-placeholder"' in out
    assert "[image: A harbour]" in out
    assert "<img" in markdown_to_html("![x](https://example.com/x.jpg)", remote_images=True)


def test_links_keep_http_targets_only() -> None:
    out = sanitize('<a href="https://example.com">ok</a> <a href="ftp://x">no</a>')
    assert 'href="https://example.com"' in out
    assert "ftp://" not in out


def test_page_has_title_byline_figure_bio_and_related() -> None:
    page = article_page(
        make_article(
            author="Hana Levi Julian",
            published_at="2019-09-12",
            image_credit="Amos Ben-Gershom / GPO",
            image_caption="The two leaders in Sochi.",
            author_bio="Hana Levi Julian is a Middle East news analyst.",
            related=(
                RelatedLink(rel="previous", title="Older story"),
                RelatedLink(rel="next", title="Newer story"),
            ),
        )
    )
    assert '<h1 class="title">Netanyahu thanks Putin</h1>' in page
    assert "Hana Levi Julian" in page and "12 Sep 2019" in page and "1 min read" in page
    assert "Photo: Amos Ben-Gershom / GPO" in page
    assert "The two leaders in Sochi." in page
    assert 'class="bio"' in page
    assert "Previous:</span> Older story" in page
    assert "Next:</span> Newer story" in page
    assert 'dir="ltr"' in page


def test_right_to_left_articles() -> None:
    page = article_page(make_article(language="he", body="שלום עולם"))
    assert '<body dir="rtl">' in page
    assert 'lang="he"' in page


def test_titles_and_fields_are_escaped() -> None:
    page = article_page(make_article(title="<b>Bold</b> & co", author="<script>x</script>"))
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page
    assert "<script>x" not in page


def test_search_terms_are_marked_outside_tags() -> None:
    page = article_page(
        make_article(body="Security matters. [security link](https://example.com/security)"),
        search_terms=("security",),
    )
    assert '<span class="match">Security</span>' in page
    assert 'href="https://example.com/security"' in page


def test_themes_change_colours() -> None:
    light = article_page(make_article(), theme_name="light")
    dark = article_page(make_article(), theme_name="dark")
    sepia = article_page(make_article(), theme_name="sepia")
    assert len({light, dark, sepia}) == 3
    assert "#1c1d20" in dark


def test_format_date() -> None:
    assert format_date("2019-09-12") == "12 Sep 2019"
    assert format_date("2019-09-12T23:00:00Z") == "12 Sep 2019"
    assert format_date(None) == ""
    assert format_date(None, WHEN) == "24 Nov 2026"
