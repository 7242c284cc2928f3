"""Highlights drawn into the body's HTML, and the body's visible text they are anchored in.

The anchoring space is the text a reader sees: the body rendered to HTML, its text with white
space folded and a space between blocks (``body_text``). A highlight found there is wrapped in
the HTML as ``<a class="hl-COLOR" href="folio-highlight:ID">`` pieces, split wherever the
passage crosses a tag, so the reader can draw it, scroll to it and tell which one was clicked.
Inside an existing link a piece is a ``<span>`` instead (links do not nest).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.domain.anchoring import Span, anchor
from reader.domain.article import HIGHLIGHT_COLORS, Highlight

#: The link scheme of highlight pieces in the reader's HTML.
HIGHLIGHT_SCHEME = "folio-highlight"

_PARTS = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "br", "hr", "dl", "dt",
    "dd", "figure", "figcaption", "details", "summary",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class TextIndex:
    """The visible text of an HTML fragment and, for each of its characters, where it came
    from: ``(part, offset)`` in the fragment's tag/text parts (-1 for a space between blocks)."""

    parts: tuple[str, ...]
    text: str
    where: tuple[tuple[int, int], ...]


def index_fragment(fragment: str) -> TextIndex:
    """Split ``fragment`` into tags and text, and fold its text as a reader shows it."""
    parts = _PARTS.split(fragment)
    out: list[str] = []
    where: list[tuple[int, int]] = []

    def space(at: tuple[int, int]) -> None:
        if out and out[-1] != " ":
            out.append(" ")
            where.append(at)

    for n, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            m = _TAG_NAME.match(part)
            if m and m.group(2).casefold() in _BLOCK_TAGS:
                space((-1, 0))
            continue
        for offset, ch in enumerate(html.unescape(part)):
            if ch.isspace() or ch == "\u00a0":
                space((n, offset))
            else:
                out.append(ch)
                where.append((n, offset))
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return TextIndex(parts=tuple(parts), text="".join(out), where=tuple(where))


def body_text_of_html(fragment: str) -> str:
    """The visible text of a body's HTML, white space folded."""
    return index_fragment(fragment).text


def locate_all(
    index: TextIndex, highlights: Sequence[Highlight]
) -> tuple[dict[str, Span], tuple[str, ...]]:
    """Where each highlight is in the fragment's text; the ids of those not found."""
    found: dict[str, Span] = {}
    lost: list[str] = []
    for h in highlights:
        span = anchor(h, index.text)
        if span is None:
            lost.append(h.id)
        else:
            found[h.id] = span
    return found, tuple(lost)


def _css_class(h: Highlight) -> str:
    color = h.color if h.color in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0]
    return f"hl-{color}" + ("-note" if h.note else "")


def mark_highlights(fragment: str, highlights: Sequence[Highlight]) -> tuple[str, tuple[str, ...]]:
    """``fragment`` with each highlight that can be found wrapped for drawing; also the ids of
    the highlights not found in it (the panel lists those as lost)."""
    if not highlights:
        return fragment, ()
    index = index_fragment(fragment)
    spans, lost = locate_all(index, highlights)
    if not spans:
        return fragment, lost
    by_id = {h.id: h for h in highlights}
    # Which highlight covers each character of each text part (a later one wins an overlap).
    marks: dict[int, dict[int, str]] = {}
    for hid, span in spans.items():
        for pos in range(span.start, span.end):
            at_part, offset = index.where[pos]
            if at_part >= 0:
                marks.setdefault(at_part, {})[offset] = hid
    parts = list(index.parts)
    link_depth = 0
    for n, part in enumerate(parts):
        if part.startswith("<"):
            m = _TAG_NAME.match(part)
            if m and m.group(2).casefold() == "a":
                link_depth += -1 if m.group(1) else 1
                link_depth = max(0, link_depth)
            continue
        covered = marks.get(n)
        if not covered:
            continue
        text = html.unescape(part)
        pieces: list[str] = []
        run_id: str | None = covered.get(0)
        run_start = 0
        for offset in range(1, len(text) + 1):
            current = covered.get(offset) if offset < len(text) else "\0end"
            if current != run_id:
                pieces.append(_piece(text[run_start:offset], run_id, by_id, inside_link=link_depth))
                run_id, run_start = current, offset
        parts[n] = "".join(pieces)
    return "".join(parts), lost


def _piece(text: str, hid: str | None, by_id: dict[str, Highlight], *, inside_link: int) -> str:
    escaped = html.escape(text, quote=False)
    if hid is None or hid not in by_id:
        return escaped
    css = _css_class(by_id[hid])
    if inside_link:
        return f'<span class="{css}">{escaped}</span>'
    return f'<a class="{css}" href="{HIGHLIGHT_SCHEME}:{html.escape(hid)}">{escaped}</a>'
