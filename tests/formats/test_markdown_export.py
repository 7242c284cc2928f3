"""Markdown export: front matter other tools read, and Folio reads back to the same article."""

from __future__ import annotations

from collections.abc import Sequence

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.article import Article, ArticleDraft
from reader.domain.text import clean_tags
from reader.formats.export_options import ExportOptions, Layout
from reader.formats.exporters import markdown as md_out
from reader.formats.importers import markdown as md_in
from tests.factories import make_article


def _article(**kw: object) -> Article:
    values: dict[str, object] = {
        "id": "a1",
        "title": "Offshore wind auction",
        "body": "First paragraph.\n\nSecond *paragraph*.",
        "author": "Jane Doe",
        "published_at": "2024-03-02",
        "url": "https://example.com/wind",
        "language": "en",
        "tags": ("energy", "wind"),
    }
    values.update(kw)
    return make_article(**values)


def _back(article: Article) -> ArticleDraft:
    (draft,) = md_in.parse(md_out.render(article).encode("utf-8"), name="x.md")
    assert isinstance(draft, ArticleDraft)
    return draft


def test_front_matter_keys_for_other_tools() -> None:
    text = md_out.render(_article(starred=True))
    head = yaml.safe_load(text.split("---\n")[1])
    assert head["title"] == "Offshore wind auction"
    assert head["author"] == "Jane Doe"
    assert str(head["date"]) == "2024-03-02"
    assert head["source"] == "https://example.com/wind"
    assert head["tags"] == ["energy", "wind"]
    assert head["starred"] is True
    assert "read" not in head
    assert text.endswith("Second *paragraph*.\n")


def test_round_trip_of_the_fields() -> None:
    a = _article(subtitle="Record bids", summary="Short.", site_name="Example News")
    d = _back(a)
    assert (d.title, d.author, d.published_at, d.url, d.tags, d.language, d.body) == (
        a.title,
        a.author,
        a.published_at,
        a.url,
        a.tags,
        a.language,
        a.body,
    )
    assert (d.subtitle, d.summary, d.site_name) == ("Record bids", "Short.", "Example News")


def test_full_timestamps_survive() -> None:
    assert (
        _back(_article(published_at="2019-09-12T18:30:00Z")).published_at == "2019-09-12T18:30:00Z"
    )


def _names(articles: list[Article], layout: Layout) -> list[tuple[str, tuple[str, ...]]]:
    asked: list[tuple[str, tuple[str, ...]]] = []

    def namer(suggested: str, extension: str, folder: Sequence[str]) -> str:
        asked.append((suggested, tuple(folder)))
        return "/".join([*folder, f"{suggested}.{extension}"])

    written = [path for path, _ in md_out.files(articles, ExportOptions(layout=layout), namer)]
    assert written == ["/".join([*f, f"{s}.md"]) for s, f in asked]
    return asked


def test_files_are_named_after_titles() -> None:
    names = _names([_article(), _article(id="b2", title="")], Layout.PER_ARTICLE)
    assert names == [("Offshore wind auction", ()), ("b2", ())]


def test_a_folder_per_first_tag_nested_on_slashes() -> None:
    articles = [
        _article(tags=("science/space", "news")),
        _article(id="b", tags=("news",)),
        _article(id="c", tags=()),
    ]
    names = _names(articles, Layout.BY_TAG)
    assert [folder for _, folder in names] == [("science", "space"), ("news",), ()]


def test_an_unknown_language_is_said_so_and_not_guessed_back() -> None:
    text = md_out.render(_article(language=None, body="Ceci est un texte en français, bien sûr."))
    assert yaml.safe_load(text.split("---\n")[1])["lang"] == "und"
    assert _back(_article(language=None)).language is None


def test_created_only_beside_a_date() -> None:
    undated = yaml.safe_load(md_out.render(_article(published_at=None)).split("---\n")[1])
    assert "created" not in undated and "date" not in undated
    assert _back(_article(published_at=None)).published_at is None
    dated = yaml.safe_load(md_out.render(_article()).split("---\n")[1])
    assert dated["created"] == "2026-11-24T10:00:00Z"


_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80
).filter(lambda s: s.strip() == s and s.strip() != "")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_line,
    author=st.none() | _line,
    tags=st.lists(_line, max_size=4),
    paragraphs=st.lists(_line, min_size=1, max_size=4),
)
def test_any_article_comes_back(
    title: str, author: str | None, tags: list[str], paragraphs: list[str]
) -> None:
    body = "\n\n".join(paragraphs)
    a = _article(title=title, author=author, tags=clean_tags(tags), body=body, language="en")
    d = _back(a)
    assert d.title == a.title
    assert d.author == a.author
    assert d.tags == a.tags
    assert d.body == a.body.strip("\n")
