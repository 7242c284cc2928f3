"""Text measures and keys."""

from __future__ import annotations

import pytest

from reader.domain.text import (
    clean_tags,
    content_hash,
    first_words,
    is_rtl_language,
    normalize_url,
    reading_minutes,
    word_count,
)


def test_word_count_ignores_markup_and_link_targets() -> None:
    assert word_count("Hello **bold** [link text](http://example.com/a-b-c) end") == 5


def test_word_count_counts_cjk_characters_in_pairs() -> None:
    assert word_count("这是一篇文章") == 3


@pytest.mark.parametrize(("words", "minutes"), [(0, 0), (1, 1), (230, 1), (460, 2), (1000, 4)])
def test_reading_minutes(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes


def test_content_hash_ignores_spacing_case_and_markup() -> None:
    a = content_hash("The *quick* brown\n\nfox.")
    b = content_hash("the quick   brown fox")
    assert a == b
    assert content_hash("the quick brown dog") != a
    assert content_hash("   ") is None


def test_content_hash_tells_apart_articles_that_share_a_body() -> None:
    body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    assert content_hash(body, "First page") != content_hash(body, "Second page")
    assert content_hash(body, "Same  Title") == content_hash(body, "same title")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.com/story/", "http://example.com/story"),
        ("https://example.com/story?utm_source=x&id=3", "https://example.com/story?id=3"),
        ("https://Example.com/story#comments", "https://example.com/story"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/story?fbclid=abc", "https://example.com/story"),
        ("https://example.com:443/story/index.html", "https://example.com/story"),
    ],
)
def test_normalize_url_makes_the_same_page_equal(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b)


def test_normalize_url_takes_a_port_that_is_not_a_number() -> None:
    # Found by the export round trips: "0:A" made urllib raise, and the article not store.
    assert normalize_url("example.com:abc/x") == "example.com/x"
    assert normalize_url("0:A") == "0"


def test_normalize_url_keeps_different_pages_apart() -> None:
    assert normalize_url("https://example.com/a") != normalize_url("https://example.com/b")
    assert normalize_url("https://example.com/a?id=1") != normalize_url(
        "https://example.com/a?id=2"
    )
    assert normalize_url("") is None
    assert normalize_url(None) is None


def test_clean_tags_from_lists_and_strings() -> None:
    assert clean_tags(" israel, Russia ,,israel ") == ("israel", "Russia")
    assert clean_tags(["#news", "News", "  long   tag "]) == ("news", "long tag")
    assert clean_tags(None) == ()


def test_rtl_languages() -> None:
    assert is_rtl_language("he")
    assert is_rtl_language("ar-EG")
    assert not is_rtl_language("en")
    assert not is_rtl_language(None)


def test_first_words_cuts_on_a_word_boundary() -> None:
    text = "Israel’s Prime Minister Benjamin Netanyahu thanked Russia’s President"
    cut = first_words(text, 40)
    assert len(cut) <= 40
    assert text.startswith(cut)
    assert text[len(cut)] == " "
