"""Where a highlight sits in an article's text, found again after the text was edited.

A highlight is stored as its quote with a little text either side (``prefix`` and ``suffix``),
as the W3C text-quote selector and the read-it-later apps do, never as offsets: offsets break
with the first edit. All positions here are in the article's *visible text* with white space
folded (``fold_space``), which is what the reader shows and what a selection gives.

``locate`` finds a highlight: every exact occurrence of the quote is scored by how well its
surroundings match the stored prefix and suffix; when the quote itself no longer occurs, the
passage between the surviving prefix and suffix is taken, and failing that the closest
approximate match of the quote. ``reanchor`` turns a found span back into a highlight with
fresh quote, prefix and suffix, so anchors stay current as the body changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from reader.domain.article import Highlight

#: Characters of context kept either side of a quote.
CONTEXT = 32
#: How alike an approximate match must be to the stored quote (0..1) to be taken for it.
FUZZY_THRESHOLD = 0.72
#: Quotes shorter than this are never matched approximately: a short word is too easily
#: "found" in another one ("seals" in "steals").
FUZZY_MIN_CHARS = 12
#: Bodies longer than this are searched approximately only near where the context survives.
_FUZZY_SCAN_LIMIT = 200_000

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A found passage: ``text[start:end]``; ``exact`` when the quote was found unchanged."""

    start: int
    end: int
    exact: bool = True


def fold_space(text: str) -> str:
    """Runs of white space (including paragraph and line separators) as one space, trimmed."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def context_at(text: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str, str]:
    """(quote, prefix, suffix) for ``text[start:end]``."""
    return text[start:end], text[max(0, start - size) : start], text[end : end + size]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context agree with the text around a candidate."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _occurrences(text: str, needle: str, *, casefold: bool = False) -> list[int]:
    if not needle:
        return []
    hay = text.casefold() if casefold else text
    pin = needle.casefold() if casefold else needle
    # casefold can change lengths (ß -> ss); positions are only valid when it does not.
    if casefold and (len(hay) != len(text) or len(pin) != len(needle)):
        return []
    out: list[int] = []
    at = hay.find(pin)
    while at != -1:
        out.append(at)
        at = hay.find(pin, at + 1)
    return out


def _best_exact(text: str, quote: str, prefix: str, suffix: str) -> Span | None:
    for casefold in (False, True):
        found = _occurrences(text, quote, casefold=casefold)
        if found:
            best = max(
                found,
                key=lambda at: (_context_score(text, at, at + len(quote), prefix, suffix), -at),
            )
            return Span(best, best + len(quote), exact=not casefold)
    return None


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _between_context(text: str, quote: str, prefix: str, suffix: str) -> Span | None:
    """The quote was edited but its surroundings survive: take what lies between them."""
    anchor_before = prefix[-max(8, min(len(prefix), CONTEXT)) :] if prefix else ""
    anchor_after = suffix[: max(8, min(len(suffix), CONTEXT))] if suffix else ""
    if len(anchor_before) < 8 or len(anchor_after) < 8:
        return None
    limit = max(len(quote) * 2, len(quote) + 60)
    best: tuple[float, Span] | None = None
    for at in _occurrences(text, anchor_before):
        start = at + len(anchor_before)
        end = text.find(anchor_after, start, start + limit + len(anchor_after))
        if end == -1 or end == start:
            continue
        candidate = text[start:end]
        score = _similar(candidate.strip(), quote)
        if best is None or score > best[0]:
            best = (score, Span(start, end, exact=False))
    # Surrounded by the old context on both sides, a passage only half like the old quote
    # is still that passage, rewritten.
    if best is not None and best[0] >= 0.5:
        span = best[1]
        # Keep the span on the words: no space at its ends.
        s, e = span.start, span.end
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] == " ":
            e -= 1
        return Span(s, e, exact=False)
    return None


def _fuzzy(text: str, quote: str, prefix: str, suffix: str) -> Span | None:
    """The closest approximate match of the quote, widened to whole words."""
    if len(quote) < FUZZY_MIN_CHARS or not text:
        return None
    window = len(quote)
    hay = text if len(text) <= _FUZZY_SCAN_LIMIT else text[:_FUZZY_SCAN_LIMIT]
    matcher = SequenceMatcher(None, hay, quote, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    if not blocks:
        return None
    best: tuple[float, int, int] | None = None
    # Candidate windows: around each block of the quote found in the text, placed where the
    # block sits in the quote, then stretched a little either way.
    seen: set[tuple[int, int]] = set()
    for b in blocks:
        origin = b.a - b.b
        for stretch in (0, -window // 8, window // 8):
            start = max(0, origin)
            end = min(len(hay), origin + window + stretch)
            start, end = _whole_words(hay, start, end)
            if end <= start or (start, end) in seen:
                continue
            seen.add((start, end))
            score = _similar(hay[start:end], quote)
            score += (
                0.02
                * _context_score(hay, start, end, prefix, suffix)
                / max(1, len(prefix) + len(suffix))
            )
            if best is None or score > best[0]:
                best = (score, start, end)
    if best is None or best[0] < FUZZY_THRESHOLD:
        return None
    return Span(best[1], best[2], exact=False)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a span's ends out to word boundaries and in past spaces."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def locate(text: str, quote: str, prefix: str = "", suffix: str = "") -> Span | None:
    """Where ``quote`` (with its stored context) is in ``text``, or None when it is gone.

    ``text``, ``quote``, ``prefix`` and ``suffix`` are compared with their white space folded
    by the caller (``fold_space``); an exact occurrence wins over an approximate one.
    """
    quote = fold_space(quote)
    if not quote:
        return None
    found = _best_exact(text, quote, prefix, suffix)
    if found is not None:
        return found
    return _between_context(text, quote, prefix, suffix) or _fuzzy(text, quote, prefix, suffix)


def anchor(highlight: Highlight, text: str) -> Span | None:
    """Where a stored highlight is in ``text`` (visible text, white space folded)."""
    return locate(
        text, highlight.quote, _fold_context(highlight.prefix), _fold_context(highlight.suffix)
    )


def _fold_context(text: str) -> str:
    """Fold white space but keep a space at either end: context touches the quote."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")) if text else ""


def reanchor(highlight: Highlight, text: str) -> Highlight | None:
    """The highlight re-cut to ``text``: fresh quote and context, or None when it is gone."""
    span = anchor(highlight, text)
    if span is None:
        return None
    quote, prefix, suffix = context_at(text, span.start, span.end)
    if (quote, prefix, suffix) == (highlight.quote, highlight.prefix, highlight.suffix):
        return highlight
    return replace(highlight, quote=quote, prefix=prefix, suffix=suffix)


def reanchor_all(
    highlights: tuple[Highlight, ...], text: str
) -> tuple[tuple[Highlight, ...], tuple[str, ...]]:
    """Every highlight re-cut to ``text``; ones that cannot be found are kept as they were
    (a user's note is never thrown away) and their ids returned as the second value."""
    out: list[Highlight] = []
    lost: list[str] = []
    for h in highlights:
        moved = reanchor(h, text)
        if moved is None:
            out.append(h)
            lost.append(h.id)
        else:
            out.append(moved)
    return tuple(out), tuple(lost)


def select(text: str, start: int, end: int) -> tuple[str, str, str] | None:
    """(quote, prefix, suffix) for a selection ``text[start:end]``, trimmed to its words."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return context_at(text, start, end)
