"""The search language parser."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from reader.domain.query import parse_query


def test_words_phrases_and_exclusions() -> None:
    q = parse_query('security "mutual rational policy" -iran')
    assert q.groups == (("security",), ('"mutual rational policy"',))
    assert q.excluded == ("iran",)


def test_filters() -> None:
    q = parse_query(
        'tag:israel tag:"middle east" author:julian site:example.com lang:he is:unread '
        "is:starred before:2020-01-01 after:2019"
    )
    assert q.tags == ("israel", "middle east")
    assert q.authors == ("julian",)
    assert q.sites == ("example.com",)
    assert q.langs == ("he",)
    assert q.flags == ("unread", "starred")
    assert q.before == date(2020, 1, 1)
    assert q.after == date(2019, 12, 31)
    assert not q.has_text


def test_negated_filters() -> None:
    q = parse_query("-tag:sport -is:read -author:smith")
    assert q.not_tags == ("sport",)
    assert q.not_flags == ("read",)
    assert q.not_authors == ("smith",)


def test_or_joins_alternatives() -> None:
    q = parse_query("wind OR solar turbine")
    assert q.groups == (("wind", "solar"), ("turbine",))


def test_unknown_prefixes_are_words() -> None:
    q = parse_query("http://example.com 10:30")
    assert q.groups == (("http://example.com",), ("10:30",))


def test_unterminated_quote_is_a_phrase() -> None:
    assert parse_query('"security coordination').groups == (('"security coordination"',),)


def test_bad_dates_and_flags_are_ignored() -> None:
    q = parse_query("before:someday is:sideways word")
    assert q.before is None
    assert q.flags == ()
    assert q.groups == (("word",),)


def test_highlight_terms() -> None:
    assert parse_query('wind "sea power" prefix*').highlight_terms == (
        "wind",
        '"sea power"',
        "prefix",
    )


@given(st.text())
def test_parser_never_fails(text: str) -> None:
    q = parse_query(text)
    assert q.text == text
