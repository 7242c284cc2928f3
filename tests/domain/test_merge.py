"""Merging copies of one article found in the same file."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.domain.article import ArticleDraft, Highlight
from reader.domain.errors import ImportFormatError
from reader.domain.merge import duplicate_key, merge, merge_copies


def test_key_is_the_normalised_link_else_the_text() -> None:
    a = ArticleDraft(url="https://www.example.com/a/?utm_source=x")
    b = ArticleDraft(url="http://example.com/a")
    assert duplicate_key(a) == duplicate_key(b)
    assert duplicate_key(ArticleDraft(body="Same *words*")) == duplicate_key(
        ArticleDraft(body="same words")
    )
    assert duplicate_key(ArticleDraft()) is None


def test_merge_keeps_what_any_copy_had() -> None:
    early = datetime(2020, 1, 1, tzinfo=UTC)
    first = ArticleDraft(
        title="Seals",
        url="https://example.com/a",
        tags=("nature",),
        added_at=datetime(2021, 1, 1, tzinfo=UTC),
        content_pending=True,
        highlights=(Highlight(id="1", quote="one"),),
    )
    second = ArticleDraft(
        title="Seals again",
        url="https://example.com/a",
        body="The full text of the article.",
        author="Ines Moreau",
        tags=("Nature", "coast"),
        starred=True,
        archived=True,
        added_at=early,
        highlights=(Highlight(id="2", quote="two"), Highlight(id="3", quote="one")),
    )
    both = merge(first, second)
    assert both.body == "The full text of the article."
    assert both.author == "Ines Moreau"
    assert both.tags == ("nature", "coast")
    assert both.starred and both.archived
    assert both.added_at == early
    assert not both.content_pending
    assert sorted(h.quote for h in both.highlights) == ["one", "two"]


def test_merge_copies_points_later_copies_at_the_first() -> None:
    entries: list[object] = [
        ArticleDraft(title="A", url="https://example.com/a", tags=("x",)),
        ImportFormatError("bad", location="line 3"),
        ArticleDraft(title="B", url="https://example.com/b"),
        ArticleDraft(title="A2", url="https://example.com/a/", tags=("y",)),
        ArticleDraft(title="A3", url="https://www.example.com/a", starred=True),
    ]
    merged, copy_of = merge_copies(entries)
    assert copy_of == {3: 0, 4: 0}
    assert merged[0].tags == ("x", "y") and merged[0].starred
    assert merged[0].title == "A"
