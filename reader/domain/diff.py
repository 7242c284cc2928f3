"""What changed between two versions of an article: the fields, and the body line by line
with the changed words within a changed line (difflib, no third-party code).

The history panel shows this against the current text, so a user can tell versions apart at
a glance and restore the right one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.domain.article import EDITABLE_FIELDS

EQUAL, INSERT, DELETE, CHANGE = "equal", "insert", "delete", "change"

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"\w", re.UNICODE)

FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "subtitle": "Subtitle",
    "author": "Author",
    "author_bio": "Author bio",
    "site_name": "Site",
    "url": "URL",
    "published_at": "Published",
    "language": "Language",
    "tags": "Tags",
    "image_url": "Image URL",
    "image_credit": "Image credit",
    "image_caption": "Image caption",
    "summary": "Summary",
    "body": "Body",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is the same in both versions, only in the old, or only in the new."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the body: unchanged, added, removed, or changed (then ``pieces`` say how)."""

    op: str
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True, slots=True)
class TextDiff:
    lines: tuple[Line, ...]
    words_added: int
    words_removed: int

    @property
    def changed(self) -> bool:
        return any(line.op != EQUAL for line in self.lines)


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


def _words(text: str) -> int:
    return sum(1 for t in _TOKEN.findall(text) if _WORD.match(t))


def diff_words(old: str, new: str) -> tuple[Piece, ...]:
    """The pieces turning ``old`` into ``new``, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []

    def add(op: str, tokens: Sequence[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EQUAL, a[i1:i2])
        else:
            add(DELETE, a[i1:i2])
            add(INSERT, b[j1:j2])
    return tuple(pieces)


def diff_text(old: str, new: str) -> TextDiff:
    """``old`` against ``new`` line by line; lines replaced one for one are word-diffed."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[Line] = []
    added = removed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            lines.extend(Line(EQUAL, (Piece(EQUAL, t),)) for t in a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for o, n in zip(olds[:paired], news[:paired], strict=True):
            pieces = diff_words(o, n)
            added += sum(_words(p.text) for p in pieces if p.op == INSERT)
            removed += sum(_words(p.text) for p in pieces if p.op == DELETE)
            lines.append(Line(CHANGE, pieces))
        for o in olds[paired:]:
            removed += _words(o)
            lines.append(Line(DELETE, (Piece(DELETE, o),)))
        for n in news[paired:]:
            added += _words(n)
            lines.append(Line(INSERT, (Piece(INSERT, n),)))
    return TextDiff(lines=tuple(lines), words_added=added, words_removed=removed)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def field_changes(old: Mapping[str, object], new: Mapping[str, object]) -> list[FieldChange]:
    """The editable fields (the body aside) whose values differ, in the form's order."""
    out: list[FieldChange] = []
    for name in EDITABLE_FIELDS:
        if name == "body":
            continue
        before, after = _as_text(old.get(name)), _as_text(new.get(name))
        if before != after:
            out.append(FieldChange(name, FIELD_LABELS.get(name, name), before, after))
    return out
