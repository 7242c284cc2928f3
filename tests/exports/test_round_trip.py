"""Export -> import into an empty library -> the same articles, for any article Hypothesis can
think of: arbitrary Unicode, empty and huge fields, hostile titles.

Folio JSON and JSON Lines are lossless: every field, state, highlight and the provenance come
back exactly. Markdown keeps what PRODUCT.md promises (titles, authors, dates, tags, URLs,
languages, bodies) and the rest of the front matter, within what a Markdown file can hold:
text without control characters, metadata values without surrounding white space, and no
blank lines before or after the body. An import makes a Markdown body safe (markup that could
open active content, such as a stray ``<?``, comes back escaped: it shows the same text).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.domain.article import Article, ArticleDraft, Highlight, RelatedLink
from reader.domain.times import normalize_published
from reader.formats.folio_schema import article_to_dict
from reader.library import Library
from reader.render.sanitize import defuse_markdown
from tests.export_samples import HOSTILE_TITLES
from tests.exports.conftest import MARKDOWN_KEPT

# A failing example with a huge field makes Hypothesis warn about its repr: show the failure.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ----------------------------------------------------------------------------- strategies
_any_text = st.text(max_size=60)
_huge = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=8),
    st.integers(min_value=2_000, max_value=20_000),
)
# Huge values now and then (one strategy in six), not in every field of every example.
_field = st.one_of(st.none(), st.just(""), _any_text, _any_text, _any_text, _huge)
_published = st.one_of(
    st.none(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
    st.datetimes(
        min_value=datetime(1900, 1, 2),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ).map(normalize_published),
)
_hostile = st.sampled_from(
    [
        *HOSTILE_TITLES,
        "CON",
        "nul.txt",
        "a" * 400,
        "😀" * 120,
        "---",
        "title: injected\nauthor: x",
        "<script>alert(1)</script>",
        "null",
        "2019-09-12",
        "'quoted' \"twice\"",
        "#notatag",
        "- list item",
        "{{ template }}",
    ]
)
_highlights = st.lists(
    st.builds(
        lambda n, quote, note, color: Highlight(
            id=f"h{n}",
            quote=quote,
            note=note,
            color=color,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
        ),
        st.integers(0, 10**6),
        _any_text,
        st.none() | _any_text,
        st.sampled_from(["yellow", "green", "blue"]),
    ),
    max_size=3,
    unique_by=lambda h: h.id,
)


@st.composite
def lossless_drafts(draw: st.DrawFn) -> ArticleDraft:
    """Anything at all: JSON carries it."""
    fields = {
        name: draw(_field)
        for name in (
            "subtitle",
            "author",
            "author_bio",
            "site_name",
            "url",
            "language",
            "summary",
            "image_url",
            "image_credit",
            "image_caption",
        )
    }
    return ArticleDraft(
        title=draw(st.one_of(_hostile, _any_text, _huge)),
        body=draw(st.one_of(st.just(""), st.text(max_size=400), _huge)),
        title_inferred=draw(st.booleans()),
        published_at=draw(_published),
        tags=tuple(draw(st.lists(_any_text, max_size=5))),
        read=draw(st.booleans()),
        starred=draw(st.booleans()),
        archived=draw(st.booleans()),
        progress=draw(st.floats(min_value=0.0, max_value=1.0)),
        highlights=tuple(draw(_highlights)),
        related=tuple(
            draw(
                st.lists(
                    st.builds(RelatedLink, st.sampled_from(["previous", "next"]), _field, _field),
                    max_size=2,
                )
            )
        ),
        removed=tuple(draw(st.lists(_any_text, max_size=3))),
        **fields,
    )


# Text a Markdown file holds as it is: no control characters but tab and newline.
_md_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\t\n")
_md_text = st.text(alphabet=_md_chars, max_size=300)
_md_line = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=60
)
_WIKILINK = re.compile(r"\[\[.*\]\]", re.DOTALL)


def _meta(value: str | None) -> str | None:
    """A front-matter value as Folio keeps it: trimmed, and not an Obsidian link."""
    if value is None:
        return None
    value = value.strip()
    return None if not value or _WIKILINK.fullmatch(value) else value


_md_huge = st.builds(
    lambda piece, times: piece * times,
    st.text(alphabet=_md_chars, min_size=1, max_size=8),
    st.integers(min_value=2_000, max_value=20_000),
)
_md_value = st.one_of(st.none(), _md_line, _md_line, _md_text, _md_huge).map(_meta)
_language = (
    st.one_of(st.none(), st.sampled_from(["en", "he", "ar", "zh-Hant", "pt-BR", "fr"]), _md_line)
    .map(_meta)
    .filter(lambda lang: lang is None or lang.casefold() != "und")
)


@st.composite
def markdown_drafts(draw: st.DrawFn) -> ArticleDraft:
    title = draw(st.one_of(_hostile, _md_line, _md_huge).map(_meta).filter(bool))
    fields = {
        name: draw(_md_value)
        for name in (
            "subtitle",
            "author",
            "author_bio",
            "site_name",
            "url",
            "summary",
            "image_url",
            "image_credit",
            "image_caption",
        )
    }
    return ArticleDraft(
        title=title,
        body=draw(st.one_of(st.just(""), _md_text, _md_huge)),
        published_at=draw(_published),
        language=draw(_language),
        tags=tuple(draw(st.lists(_md_line, max_size=5))),
        read=draw(st.booleans()),
        starred=draw(st.booleans()),
        archived=draw(st.booleans()),
        **fields,
    )


# ----------------------------------------------------------------------------- the trip
@contextmanager
def _trip(tmp: Path, fmt: str) -> Iterator[Callable[[ArticleDraft], tuple[Article, Article]]]:
    """A function taking a draft through library A, an export and an import into library B
    (emptied after every example, so each import is into an empty library)."""
    runs = count()
    with Library.open(tmp / "a.sqlite3") as a, Library.open(tmp / "b.sqlite3") as b:

        def go(draft: ArticleDraft) -> tuple[Article, Article]:
            n = next(runs)
            uid = a.add(draft).added[0]
            try:
                out = tmp / f"out{n}" / (f"export.{fmt}" if fmt != "markdown" else "")
                a.export(fmt, out, ids=[uid])
                report, _ = b.import_paths([out])
                assert not report.failed, report.to_text()
                assert len(report.imported_ids) == 1, report.to_text()
                try:
                    return a.get(uid), b.get(report.imported_ids[0])
                finally:
                    b.purge(report.imported_ids)
            finally:
                a.purge([uid])

        yield go


def _lossless(a: Article) -> dict[str, Any]:
    return article_to_dict(a)


@SETTINGS
@given(draft=lossless_drafts())
def _json_check(go: Callable[[ArticleDraft], tuple[Article, Article]], draft: ArticleDraft) -> None:
    original, back = go(draft)
    assert _lossless(back) == _lossless(original)


def test_folio_json_round_trip_is_lossless(tmp_path: Path) -> None:
    with _trip(tmp_path, "json") as go:
        _json_check(go)


def test_json_lines_round_trip_is_lossless(tmp_path: Path) -> None:
    with _trip(tmp_path, "jsonl") as go:
        _json_check(go)


_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")


def _markdown_body(body: str) -> str:
    """A body as a Markdown file holds it: no blank lines before or after (a body of blanks
    alone is none)."""
    if not body.strip():
        return ""
    return _LEADING_BLANK_LINES.sub("", body).rstrip("\n")


def test_markdown_round_trip_keeps_the_fields(tmp_path: Path) -> None:
    with _trip(tmp_path, "markdown") as go:

        @SETTINGS
        @example(
            draft=ArticleDraft(
                title="title: x\n---\nbody: y".replace("\n", " "),
                body="---\nnot: front matter\n---\n\n# Heading\n\n    code",
                author="Anne, Bob & Co",
                tags=("a/b", "c, d", "123", "true"),
                url="https://example.com/?q=1#x",
                language="he",
                published_at="2019-09-12T18:30:00.250000Z",
            )
        )
        @example(draft=ArticleDraft(title="Stray markup", body="a <? b </ c <! d"))
        # markdown2 expands tabs recursively, one call per tab on a line: Folio expands them.
        @example(draft=ArticleDraft(title="Tabs", body="<\t" * 2000))
        @example(draft=ArticleDraft(title="Blank", body=" "))
        @given(draft=markdown_drafts())
        def check(draft: ArticleDraft) -> None:
            original, back = go(draft)
            for name in MARKDOWN_KEPT:
                assert getattr(back, name) == getattr(original, name), name
            assert back.body == defuse_markdown(_markdown_body(original.body))

        check()


def test_a_strategy_article_really_reaches_the_files(tmp_path: Path) -> None:
    """The round trips above compare stored articles: make sure the export is not empty."""
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        uid = lib.add(ArticleDraft(title="Probe", body="Probe body " + string.ascii_letters)).added[
            0
        ]
        lib.export("jsonl", tmp_path / "x.jsonl", ids=[uid])
        lib.export("markdown", tmp_path / "md", ids=[uid])
    assert string.ascii_letters in (tmp_path / "x.jsonl").read_text(encoding="utf-8")
    assert string.ascii_letters in (tmp_path / "md" / "Probe.md").read_text(encoding="utf-8")
