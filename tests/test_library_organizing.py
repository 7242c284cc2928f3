"""Tags renamed, merged and deleted; highlights added, edited, removed and kept on their
passages through edits, with the search index in step every time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.domain.anchoring import context_at
from reader.domain.article import ArticleDraft, Highlight
from reader.domain.errors import FolioError
from reader.library import Library
from reader.render.html import body_text

BODY = (
    "Wardens counted the seals from the dunes in March.\n\n"
    "The pups were born on the outer banks, and volunteers kept walkers away."
)


def _found(lib: Library, query: str) -> set[str]:
    return {h.id for h in lib.search(query, limit=100).hits}


def _highlight(body: str, quote: str, hid: str = "h1", note: str | None = None) -> Highlight:
    text = body_text(body)
    at = text.index(quote)
    q, prefix, suffix = context_at(text, at, at + len(quote))
    return Highlight(id=hid, quote=q, prefix=prefix, suffix=suffix, note=note)


def test_rename_merge_and_delete_tags(library: Library) -> None:
    a = library.add(ArticleDraft(title="A", body="one", tags=("Seals", "coast"))).added[0]
    b = library.add(ArticleDraft(title="B", body="two", tags=("seal",))).added[0]
    c = library.add(ArticleDraft(title="C", body="three", tags=("seal", "Seals"))).added[0]

    changes = library.rename_tag("coast", "shoreline")
    assert changes.updated == (a,) and changes.tags
    assert library.get(a).tags == ("Seals", "shoreline")
    assert _found(library, "shoreline") == {a}
    assert _found(library, "coast") == set()

    # Renaming to an existing tag's name merges them; an article with both keeps one.
    changes = library.rename_tag("Seals", "SEAL")
    assert set(changes.updated) == {a, c}
    assert library.get(a).tags == ("seal", "shoreline")
    assert library.get(c).tags == ("seal",)
    assert library.tag_counts() == [("seal", 3), ("shoreline", 1)]
    assert _found(library, "tag:seal") == {a, b, c}
    assert _found(library, "tag:SEAL") == {a, b, c}  # tags match without regard to case
    assert _found(library, "tag:Seals") == set()

    # A change of case only renames.
    library.rename_tag("seal", "Seal")
    assert library.tag_names() == ["Seal", "shoreline"]

    changes = library.delete_tag("Seal")
    assert set(changes.updated) == {a, b, c}
    assert library.get(b).tags == ()
    assert library.tag_names() == ["shoreline"]
    assert _found(library, "seal") == set()

    with pytest.raises(FolioError, match="no tag called"):
        library.rename_tag("nothing", "x")
    with pytest.raises(FolioError, match="needs a name"):
        library.rename_tag("shoreline", "  ")


def test_tags_of_a_selection(library: Library) -> None:
    a = library.add(ArticleDraft(title="A", body="one", tags=("x", "y"))).added[0]
    b = library.add(ArticleDraft(title="B", body="two")).added[0]
    assert library.tags_of([a, b, "missing"]) == {a: ("x", "y"), b: ()}


def test_highlights_are_searchable_with_their_notes(library: Library) -> None:
    a = library.add(ArticleDraft(title="Seals", body=BODY)).added[0]
    other = library.add(ArticleDraft(title="Other", body="Nothing about it.")).added[0]
    h = _highlight(BODY, "volunteers kept walkers away", note="ask the trust about rotas")
    changes = library.add_highlight(a, h)
    assert changes.updated == (a,)
    assert library.get(a).highlights == (h,)
    assert _found(library, "rotas") == {a}
    assert _found(library, "is:highlighted") == {a}
    assert _found(library, "-is:highlighted") == {other}

    library.update_highlight(a, replace(h, note="count the pups", color="green"))
    assert library.get(a).highlights[0].color == "green"
    assert _found(library, "rotas") == set()
    assert _found(library, "pups count") == {a}

    library.remove_highlight(a, h.id)
    assert library.get(a).highlights == ()
    assert _found(library, "is:highlighted") == set()
    assert not library.remove_highlight(a, h.id)
    with pytest.raises(FolioError):
        library.update_highlight(a, h)


def test_highlights_follow_edits_of_the_body(library: Library) -> None:
    a = library.add(ArticleDraft(title="Seals", body=BODY)).added[0]
    kept = _highlight(BODY, "pups were born on the outer banks", "h1", note="first")
    doomed = _highlight(BODY, "Wardens counted the seals", "h2", note="second")
    library.add_highlight(a, kept)
    library.add_highlight(a, doomed)

    edited = (
        "A new first paragraph.\n\n"
        "The pups were born on the outer sandbanks, and volunteers kept walkers away."
    )
    library.update(replace(library.get(a), body=edited))
    after = {h.id: h for h in library.get(a).highlights}
    # The corrected passage is found and re-cut to the new text...
    assert after["h1"].quote == "pups were born on the outer sandbanks"
    assert after["h1"].note == "first"
    assert _found(library, "sandbanks is:highlighted") == {a}
    # ...and a passage that is gone keeps its note, unplaced, never lost.
    assert after["h2"] == doomed

    # Restoring the earlier revision brings the highlight back to the first wording.
    first = library.revisions(a)[-1]
    library.restore_revision(a, first.id)
    again = {h.id: h for h in library.get(a).highlights}
    assert again["h1"].quote == "pups were born on the outer banks"
