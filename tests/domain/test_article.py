"""Article values."""

from __future__ import annotations

from dataclasses import fields

from reader.domain.article import ArticleContent, Highlight, Source, draft_from_article
from tests.factories import WHEN, make_article


def test_draft_from_article_carries_every_field() -> None:
    article = make_article(
        tags=("a", "b"),
        starred=True,
        progress=0.5,
        highlights=(Highlight(id="h", quote="q"),),
        source=Source(format="plaintext", file="x.txt", imported_at=WHEN, removed=("SHARE",)),
    )
    draft = draft_from_article(article)
    for f in fields(ArticleContent):
        assert getattr(draft, f.name) == getattr(article, f.name)
    assert (draft.id, draft.added_at, draft.source) == (
        article.id,
        article.added_at,
        article.source,
    )
    assert draft.removed == ("SHARE",)


def test_reading_measures() -> None:
    article = make_article(body="word " * 460, language="he")
    assert article.words == 460
    assert article.reading_minutes == 2
    assert article.rtl
    assert not article.in_trash
