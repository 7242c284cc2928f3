"""Markdown with front matter in the Jekyll, Hugo, Obsidian and Joplin dialects."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.importers import markdown

MD = Path(__file__).parents[1] / "fixtures" / "markdown"


def parse_file(name: str) -> ArticleDraft:
    path = MD / name
    (draft,) = markdown.parse(path.read_bytes(), name=str(path))
    assert isinstance(draft, ArticleDraft)
    return draft


def parse_text(text: str, name: str = "note.md") -> ArticleDraft:
    (draft,) = markdown.parse(text.encode("utf-8"), name=name)
    assert isinstance(draft, ArticleDraft)
    return draft


def test_jekyll_post() -> None:
    d = parse_file("2021-04-03-tidal-energy-notes.md")
    assert d.title == "Tidal energy: what the Orkney trials taught us"
    assert d.author == "Morag Flett"
    assert d.published_at is not None and d.published_at.startswith("2021-04-03")
    assert d.tags == ("tidal", "orkney", "marine power", "energy")
    assert d.body.startswith("The **Orkney** trials")
    assert d.source_format == "markdown"
    assert d.language == "en"


def test_hugo_toml_front_matter() -> None:
    d = parse_file("hugo-toml.md")
    assert (d.title, d.author, d.published_at) == (
        "Allotment diaries, week 12",
        "Priya Natarajan",
        "2022-06-19",
    )
    assert d.tags == ("gardening", "allotment")


def test_obsidian_clipping() -> None:
    d = parse_file("obsidian-clip.md")
    assert d.author == "Tomasz Wiśniewski"
    assert d.url == "https://www.example.org/essays/libraries-matter/?utm_medium=social"
    assert d.published_at == "2020-11-02"
    assert d.summary == "An essay on public libraries as civic infrastructure."
    assert d.tags == ("clippings", "civic")


def test_joplin_note() -> None:
    d = parse_file("joplin-note.md")
    assert d.title == "Sourdough starter log"
    assert d.url == "https://bread.example.net/starter"
    assert d.tags == ("baking", "bread")


def test_title_from_first_heading_is_taken_out_of_the_body() -> None:
    d = parse_file("plain-heading.md")
    assert d.title == "Walking the Ridgeway in winter"
    assert d.body == "Short days, long views. Bring a flask."
    assert not d.title_inferred


def test_title_from_file_name_is_marked_inferred() -> None:
    d = parse_text("Just some words without a heading.", name="/notes/2020-05-01-spring-walk.md")
    assert d.title == "Spring walk"
    assert d.title_inferred
    assert d.published_at == "2020-05-01"


def test_setext_heading() -> None:
    d = parse_text("A Setext Title\n==============\n\nBody here.")
    assert d.title == "A Setext Title"
    assert d.body == "Body here."


def test_tags_as_a_string_and_keywords() -> None:
    d = parse_text("---\ntitle: T\ntags: one, two\nkeywords: [three]\n---\nBody")
    assert d.tags == ("one", "two", "three")


def test_epoch_millisecond_dates() -> None:
    d = parse_text("---\ntitle: T\ncreated: 1577836800000\n---\nBody")
    assert d.published_at == "2020-01-01T00:00:00Z"


def test_bom_and_crlf() -> None:
    data = "\ufeff---\r\ntitle: Café\r\n---\r\n\r\nLine one\r\n".encode()
    (d,) = markdown.parse(data, name="x.md")
    assert isinstance(d, ArticleDraft)
    assert d.title == "Café"
    assert d.body == "Line one"


def test_invalid_yaml_says_where() -> None:
    with pytest.raises(ImportFormatError, match="front matter"):
        parse_file("broken-yaml.md")


@pytest.mark.parametrize(
    "data", [b"", b"   \n\n", bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + b"\0" * 64]
)
def test_bad_input_is_an_import_format_error(data: bytes) -> None:
    with pytest.raises(ImportFormatError):
        list(markdown.parse(data, name="bad.md"))


def test_detection_by_extension_and_by_front_matter() -> None:
    assert registry.detect(b"plain words", "note.md").name == "markdown"
    head = b"---\ntitle: Hello\ntags: [a]\n---\nBody"
    assert registry.detect(head, "note.txt").name == "markdown"
