"""Scraped text as units (lines, or the paragraphs of hard-wrapped text) and what a unit is like.

The measures here (words, sentence ends, case) are what the cleaner's rules are written in.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass


@dataclass(slots=True)
class Unit:
    """A paragraph candidate: one line, or the lines of a hard-wrapped paragraph joined."""

    text: str
    raw: tuple[str, ...]
    first: int = 0
    last: int = 0
    gap_before: int = 0
    gap_after: int = 0
    words: int = 0
    kind: str = "text"
    #: Furniture glued to the start of the line and cut off it ("Continued below...").
    lead_in: str | None = None


INNER_SPACE = re.compile(r"[ \t]{2,}|\t")


# What a scraper leaves of an HTML comment: "< !– this is where ...", "–>".
HTML_REMNANT = re.compile(r"^<\s*!\s*(?:--|[–—])|(?:--|[–—])>$")


CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]"
)


THAI = re.compile(r"[\u0e00-\u0e7f]")


WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)


# Anchored at the start of a run of address characters and bounded (RFC 5321's lengths): an
# unanchored "[\w.+-]+@" retries from every letter of a long word, quadratic in its length.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


# A site's address on a line of its own ("redOrbit.com"), not a name such as "Node.js".
DOMAIN_ONLY = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|gov|edu|co|io|uk|us|"
    r"ca|au|de|fr|es|it|nl|ru|in|tv|me|biz|press|online|media|today|blog)/?",
    re.IGNORECASE,
)


IMAGE_FILE = re.compile(r"[\w\-. ]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|avif)", re.I)


# Sentence punctuation at a line's end, before any closing quotes or brackets. ";" counts:
# lines of a list or a litany end with it.
SENTENCE_END = re.compile(r"[.!?…;。！？؟।](?:[\"'”’»)\]]*)$")


FULL_STOP_END = re.compile(r"(?<![.])[.。](?:[\"'”’»)\]]*)$")


SENTENCE_BREAK = re.compile(r"[a-z\u00df-\u00ff\d][.!?…][\"'”’»)]*\s+[\"'“‘«(]*[A-Z\u00c0-\u00de]")


ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Inc|Ltd|Co|"
    r"Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|Mt|Ft|Univ)\.)$"
)


def word_total(text: str) -> int:
    """Words, counting two characters of a script written without spaces as one word."""
    cjk = len(CJK_CHAR.findall(text))
    if cjk:
        text = CJK_CHAR.sub(" ", text)
    return len(WORD.findall(text)) + (cjk + 1) // 2


def is_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean: wide characters, so titles are counted shorter."""
    sample = THAI.sub("", text[:400])
    return len(CJK_CHAR.findall(sample)) * 3 > len(sample)


def is_prose(unit: Unit) -> bool:
    """A unit that reads as running text: a sentence of some length, or a long passage."""
    if unit.words >= 40:
        return True
    return unit.words >= 12 and bool(SENTENCE_END.search(unit.text))


def opens_story(unit: Unit) -> bool:
    """A unit that can only be the story's text, never its headline: long, or a statement of
    some length (headlines ask questions and exclaim, rarely end in a full stop)."""
    if unit.words >= 40:
        return True
    if unit.words >= 12 and FULL_STOP_END.search(unit.text):
        return True
    return unit.words >= 24 and is_prose(unit)


def is_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def line_key(text: str) -> str:
    """A line folded for comparing with vocabulary: lower case, no decoration at its ends."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = " ".join(text.split())
    return text.strip(" |·•*-–—:.…»«›‹→←<>()[]{}!?\"'“”#@")


def capitalised_share(text: str) -> float:
    """How Title Case a line is: the share of its longer words that start with a capital."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def split_units(text: str) -> list[Unit]:
    """The text's paragraph candidates, with the blank lines around each."""
    lines = text.split("\n")
    trimmed = [line.strip() for line in lines]
    width = wrap_width(trimmed)
    # Each unit as its lines so far (joined at the end: joining as we go is quadratic).
    groups: list[tuple[int, list[str]]] = []
    previous_indent = 0
    last_index = -2
    for index, (line, clean) in enumerate(zip(lines, trimmed, strict=True)):
        if not clean:
            continue
        indent = len(line) - len(line.lstrip())
        if (
            groups
            and width
            and last_index == index - 1
            and continues(groups[-1][1][-1], clean, width, indent > previous_indent)
        ):
            groups[-1][1].append(clean)
        else:
            groups.append((index, [clean]))
        previous_indent = indent
        last_index = index
    units: list[Unit] = []
    for first, parts in groups:
        units.append(
            Unit(
                # Runs of spaces and tabs inside a line show as one space anyway.
                text=INNER_SPACE.sub(" ", join_wrapped(parts)),
                raw=tuple(parts),
                first=first,
                last=first + len(parts) - 1,
            )
        )
    for i, unit in enumerate(units):
        unit.words = word_total(unit.text)
        unit.gap_before = unit.first - (units[i - 1].last + 1 if i else 0)
        following = units[i + 1].first if i + 1 < len(units) else len(lines)
        unit.gap_after = following - unit.last - 1
    return units


def join_wrapped(parts: list[str]) -> str:
    """The lines of a hard-wrapped paragraph as one line."""
    if len(parts) == 1:
        return parts[0]
    out = [parts[0]]
    for part in parts[1:]:
        previous = out[-1]
        if previous.endswith("-") and previous[-2:-1].isalpha() and part[:1].islower():
            # A word broken across the wrap: keep its hyphen, drop the space.
            out.append(part)
        else:
            out.append(" " + part)
    return "".join(out)


def wrap_width(lines: list[str]) -> int:
    """The width the text was hard-wrapped at, or 0 when its lines are paragraphs.

    Hard-wrapped text has many lines of similar length that run on into the next line
    without ending a sentence; scraped text has one line per paragraph, of any length.
    """
    followed = [a for a, b in itertools.pairwise(lines) if a and b and not CJK_CHAR.search(a)]
    if len(followed) < 4:
        return 0
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 110:
        return 0
    near = [a for a in followed if len(a) >= 0.6 * width]
    open_ended = [a for a in near if not SENTENCE_END.search(a)]
    if len(near) < 3 or len(near) < 0.5 * len(followed) or len(open_ended) < 0.5 * len(near):
        return 0
    return width


def continues(previous: str, line: str, width: int, indented: bool) -> bool:
    """Whether ``line`` carries on the paragraph of ``previous`` in hard-wrapped text."""
    if indented or re.match(r"(?:[-*+•]\s|\d{1,3}[.)]\s)", line):
        return False
    first = line.split(" ", 1)[0]
    # The wrapper moved a word down only when it did not fit on the line above.
    return len(previous) + 1 + len(first) > width - 2
