"""Differences between versions: lines, words within a changed line, changed fields."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.domain.diff import (
    CHANGE,
    DELETE,
    EQUAL,
    INSERT,
    Piece,
    diff_text,
    diff_words,
    field_changes,
)
from reader.render.diff import diff_page


def test_words_changed_within_a_line() -> None:
    pieces = diff_words("The seals came back in March.", "The grey seals came back in May.")
    assert [p.text.strip() for p in pieces if p.op == INSERT] == ["grey", "May"]
    assert [p.text.strip() for p in pieces if p.op == DELETE] == ["March"]
    assert "".join(p.text for p in pieces if p.op != INSERT) == "The seals came back in March."
    assert pieces[-1] == Piece(EQUAL, ".")


def test_lines_added_removed_and_changed() -> None:
    old = "Title line\n\nFirst paragraph here.\n\nA paragraph to drop."
    new = "Title line\n\nFirst paragraph changed here.\n\nA new closing line."
    d = diff_text(old, new)
    assert [line.op for line in d.lines] == [EQUAL, EQUAL, CHANGE, EQUAL, CHANGE]
    assert (d.words_added, d.words_removed) == (4, 3)
    assert d.changed
    assert not diff_text(old, old).changed
    d = diff_text("one\ntwo", "one\ntwo\nthree\nfour")
    assert [line.op for line in d.lines] == [EQUAL, EQUAL, INSERT, INSERT]
    d = diff_text("one\ntwo\nthree", "three")
    assert [line.op for line in d.lines] == [DELETE, DELETE, EQUAL]


def test_field_changes_in_form_order() -> None:
    old = {"title": "Old", "tags": ["a"], "author": None, "body": "x"}
    new = {"title": "New", "tags": ["a", "b"], "author": None, "body": "y"}
    assert [(f.label, f.old, f.new) for f in field_changes(old, new)] == [
        ("Title", "Old", "New"),
        ("Tags", "a", "a, b"),
    ]


def test_the_page_folds_unchanged_stretches_and_escapes() -> None:
    old = "\n".join(f"line {n}" for n in range(20)) + "\n<b>old</b>"
    new = "\n".join(f"line {n}" for n in range(20)) + "\n<b>new</b>"
    page = diff_page(diff_text(old, new), [], theme_name="dark")
    assert "⋯ 18 unchanged lines" in page
    assert "line 19" in page and "line 0" not in page
    assert "&lt;b&gt;" in page and "<b>old</b>" not in page
    assert "line-through" in page


lines = st.lists(
    st.sampled_from(["seal pup", "dune bank.", "", "tide, marsh", "gull"]), max_size=12
)


# The machines running the suite are shared: a slow example is not a failure.
@settings(deadline=None)
@given(lines, lines)
def test_a_diff_rebuilds_both_versions(a: list[str], b: list[str]) -> None:
    old, new = "\n".join(a), "\n".join(b)
    d = diff_text(old, new)
    before = [
        "".join(p.text for p in line.pieces if p.op != INSERT)
        for line in d.lines
        if line.op != INSERT
    ]
    after = [
        "".join(p.text for p in line.pieces if p.op != DELETE)
        for line in d.lines
        if line.op != DELETE
    ]
    assert before == old.splitlines()
    assert after == new.splitlines()
