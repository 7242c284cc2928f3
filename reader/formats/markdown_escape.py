"""Plain prose made safe to store as a Markdown body: shown exactly as it was written.

Importers of plain text (scraped pages, CSV fields, feed summaries) keep their text in the
Markdown body, and the reader renders that with markdown2. Characters that markdown2 would
read as markup are escaped; everything else (typographic quotes, any script, ordinary
punctuation) is left alone, so the stored body stays readable and editable.

What markdown2 would interpret, and so what is escaped:
- emphasis and code: every ``*``, ``_`` and backtick (markdown2 sees ``foo_bar_baz`` as
  emphasis, so even in-word underscores count);
- a backslash that would itself escape the next character (``\\*``);
- at the start of a line: ``#`` (heading), ``>`` (quote), ``-``/``+`` followed by a space or
  making a rule, ``1.``-style ordered-list starts, and a line of ``=`` or ``-`` under text
  (setext heading);
- ``<`` unless a space follows it (markdown2 takes ``<`` and the next ``>`` as a tag or an
  autolink, inside which nothing is escaped), and ``&`` that starts an entity (``&copy;``);
- ``[``/``]`` only where they would make a link, an image or a reference definition;
- for the extras the reader turns on (tables, strike, fenced code, footnotes): a table's
  underline row and ``~~``.
Leading indentation (a code block) and trailing double spaces (a hard break) have no visible
meaning in prose, so they are dropped rather than escaped.
"""

from __future__ import annotations

import re

# One pass over the text for the inline cases, so no escape is itself escaped again:
# a backslash before a character markdown2 would let it escape, emphasis and code characters,
# an entity-like "&name;", and a "<" that would open a tag, comment or autolink (any "<" not
# followed by a space: markdown2 leaves what lies between it and a later ">" unescaped).
_INLINE = re.compile(r"\\[<>]|\\(?=[\\`*_{}\[\]()#+\-.!&])|[*_`]|&(?=#?[A-Za-z0-9]+;)|<(?!\s|$)")


def _escape_inline(m: re.Match[str]) -> str:
    found = m.group(0)
    if len(found) == 2:
        # markdown2 reads an escaped backslash before "<" or ">" as an escaped entity, so
        # the angle bracket needs its own escape too.
        return "\\\\\\" + found[1]
    return "\\" + found


# Brackets make a link only where a "]" is followed by "(" or "[" (inline and reference links,
# images), or where a line starts with "[id]:" (a reference definition, which would also
# vanish from the text). Escaping that "]" (and its "[") or that leading "[" is enough.
_LINK_SPAN = re.compile(r"\[([^\[\]\n]*)\](?=\s*[(\[])")
_LINK_CLOSE = re.compile(r"(?<!\\)\](?=\s*[(\[])")
_DEFINITION = re.compile(r"^([ \t]*)\[(?=.*\]:)", re.M)

_HEADING = re.compile(r"^#")
_QUOTE = re.compile(r"^>")
_BULLET = re.compile(r"^([-+])(?=[ \t]|$)")
_ORDERED = re.compile(r"^(\d+)\.(?=[ \t]|$)")
_RULE = re.compile(r"^-(?=[ \t]*-[ \t]*-[- \t]*$)|^-+[ \t]*$")
_SETEXT_EQUALS = re.compile(r"^=+[ \t]*$")
# The underline row of a table (the reader's markdown2 has the "tables" extra): only bars,
# dashes, colons and spaces. One escaped dash is enough to break it.
_TABLE_RULE = re.compile(r"^(?=.*\|)(?=.*-)[|:\- \t]+$")


def _escape_brackets(text: str) -> str:
    text = _LINK_SPAN.sub(lambda m: "\\[" + m.group(1) + "\\]", text)
    text = _LINK_CLOSE.sub(r"\\]", text)
    return _DEFINITION.sub(lambda m: m.group(1) + "\\[", text)


def _escape_line_start(line: str, *, after_text: bool) -> str:
    if _HEADING.match(line) or _QUOTE.match(line):
        return "\\" + line
    if _RULE.match(line) or _BULLET.match(line):
        return "\\" + line
    m = _ORDERED.match(line)
    if m:
        return m.group(1) + "\\." + line[m.end() :]
    if _TABLE_RULE.match(line):
        dash = line.index("-")
        return line[:dash] + "\\" + line[dash:]
    if after_text and _SETEXT_EQUALS.match(line):
        # "=" has no backslash escape in markdown2; its character reference shows the same.
        return "&#61;" + line[1:]
    return line


def escape_markdown(text: str) -> str:
    """``text`` with everything markdown2 would interpret escaped, and nothing else.

    Line structure is kept: each line is escaped on its own, blank lines stay blank.
    """
    if not text:
        return ""
    # markdown2 breaks lines wherever Python does (form feeds, U+2028 ...), not only at "\n".
    text = "\n".join(text.splitlines())
    text = _INLINE.sub(_escape_inline, text)
    text = _escape_brackets(text)
    # "~~" strikes text through (the "strike" extra) and "~" has no backslash escape.
    text = text.replace("~~", "~&#126;")
    out: list[str] = []
    after_text = False
    for raw in text.split("\n"):
        line = raw.strip(" \t")
        if not line:
            out.append("")
            after_text = False
            continue
        out.append(_escape_line_start(line, after_text=after_text))
        after_text = True
    return "\n".join(out)
