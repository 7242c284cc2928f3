"""A revision's differences from the current text as a readable HTML page for the history
panel: changed fields first, then the body with removed words struck through in red, added
words in green, and long unchanged stretches folded away."""

from __future__ import annotations

import html
from collections.abc import Sequence

from reader.domain.diff import CHANGE, DELETE, EQUAL, INSERT, FieldChange, Line, TextDiff
from reader.render.themes import theme

#: Unchanged lines kept either side of a change.
CONTEXT_LINES = 2

_COLORS = {
    # theme: (added background, removed background, removed text)
    "light": ("#d5f2d0", "#fadadd", "#8a1c22"),
    "sepia": ("#d9e6bd", "#f0cfc4", "#7d2418"),
    "dark": ("#23452a", "#5a2a2e", "#f3b8bd"),
}


def _pieces(line: Line, added: str, removed: str, removed_text: str) -> str:
    out = []
    for p in line.pieces:
        text = html.escape(p.text)
        if p.op == INSERT:
            out.append(f'<span style="background-color:{added};">{text}</span>')
        elif p.op == DELETE:
            out.append(
                f'<span style="background-color:{removed}; color:{removed_text}; '
                f'text-decoration:line-through;">{text}</span>'
            )
        else:
            out.append(text)
    return "".join(out) or "&nbsp;"


def _visible(lines: Sequence[Line]) -> list[int | tuple[int, int]]:
    """Indexes of the lines to show, and (start, count) for each folded unchanged stretch."""
    near: set[int] = set()
    for i, line in enumerate(lines):
        if line.op != EQUAL:
            near.update(range(max(0, i - CONTEXT_LINES), min(len(lines), i + CONTEXT_LINES + 1)))
    out: list[int | tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if i in near:
            out.append(i)
            i += 1
            continue
        start = i
        while i < len(lines) and i not in near:
            i += 1
        out.append((start, i - start))
    return out


def diff_page(
    diff: TextDiff,
    fields: Sequence[FieldChange],
    *,
    theme_name: str | None = None,
    heading: str = "",
    rtl: bool = False,
) -> str:
    """The whole comparison as an HTML document."""
    t = theme(theme_name)
    added, removed, removed_text = _COLORS.get(t.name, _COLORS["light"])
    direction = "rtl" if rtl else "ltr"
    out = [
        f'<html><body dir="{direction}" style="background-color:{t.background}; '
        f'color:{t.text}; font-size:11pt;">'
    ]
    if heading:
        out.append(f"<h3>{html.escape(heading)}</h3>")
    summary = (
        f"{diff.words_removed} word{'s' if diff.words_removed != 1 else ''} removed, "
        f"{diff.words_added} added"
    )
    if not diff.changed and not fields:
        summary = "The same as the current version."
    out.append(f'<p style="color:{t.muted};">{html.escape(summary)}</p>')
    if fields:
        out.append('<table cellspacing="0" cellpadding="3">')
        for f in fields:
            old = html.escape(f.old) or "<i>empty</i>"
            new = html.escape(f.new) or "<i>empty</i>"
            out.append(
                f'<tr><td style="color:{t.muted};">{html.escape(f.label)}</td>'
                f'<td><span style="background-color:{removed}; color:{removed_text}; '
                f'text-decoration:line-through;">{old}</span> → '
                f'<span style="background-color:{added};">{new}</span></td></tr>'
            )
        out.append("</table><hr>")
    for item in _visible(diff.lines):
        if isinstance(item, tuple):
            _start, count = item
            noun = "line" if count == 1 else "lines"
            out.append(
                f'<p style="color:{t.muted}; font-style:italic;">⋯ {count} unchanged {noun}</p>'
            )
            continue
        line = diff.lines[item]
        if line.op in (INSERT, DELETE) and not line.text.strip():
            continue  # a blank line more or less says nothing
        marker = {INSERT: "+", DELETE: "−", CHANGE: "~", EQUAL: "&nbsp;"}[line.op]
        if line.op == INSERT:
            style = f"background-color:{added};"
        elif line.op == DELETE:
            style = f"background-color:{removed};"
        else:
            style = ""
        out.append(
            f'<p style="margin:0 0 4px 0; {style}"><span style="color:{t.muted};">{marker}</span>'
            f" {_pieces(line, added, removed, removed_text)}</p>"
        )
    out.append("</body></html>")
    return "\n".join(out)
