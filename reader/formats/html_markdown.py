"""An article's HTML made safe and turned into the Markdown Folio stores.

Two steps. First nh3 (the Rust ammonia sanitizer) keeps an allow-list of tags and attributes:
no script, style, frame, form or event handler survives, and links keep only ``http``,
``https`` and ``mailto`` targets. Then the clean tree is written out as Markdown that the
reader's markdown2 renders back to the same structure: headings, paragraphs, lists,
blockquotes, code, tables, links, emphasis and images.

A converter of its own rather than a general HTML-to-Markdown library, because Folio's text
escaping is markdown2's (see ``markdown_escape``): the words of the page are escaped with the
same rules as every other importer's text, so what the reader shows is exactly what the page
said, and markup is added around them only where the page had markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import nh3
from lxml import etree

from reader.formats.html_document import url_scheme
from reader.formats.markdown_escape import escape_markdown

Element = Any

_ALLOWED_TAGS = {
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "center",
    "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
    "kbd", "li", "main", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "tt", "u", "ul", "var", "address",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "td": {"colspan"},
    "th": {"colspan"},
    "ol": {"start"},
    "code": {"class"},
    "pre": {"class"},
}
_URL_SCHEMES = {"http", "https", "mailto"}

_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "figure",
        "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "pre", "table", "h1",
        "h2", "h3", "h4", "h5", "h6", "hr", "details", "summary", "address", "center",
        "caption", "tr", "td", "th", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {"em": "*", "i": "*", "cite": "*", "dfn": "*", "var": "*", "strong": "**", "b": "**"}
_STRIKE = frozenset({"del", "s", "strike"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2028\u2029]+")
# Placeholders for markup inside a paragraph while its words are escaped: Supplementary
# Private Use Area characters, which no page's text keeps (they are stripped from it first).
_TOKEN_BASE = 0xF0000
_TOKENS = re.compile("[\U000f0000-\U000fffff\U00100000]")
_PRIVATE = re.compile("[\U000f0000-\U000fffff\U00100000-\U0010ffff]")
_LANGUAGE_CLASS = re.compile(r"(?:^|\s)(?:language|lang|highlight-source)-([\w+#.-]+)")
_MAX_DEPTH = 200
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
_WRAPPERS = frozenset({"div", "section", "article", "main", "span", "center", "font"})


def sanitize(fragment: str) -> str:
    """Only the allow-listed markup of an HTML fragment (see the module's docstring)."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _encode_url(url: str) -> str:
    """A URL that Markdown's ``(...)`` cannot misread: spaces and brackets encoded."""
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~-._")


class _Inline:
    """A paragraph being built: text to escape, and markup tokens to leave alone."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tokens: list[str] = []

    def text(self, text: str) -> None:
        if text:
            self.parts.append(_PRIVATE.sub("", text))

    def raw(self, text: str) -> None:
        """Text already cleaned (copied from another paragraph being built)."""
        self.parts.append(text)

    def markup(self, markup: str) -> None:
        if len(self.tokens) >= 0xFFFF:
            return
        self.parts.append(chr(_TOKEN_BASE + len(self.tokens)))
        self.tokens.append(markup)

    def empty(self) -> bool:
        """Whether the paragraph has no words (it may still hold images)."""
        return not _TOKENS.sub("", "".join(self.parts)).strip()

    def blank(self) -> bool:
        """Whether the paragraph has nothing at all to show."""
        return not "".join(self.parts).strip()

    def render(self) -> str:
        """The Markdown of the paragraph: words escaped, whitespace collapsed, tokens back."""
        joined = _WHITESPACE.sub(" ", "".join(self.parts))
        # A line break is a token followed by a real newline, so that escaping sees the
        # next line's start as a line start.
        joined = joined.replace(_BREAK_MARK, _BREAK_MARK + "\n")
        lines = [line.strip() for line in joined.split("\n")]
        escaped = escape_markdown("\n".join(line for line in lines if line.strip(_BREAK_MARK)))
        escaped = escaped.replace(_BREAK_MARK, "")
        out = re.sub("[\U000f0000-\U000fffff]", self._token, escaped)
        return out.strip()

    def _token(self, m: re.Match[str]) -> str:
        index = ord(m.group(0)) - _TOKEN_BASE
        return self.tokens[index] if index < len(self.tokens) else ""


# A hard line break inside a paragraph (``<br>``): kept as two trailing spaces.
_BREAK_MARK = "\U00100000"


class _Converter:
    """Walks a sanitized fragment and writes its Markdown."""

    def __init__(self, *, link_filter: Callable[[str], str | None]) -> None:
        self.link_filter = link_filter

    # ---------------------------------------------------------------------------- blocks

    def blocks(self, node: Element, depth: int = 0) -> list[str]:
        """The Markdown blocks of ``node``'s content."""
        out: list[str] = []
        line = _Inline()

        def flush() -> None:
            nonlocal line
            if not line.blank():
                text = line.render()
                if text:
                    out.append(text.replace(_BREAK_MARK, ""))
            line = _Inline()

        line.text(node.text or "")
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCKS or (tag and depth < _MAX_DEPTH and self._holds_blocks(child)):
                flush()
                out.extend(self.block(child, depth + 1))
            elif tag:
                self.inline(child, line, depth + 1)
            line.text(child.tail or "")
        flush()
        return [b for b in out if b.strip()]

    @staticmethod
    def _holds_blocks(node: Element) -> bool:
        return any(
            isinstance(d.tag, str) and d.tag in _BLOCKS and d.tag not in ("td", "th", "tr")
            for d in node.iterdescendants()
        )

    def block(self, node: Element, depth: int) -> list[str]:
        tag = node.tag
        if depth > _MAX_DEPTH:
            text = _WHITESPACE.sub(" ", "".join(node.itertext())).strip()
            return [escape_markdown(text)] if text else []
        if tag in _HEADINGS:
            line = _Inline()
            self.inline_children(node, line, depth, breaks=False)
            text = line.render().replace("\n", " ")
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag in ("ul", "ol"):
            return self.list_block(node, depth)
        if tag == "blockquote":
            inner = self.blocks(node, depth)
            if not inner:
                return []
            quoted = "\n\n".join(inner)
            return ["\n".join(f"> {ln}" if ln else ">" for ln in quoted.split("\n"))]
        if tag == "pre":
            return self.code_block(node)
        if tag == "hr":
            return ["* * *"]
        if tag == "table":
            return self.table(node, depth)
        if tag in ("dt", "summary"):
            line = _Inline()
            line.markup("**")
            self.inline_children(node, line, depth)
            line.markup("**")
            text = line.render()
            return [text] if text.strip("* ") else []
        if tag == "li":
            return self.list_block(node, depth, lone_item=True)
        return self.blocks(node, depth)

    def list_block(self, node: Element, depth: int, *, lone_item: bool = False) -> list[str]:
        ordered = node.tag == "ol"
        try:
            number = int(node.get("start") or 1)
        except ValueError:
            number = 1
        items: list[list[str]] = []
        if lone_item:
            items.append(self.blocks(node, depth))
        else:
            pending = _Inline()
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == "li":
                    items.append(self.blocks(child, depth + 1))
                elif child.tag in ("ul", "ol") and items:
                    # A list nested directly in a list belongs to the item before it.
                    items[-1].extend(self.block(child, depth + 1))
                else:
                    items.append(self.block(child, depth + 1) if child.tag in _BLOCKS else [])
                    if not items[-1]:
                        self.inline(child, pending, depth + 1)
                        items[-1] = [pending.render()] if not pending.blank() else []
                        pending = _Inline()
        rendered: list[str] = []
        loose = any(len(blocks) > 1 for blocks in items)
        for blocks in items:
            if not blocks:
                continue
            marker = f"{number}." if ordered else "-"
            number += 1
            pad = " " * 4
            body = ("\n\n" if loose else "\n").join(blocks)
            lines = body.split("\n")
            first = f"{marker} {lines[0]}"
            rest = [f"{pad}{ln}" if ln else "" for ln in lines[1:]]
            rendered.append("\n".join([first, *rest]))
        if not rendered:
            return []
        return [("\n\n" if loose else "\n").join(rendered)]

    def code_block(self, node: Element) -> list[str]:
        text = "".join(node.itertext()).replace("\r\n", "\n").strip("\n")
        if not text.strip():
            return []
        language = ""
        for holder in (node, node.find("code")):
            if holder is not None:
                m = _LANGUAGE_CLASS.search(holder.get("class") or "")
                if m:
                    language = m.group(1)
                    break
        if re.search(r"^\s*```", text, re.MULTILINE):
            return ["\n".join("    " + ln for ln in text.split("\n"))]
        return [f"```{language}\n{text}\n```"]

    def table(self, node: Element, depth: int) -> list[str]:
        rows: list[list[tuple[str, int]]] = []
        header_rows = 0
        for tr in node.iter("tr"):
            if _nearest_table(tr) is not node:
                continue
            cells: list[tuple[str, int]] = []
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                line = _Inline()
                self.inline_children(cell, line, depth, breaks=False)
                text = line.render().replace("\n", " ").replace("|", "\\|")
                try:
                    span = max(1, min(int(cell.get("colspan") or 1), 50))
                except ValueError:
                    span = 1
                cells.append((text, span))
            if cells:
                rows.append(cells)
                is_head = tr.getparent() is not None and tr.getparent().tag == "thead"
                if len(rows) == header_rows + 1 and (
                    is_head or all(c.tag == "th" for c in tr if isinstance(c.tag, str))
                ):
                    header_rows += 1
        simple = rows and not any(
            isinstance(d.tag, str) and d.tag in ("table", "ul", "ol", "pre", "blockquote")
            for d in node.iterdescendants()
        )
        width = max((sum(span for _, span in row) for row in rows), default=0)
        if not simple or width < 2 or len(rows) < 2:
            # A layout table, or one too odd for Markdown: its cells as paragraphs.
            out: list[str] = []
            for cell in node.iter("td", "th", "caption"):
                if _nearest_table(cell) is node:
                    out.extend(self.blocks(cell, depth + 1))
            return out
        lines: list[str] = []
        caption = node.find("caption")
        if caption is not None:
            title = _Inline()
            self.inline_children(caption, title, depth)
            if not title.blank():
                lines.append(title.render())
                lines.append("")
        for index, row in enumerate(rows):
            flat = [value for text, span in row for value in [text, *[""] * (span - 1)]]
            flat += [""] * (width - len(flat))
            lines.append("| " + " | ".join(flat) + " |")
            if index == max(header_rows, 1) - 1:
                lines.append("|" + "|".join(["---"] * width) + "|")
        return ["\n".join(lines)]

    # ---------------------------------------------------------------------------- inline

    def inline_children(
        self, node: Element, line: _Inline, depth: int, *, breaks: bool = True
    ) -> None:
        line.text(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br" and not breaks:
                    line.text(" ")
                elif child.tag in _BLOCKS:
                    line.text(" ")
                    self.inline_children(child, line, depth + 1, breaks=breaks)
                    line.text(" ")
                else:
                    self.inline(child, line, depth + 1)
            line.text(child.tail or "")

    def inline(self, node: Element, line: _Inline, depth: int) -> None:
        tag = node.tag
        if depth > _MAX_DEPTH:
            line.text("".join(node.itertext()))
            return
        if tag == "br":
            line.markup("  ")
            line.raw(_BREAK_MARK)
            return
        if tag == "img":
            self.image(node, line)
            return
        if tag in _CODE and not len(node):
            code = _WHITESPACE.sub(" ", "".join(node.itertext()))
            if code.strip():
                fence = "``" if "`" in code else "`"
                pad = " " if fence == "``" or code.startswith("`") else ""
                line.markup(f"{fence}{pad}{code.strip()}{pad}{fence}")
            return
        if tag == "a":
            self.link(node, line, depth)
            return
        marker = _EMPHASIS.get(tag) or ("~~" if tag in _STRIKE else None)
        if marker:
            self.wrapped(node, line, depth, marker, marker)
            return
        if tag == "q":
            line.text("“")
            self.inline_children(node, line, depth)
            line.text("”")
            return
        self.inline_children(node, line, depth)

    def wrapped(self, node: Element, line: _Inline, depth: int, start: str, end: str) -> None:
        """``node``'s content between two markers, with its edge spaces moved outside."""
        inner = _Inline()
        self.inline_children(node, inner, depth)
        raw = "".join(inner.parts)
        if not _WHITESPACE.sub("", raw.replace(_BREAK_MARK, "")):
            line.raw(raw)
            return
        lead = raw[: len(raw) - len(raw.lstrip())]
        trail = raw[len(raw.rstrip()) :]
        line.raw(lead)
        line.markup(start)
        # Re-add the inner parts, shifting their tokens into this line's numbering.
        stripped = _strip_parts(inner.parts)
        for part in stripped:
            self._copy(part, inner, line)
        line.markup(end)
        line.raw(trail)

    @staticmethod
    def _copy(part: str, source: _Inline, line: _Inline) -> None:
        buffer: list[str] = []
        for ch in part:
            code = ord(ch)
            if _TOKEN_BASE <= code < _TOKEN_BASE + len(source.tokens):
                if buffer:
                    line.text("".join(buffer))
                    buffer = []
                line.markup(source.tokens[code - _TOKEN_BASE])
            else:
                buffer.append(ch)
        if buffer:
            line.raw("".join(buffer))

    def link(self, node: Element, line: _Inline, depth: int) -> None:
        href = self.link_filter(node.get("href") or "")
        inner = _Inline()
        self.inline_children(node, inner, depth, breaks=False)
        if not href or inner.empty():
            # No target, or only images: the content without the link (a linked picture
            # is shown as the picture).
            for part in inner.parts:
                self._copy(part, inner, line)
            return
        parts = _strip_parts(inner.parts)
        raw = "".join(inner.parts)
        line.raw(raw[: len(raw) - len(raw.lstrip())])
        text = "".join(parts)
        # "[1]" (a footnote reference) is written \[[1](...)\]: the brackets outside the link.
        bracketed = len(text) > 2 and text[0] == "[" and text[-1] == "]"
        if bracketed:
            line.markup("\\[")
            parts[0] = parts[0][1:]
            parts[-1] = parts[-1][:-1]
        line.markup("[")
        for part in parts:
            # Brackets inside a link's text would end it early: they are escaped.
            for piece in re.split(r"([\[\]])", part):
                if piece in ("[", "]"):
                    line.markup("\\" + piece)
                elif piece:
                    self._copy(piece, inner, line)
        line.markup(f"]({_encode_url(href)})")
        if bracketed:
            line.markup("\\]")
        line.raw(raw[len(raw.rstrip()) :])

    def image(self, node: Element, line: _Inline) -> None:
        src = self.link_filter(node.get("src") or "")
        if not src or url_scheme(src) not in ("http", "https"):
            return
        alt = _WHITESPACE.sub(" ", node.get("alt") or "").strip()
        alt = escape_markdown(alt).replace("[", "\\[").replace("]", "\\]").replace("\n", " ")
        line.markup(f"![{alt}]({_encode_url(src)})")


def _strip_parts(parts: list[str]) -> list[str]:
    """``parts`` with the whitespace at both ends of their joined text removed."""
    out = list(parts)
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[0] = out[0].lstrip()
        out[-1] = out[-1].rstrip()
    return out


def _nearest_table(node: Element) -> Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _keep_link(url: str) -> str | None:
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    return url


def fragment_to_markdown(
    fragment: str, *, link_filter: Callable[[str], str | None] = _keep_link
) -> str:
    """The Markdown of an HTML fragment, sanitized first."""
    clean = sanitize(fragment)
    if not clean.strip():
        return ""
    try:
        document = etree.fromstring(f"<html><body><div>{clean}</div></body></html>", _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    root = document.find("body/div") if document is not None else None
    if root is None:
        return ""
    converter = _Converter(link_filter=link_filter)
    blocks = converter.blocks(root)
    return "\n\n".join(_merge(blocks)).strip()


def _merge(blocks: list[str]) -> Iterator[str]:
    """Blocks without runs of the same image or rule twice in a row."""
    previous = None
    for block in blocks:
        if block == previous and (block.startswith("![") or block == "* * *"):
            continue
        previous = block
        yield block


def _flatten_math(element: Element) -> None:
    """MathML as its text ("a ≠ 0"): the sanitizer would drop the whole ``<math>`` element."""
    for math in list(element.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        tokens = [
            "".join(leaf.itertext()).strip()
            for leaf in math.iter()
            if isinstance(leaf.tag, str)
            and leaf.tag.rsplit("}", 1)[-1] in ("mi", "mo", "mn", "mtext", "ms")
        ]
        text = " ".join(t for t in tokens if t) or " ".join("".join(math.itertext()).split())
        tail = math.tail
        math.clear()
        math.tag = "span"
        math.text = text
        math.tail = tail


def _simplify(element: Element) -> None:
    """Unwrap wrappers that only hold another wrapper (``<div><div><div>...``): pages nest
    them hundreds deep, and the sanitizer's parser stops at a depth limit."""
    for node in list(element.iter(*_WRAPPERS)):
        parent = node.getparent()
        if parent is None or node is element or len(node) != 1:
            continue
        child = node[0]
        if child.tag not in _WRAPPERS or (node.text or "").strip() or (child.tail or "").strip():
            continue
        child.tail = node.tail
        parent.replace(node, child)


def element_to_markdown(element: Element) -> str:
    """The Markdown of an lxml element's content (links already absolute)."""
    _flatten_math(element)
    _simplify(element)
    fragment = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    return fragment_to_markdown(fragment)
