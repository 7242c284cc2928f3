"""Filling a saved link with its page, and the fetch report."""

from __future__ import annotations

from reader.domain.article import Article, ArticleDraft
from reader.domain.fetch import FetchItem, FetchReport, fill_article
from tests.factories import make_article


def _link(**kw: object) -> Article:
    values: dict[str, object] = {
        "title": "Est-ce que j’ai besoin d’un Scrum Master ? | by Jean-",
        "body": "",
        "url": "https://example.com/scrum",
        "tags": ("agile",),
        "starred": True,
        "content_pending": True,
        "site_name": "example.com",
        "summary": "What the user noted.",
    }
    values.update(kw)
    return make_article(**values)


def test_the_page_brings_text_and_facts_the_user_keeps_the_rest() -> None:
    article = _link()
    page = ArticleDraft(
        title="Est-ce que j’ai besoin d’un Scrum Master ? | by Jean-Pierre Lambert",
        body="Le texte de l’article.",
        author="Jean-Pierre Lambert",
        site_name="Le blog de JP",
        language="fr",
        summary="The page's own description.",
        tags=("page-tag",),
        url="https://example.com/scrum?ref=x",
    )
    filled = fill_article(article, page)
    assert filled.body == "Le texte de l’article."
    assert filled.title == page.title  # the saved title was the page's, cut short
    assert filled.author == "Jean-Pierre Lambert" and filled.site_name == "Le blog de JP"
    assert filled.language == "fr"
    assert filled.summary == "What the user noted."
    assert filled.tags == ("agile",) and filled.starred
    assert filled.url == "https://example.com/scrum"
    assert filled.id == article.id and filled.added_at == article.added_at


def test_a_title_the_user_chose_is_kept() -> None:
    article = _link(title="My name for it")
    filled = fill_article(article, ArticleDraft(title="The page title", body="Text."))
    assert filled.title == "My name for it"
    inferred = _link(title="Scrum", title_inferred=True)
    filled = fill_article(inferred, ArticleDraft(title="The page title", body="Text."))
    assert filled.title == "The page title" and not filled.title_inferred


def test_report_summary_and_text() -> None:
    report = FetchReport(
        items=(
            FetchItem("1", "Seals", "https://a.example.com"),
            FetchItem("2", "Gone", "https://b.example.com", "the server answered 404 Not Found"),
        ),
        cancelled=True,
    )
    assert report.summary() == "fetched 1 (1 failed, cancelled)"
    assert report.to_text().splitlines() == [
        "fetched    Seals (https://a.example.com)",
        "failed     Gone (https://b.example.com): the server answered 404 Not Found",
        "fetched 1 (1 failed, cancelled)",
    ]
