"""Highlights anchored by quote and context, found again after the body was edited."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.domain.anchoring import (
    context_at,
    fold_space,
    locate,
    reanchor,
    reanchor_all,
    select,
)
from reader.domain.article import Highlight

TEXT = (
    "The seals came back to the sandbanks in March. Wardens counted them from the dunes. "
    "The seals came back again in June, when the pups were born on the outer banks. "
    "Volunteers kept walkers away from the colony during the pupping season."
)


def _hl(text: str, start: int, end: int, hid: str = "h1") -> Highlight:
    quote, prefix, suffix = context_at(text, start, end)
    return Highlight(id=hid, quote=quote, prefix=prefix, suffix=suffix, note="mine")


def test_fold_space_joins_paragraphs_and_lines() -> None:
    assert fold_space("  one\u2029two\n\n three\u00a0four ") == "one two three four"


def test_select_trims_the_selection_to_its_words() -> None:
    at = TEXT.index("Wardens")
    quote, prefix, suffix = select(TEXT, at - 1, at + len("Wardens counted") + 1)  # type: ignore[misc]
    assert quote == "Wardens counted"
    assert prefix.endswith("in March. ")
    assert suffix.startswith(" them from")
    assert select(TEXT, 5, 5) is None
    assert select("a   b", 1, 4) is None


def test_the_context_picks_the_right_one_of_repeated_quotes() -> None:
    second = TEXT.index("The seals came back", 10)
    h = _hl(TEXT, second, second + len("The seals came back"))
    span = locate(TEXT, h.quote, h.prefix, h.suffix)
    assert span is not None and span.start == second and span.exact
    first = _hl(TEXT, 0, len("The seals came back"))
    span = locate(TEXT, first.quote, first.prefix, first.suffix)
    assert span is not None and span.start == 0


def test_survives_text_inserted_before_it() -> None:
    at = TEXT.index("pups were born")
    h = _hl(TEXT, at, at + len("pups were born"))
    edited = "A new opening paragraph was written here. " + TEXT
    moved = reanchor(h, edited)
    assert moved is not None
    assert moved.quote == "pups were born"
    assert edited[edited.index("pups were born") - len(moved.prefix) :].startswith(moved.prefix)
    assert moved.note == "mine" and moved.id == "h1"


def test_survives_changed_surroundings() -> None:
    at = TEXT.index("Wardens counted them")
    h = _hl(TEXT, at, at + len("Wardens counted them"))
    edited = TEXT.replace("in March.", "early in spring, as every year.").replace(
        "from the dunes", "from the high dunes"
    )
    moved = reanchor(h, edited)
    assert moved is not None and moved.quote == "Wardens counted them"
    assert moved.prefix.endswith("as every year. ")


def test_fuzzy_when_the_quote_itself_was_corrected() -> None:
    quote = "Volunteers kept walkers away from the colony"
    at = TEXT.index(quote)
    h = _hl(TEXT, at, at + len(quote))
    edited = TEXT.replace("kept walkers away", "kept the walkers well away")
    span = locate(edited, h.quote, h.prefix, h.suffix)
    assert span is not None and not span.exact
    assert edited[span.start : span.end] == "Volunteers kept the walkers well away from the colony"
    moved = reanchor(h, edited)
    assert moved is not None and moved.quote.startswith("Volunteers kept the walkers")


def test_fuzzy_when_quote_and_context_both_changed() -> None:
    quote = "when the pups were born on the outer banks"
    at = TEXT.index(quote)
    h = _hl(TEXT, at, at + len(quote))
    # The sentences around it were rewritten and the quote lightly corrected.
    edited = (
        "Seal numbers rose sharply this year. Nobody expected it. "
        "They returned in June, when the pups were born on the outer sandbanks. "
        "Walkers were asked to keep away."
    )
    span = locate(edited, h.quote, h.prefix, h.suffix)
    assert span is not None and not span.exact
    assert "pups were born on the outer sandbanks" in edited[span.start : span.end]


def test_a_deleted_passage_is_lost_but_kept() -> None:
    quote = "Volunteers kept walkers away from the colony during the pupping season."
    at = TEXT.index(quote)
    h = _hl(TEXT, at, at + len(quote))
    edited = TEXT[:at] + "The end."
    kept, lost = reanchor_all((h,), edited)
    assert lost == ("h1",)
    assert kept == (h,)


def test_unrelated_text_is_not_taken_for_the_quote() -> None:
    h = Highlight(id="x", quote="migrating cranes over the marsh", prefix="", suffix="")
    assert locate(TEXT, h.quote) is None


def test_a_short_quote_is_not_found_in_another_word() -> None:
    h = Highlight(id="s", quote="seals", prefix="", suffix="")
    assert locate("Nobody steals from the colony.", h.quote) is None


def test_case_change_still_found() -> None:
    at = TEXT.index("outer banks")
    h = _hl(TEXT, at, at + len("outer banks"))
    edited = TEXT.replace("outer banks", "Outer Banks")
    span = locate(edited, h.quote, h.prefix, h.suffix)
    assert span is not None and edited[span.start : span.end] == "Outer Banks"


VOCABULARY = [
    "seal",
    "pup",
    "dune",
    "bank",
    "tide",
    "marsh",
    "wind",
    "gull",
    "sand",
    "shore",
    "net",
]
words = st.lists(st.sampled_from(VOCABULARY), min_size=8, max_size=60)


# The machines running the suite are shared: a slow example is not a failure.
@settings(deadline=None)
@given(words, st.data())
def test_any_selection_is_found_where_it_was(body: list[str], data: st.DataObject) -> None:
    text = " ".join(body)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    picked = select(text, start, end)
    assume(picked is not None)
    quote, prefix, suffix = picked  # type: ignore[misc]
    span = locate(text, quote, prefix, suffix)
    assert span is not None and span.exact
    assert text[span.start : span.end] == quote
    # Same context, same place: the exact occurrence whose context matches best is this one
    # unless an identical passage with identical context occurs elsewhere.
    if text.count(prefix + quote + suffix) == 1:
        assert span.start == text.index(prefix + quote + suffix) + len(prefix)


# The machines running the suite are shared: a slow example is not a failure.
@settings(deadline=None)
@given(words, words, st.data())
def test_text_added_around_never_loses_it(
    body: list[str], extra: list[str], data: st.DataObject
) -> None:
    text = " ".join(body)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    picked = select(text, start, end)
    assume(picked is not None)
    quote, prefix, suffix = picked  # type: ignore[misc]
    h = Highlight(id="h", quote=quote, prefix=prefix, suffix=suffix)
    edited = " ".join(extra) + " " + text + " " + " ".join(extra)
    moved = reanchor(h, edited)
    assert moved is not None and moved.quote == quote
