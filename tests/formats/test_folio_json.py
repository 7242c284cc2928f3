"""Folio JSON and JSON Lines: the lossless format."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.article import Article, ArticleDraft, Highlight, RelatedLink, Source
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.export_options import ExportOptions
from reader.formats.exporters import folio_json as json_out
from reader.formats.folio_schema import article_to_dict
from reader.formats.importers import folio_json as json_in
from tests.factories import WHEN, make_article


def _article(**kw: object) -> Article:
    values: dict[str, object] = {
        "author": "Hana Levi Julian",
        "published_at": "2019-09-12",
        "language": "en",
        "tags": ("israel", "russia"),
        "image_credit": "Amos Ben-Gershom / GPO",
        "highlights": (
            Highlight(
                id="h1",
                quote="direct connection",
                prefix="the ",
                suffix=" between",
                created_at=WHEN,
            ),
        ),
        "related": (RelatedLink(rel="previous", title="IDF Issues Demolition Orders"),),
        "source": Source(
            format="plaintext",
            file="/in/000.txt",
            imported_at=WHEN,
            removed=("Advertisement", "SHARE"),
        ),
    }
    values.update(kw)
    return make_article(**values)


def _export(articles: list[Article]) -> bytes:
    buf = io.BytesIO()
    json_out.write(articles, buf, ExportOptions())
    return buf.getvalue()


def test_export_has_the_documented_shape() -> None:
    doc = json.loads(_export([_article()]))
    assert doc["folio"] == 1
    assert doc["exported_at"].endswith("Z")
    art = doc["articles"][0]
    assert list(art) == [
        "id",
        "title",
        "title_inferred",
        "subtitle",
        "author",
        "author_bio",
        "site_name",
        "url",
        "published_at",
        "added_at",
        "updated_at",
        "language",
        "summary",
        "image_url",
        "image_credit",
        "image_caption",
        "body",
        "tags",
        "read",
        "starred",
        "archived",
        "progress",
        "highlights",
        "related",
        "source",
    ]
    assert art["added_at"] == "2026-11-24T10:00:00Z"
    assert art["source"] == {
        "format": "plaintext",
        "file": "/in/000.txt",
        "imported_at": "2026-11-24T10:00:00Z",
        "removed": ["Advertisement", "SHARE"],
    }
    assert art["highlights"][0]["quote"] == "direct connection"


def test_round_trip_gives_the_same_fields() -> None:
    original = _article()
    (draft,) = json_in.parse(_export([original]), name="x.json")
    assert isinstance(draft, ArticleDraft)
    assert draft.id == original.id
    assert draft.added_at == WHEN
    assert draft.tags == original.tags
    assert draft.highlights == original.highlights
    assert draft.related == original.related
    assert draft.source == original.source


def test_empty_export_reads_as_no_articles() -> None:
    assert list(json_in.parse(_export([]), name="x.json")) == []


def test_a_bad_article_is_reported_with_its_number_and_the_rest_still_read() -> None:
    doc = {"folio": 1, "articles": [{"title": "ok", "body": "b"}, {"title": 5, "body": []}, "nope"]}
    items = list(json_in.parse(json.dumps(doc).encode(), name="x.json"))
    assert isinstance(items[0], ArticleDraft)
    assert isinstance(items[1], ImportFormatError) and items[1].location == "article 2"
    assert isinstance(items[2], ImportFormatError) and items[2].location == "article 3"


def test_json_lines() -> None:
    lines = [
        json.dumps({"folio": 1}),
        json.dumps(article_to_dict(_article())),
        "{not json",
        json.dumps(article_to_dict(_article(id="second", title="Second"))),
    ]
    items = list(json_in.parse("\n".join(lines).encode(), name="x.jsonl"))
    assert [type(i).__name__ for i in items] == [
        "ArticleDraft",
        "ImportFormatError",
        "ArticleDraft",
    ]
    assert isinstance(items[1], ImportFormatError) and items[1].location == "line 3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"folio": 1, "articles": [', "not valid JSON"),
        (b'{"folio": 7, "articles": []}', "format 7"),
        (b'{"folio": 1, "articles": {}}', "must be a list"),
        (b"", "empty"),
    ],
)
def test_malformed_files(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        list(json_in.parse(data, name="x.json"))


def test_detection() -> None:
    assert registry.detect(b'{"folio": 1, "articles": []}', "export.txt").name == "json"
    assert registry.detect(b'\xef\xbb\xbf{ "folio" : 1}', "e.json").name == "json"


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_text,
    body=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
    author=st.none() | _text,
    tags=st.lists(_text.filter(lambda t: t.strip() != ""), max_size=5),
    progress=st.floats(min_value=0, max_value=1),
)
def test_any_article_survives_the_round_trip(
    title: str, body: str, author: str | None, tags: list[str], progress: float
) -> None:
    from reader.domain.text import clean_tags

    original = _article(
        title=title, body=body, author=author, tags=clean_tags(tags), progress=progress
    )
    (draft,) = json_in.parse(_export([original]), name="x.json")
    assert isinstance(draft, ArticleDraft)
    assert (draft.title, draft.body, draft.author, draft.tags, draft.progress) == (
        original.title,
        original.body,
        original.author,
        original.tags,
        original.progress,
    )
