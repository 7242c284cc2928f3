"""HTML to clean Markdown: sanitize first, then convert what is left.

Importers that receive article HTML (feed entries, wallabag and Omnivore content, fetched pages)
store their body as Markdown. The HTML is first cut down by nh3 to an allow-list of structural
and inline tags (no scripts, styles, forms, frames, event handlers or ``javascript:`` links),
which also makes it well formed; the converter then walks that tree and writes Markdown that
markdown2 (the reader's renderer) reads back as the same structure. Text is escaped with the
same rules as scraped plain text, so a ``*`` or ``#`` in the prose stays a character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

from reader.formats.markdown_escape import escape_markdown

#: Tags that survive sanitizing; everything else is unwrapped (its text kept).
KEPT_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "var", "section", "article", "main", "header", "footer", "aside",
        "address", "details", "summary", "center", "font", "big", "tt",
    }
)  # fmt: skip
#: Tags whose content is dropped with them (never article text).
DROPPED_TAGS = frozenset(
    {"script", "style", "template", "noscript", "title", "head", "button", "select", "textarea",
     "iframe", "object", "embed", "svg", "math", "canvas", "nav", "form"}
)  # fmt: skip
_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "code": {"class"},
    "pre": {"class"},
    "td": {"colspan"},
    "th": {"colspan"},
}
_URL_SCHEMES = {"http", "https", "mailto"}

_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "address",
        "details", "summary", "center", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "caption", "thead", "tbody",
        "tfoot", "tr", "td", "th", "dl", "dt", "dd",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img"})
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Sanitized HTML (well formed) into a small tree of nodes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def sanitize_html(fragment: str) -> str:
    """Only the allow-listed markup of ``fragment``, well formed."""
    return nh3.clean(
        fragment,
        tags=set(KEPT_TAGS),
        clean_content_tags=set(DROPPED_TAGS),
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


def html_to_markdown(fragment: str | None, *, base_url: str | None = None) -> str:
    """Clean Markdown for an HTML fragment or document; relative links resolved on ``base_url``.

    Returns "" for a fragment with no text and no images.
    """
    if not fragment or not fragment.strip():
        return ""
    builder = _TreeBuilder()
    builder.feed(sanitize_html(fragment))
    builder.close()
    markdown = _Writer(base_url).blocks(builder.root.children)
    return _BLANK_RUNS.sub("\n\n", markdown).strip("\n")


# ============================================================================ the writer


def _escape_text(text: str) -> str:
    """Escape one run of inline text, keeping the spaces around it (escaping trims lines)."""
    core = text.strip(" ")
    if not core:
        return text
    lead = " " if text.startswith(" ") else ""
    trail = " " if text.endswith(" ") else ""
    return lead + escape_markdown(core).replace("\n", " ") + trail


def _link_target(url: str) -> str:
    """A URL markdown2 keeps whole inside ``(...)``: spaces and parentheses percent-encoded."""
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _fence_for(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


class _Writer:
    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url

    def _url(self, value: str) -> str:
        value = value.strip()
        if self.base_url and value and not value.startswith(("#", "mailto:")):
            try:
                return urljoin(self.base_url, value)
            except ValueError:
                return value
        return value

    # ------------------------------------------------------------------ blocks
    def blocks(self, children: list[_Node | str]) -> str:
        """Children laid out as Markdown blocks separated by blank lines (a list straight
        after a line of text stays tight, as in a list item holding a sublist)."""
        out: list[str] = []
        run: list[_Node | str] = []

        def flush() -> None:
            if run:
                text = self.inline(run).strip()
                if text:
                    out.append(text)
                run.clear()

        for child in children:
            if isinstance(child, _Node) and child.tag in _BLOCKS:
                had_text = bool(run) and bool(self.inline(run).strip())
                flush()
                block = self.block(child).strip("\n")
                if not block.strip():
                    continue
                if had_text and child.tag in ("ul", "ol") and out:
                    out[-1] += "\n" + block
                else:
                    out.append(block)
            else:
                run.append(child)
        flush()
        return "\n\n".join(out)

    def block(self, node: _Node) -> str:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self.inline(node.children, one_line=True).strip()
            return f"{'#' * int(tag[1])} {text}" if text else ""
        if tag in ("ul", "ol"):
            return self.list_block(node)
        if tag == "li":
            return self.list_block(_Node("ul", children=[node]))
        if tag == "blockquote":
            inner = self.blocks(node.children)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if tag == "pre":
            return self.pre(node)
        if tag == "hr":
            return "---"
        if tag == "table":
            return self.table(node)
        if tag == "dl":
            return self.definitions(node)
        if tag == "figcaption":
            text = self.inline(node.children).strip()
            return f"*{text}*" if text and "*" not in text.replace("\\*", "") else text
        return self.blocks(node.children)

    def list_block(self, node: _Node) -> str:
        ordered = node.tag == "ol"
        try:
            number = int(node.attrs.get("start", "1") or "1")
        except ValueError:
            number = 1
        items: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    items.append(f"- {_escape_text(child.strip())}")
                continue
            content = self.blocks(child.children) if child.tag == "li" else self.block(child)
            if child.tag in ("ul", "ol") and items:
                # A list nested straight in a list (no <li>) belongs to the item before it.
                nested = "\n".join(f"    {ln}" if ln else "" for ln in content.split("\n"))
                items[-1] += "\n" + nested
                continue
            if not content.strip():
                continue
            marker = f"{number}." if ordered else "-"
            number += 1
            lines = content.split("\n")
            pad = " " * 4
            rest = [f"{pad}{ln}" if ln else "" for ln in lines[1:]]
            items.append("\n".join([f"{marker} {lines[0]}", *rest]))
        return "\n".join(items)

    def pre(self, node: _Node) -> str:
        code = _text_of(node).strip("\n")
        if not code.strip():
            return ""
        language = ""
        for holder in (node, *(c for c in node.children if isinstance(c, _Node))):
            found = _LANGUAGE.search(holder.attrs.get("class", ""))
            if found:
                language = found.group(1)
                break
        fence = _fence_for(code)
        return f"{fence}{language}\n{code}\n{fence}"

    def table(self, node: _Node) -> str:
        rows: list[list[str]] = []
        caption = ""
        for row in _rows(node):
            if row.tag == "caption":
                caption = self.inline(row.children, one_line=True).strip()
                continue
            cells: list[str] = []
            for cell in row.children:
                if isinstance(cell, _Node) and cell.tag in ("td", "th"):
                    text = self.inline(_flatten_blocks(cell.children), one_line=True).strip()
                    cells.append(text.replace("|", "\\|"))
                    span = cell.attrs.get("colspan", "1")
                    extra = int(span) - 1 if span.isdigit() else 0
                    cells.extend([""] * min(extra, 20))
            if any(c for c in cells):
                rows.append(cells)
        if not rows:
            return caption
        if len(rows) == 1 and len(rows[0]) == 1:
            # A one-cell "table" is layout, not data.
            return rows[0][0]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
        table = "\n".join(lines)
        return f"{caption}\n\n{table}" if caption else table

    def definitions(self, node: _Node) -> str:
        out: list[str] = []
        for child in node.children:
            if not isinstance(child, _Node):
                continue
            text = self.blocks(child.children).strip()
            if not text:
                continue
            out.append(f"**{text}**" if child.tag == "dt" and "\n" not in text else text)
        return "\n\n".join(out)

    # ------------------------------------------------------------------ inline
    def inline(self, children: list[_Node | str], *, one_line: bool = False) -> str:
        parts: list[str] = []
        for child in children:
            if isinstance(child, str):
                parts.append(_escape_text(_SPACE.sub(" ", child)))
                continue
            parts.append(self.inline_node(child, one_line=one_line))
        text = "".join(parts)
        text = re.sub(r" {2,}(?!\n)", " ", text)
        lines = [
            ln.strip(" ") if not ln.endswith("  ") else ln.lstrip(" ") for ln in text.split("\n")
        ]
        return "\n".join(lines)

    def inline_node(self, node: _Node, *, one_line: bool) -> str:
        tag = node.tag
        if tag == "br":
            return " " if one_line else "  \n"
        if tag == "img":
            return self.image(node)
        if tag in _BLOCKS:
            # A block inside inline content (a <p> in a <td>, a list in a link): its text.
            inner = self.inline(_flatten_blocks(node.children), one_line=True).strip()
            return f" {inner} " if inner else " "
        inner = self.inline(node.children, one_line=one_line)
        if tag == "a":
            return self.link(node, inner)
        if tag == "code" or tag in ("kbd", "samp", "tt"):
            return _code_span(_text_of(node))
        if tag in ("em", "i", "cite", "var"):
            return _wrap(inner, "*")
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("del", "s", "strike"):
            return _wrap(inner, "~~")
        if tag == "q":
            return f"“{inner}”"
        return inner

    def link(self, node: _Node, inner: str) -> str:
        href = self._url(node.attrs.get("href", ""))
        text = inner.strip()
        if not href or href.startswith("#"):
            return inner
        if not text:
            return ""
        title = node.attrs.get("title", "").strip().replace('"', "'")
        suffix = f' "{title}"' if title else ""
        lead = " " if inner.startswith(" ") else ""
        trail = " " if inner.endswith(" ") else ""
        return f"{lead}[{text}]({_link_target(href)}{suffix}){trail}"

    def image(self, node: _Node) -> str:
        src = self._url(node.attrs.get("src", ""))
        if not src or src.startswith("data:"):
            return ""
        alt = " ".join(node.attrs.get("alt", "").split())
        alt = alt.replace("[", "(").replace("]", ")").replace("*", "").replace("_", " ")
        return f"![{alt}]({_link_target(src)})"


def _wrap(inner: str, mark: str) -> str:
    """Emphasis around ``inner``, with its outer spaces moved outside the markers."""
    core = inner.strip()
    if not core:
        return inner
    if "\n" in core:
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{mark}{core}{mark}{trail}"


def _code_span(code: str) -> str:
    code = _SPACE.sub(" ", code).strip()
    if not code:
        return ""
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def _text_of(node: _Node) -> str:
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag == "br":
            out.append("\n")
        else:
            out.append(_text_of(child))
    return "".join(out)


def _flatten_blocks(children: list[_Node | str]) -> list[_Node | str]:
    """Block children turned into inline runs separated by spaces (for table cells)."""
    out: list[_Node | str] = []
    for child in children:
        if isinstance(child, _Node) and child.tag in _BLOCKS:
            out.append(" ")
            out.extend(_flatten_blocks(child.children))
            out.append(" ")
        else:
            out.append(child)
    return out


def _rows(table: _Node) -> list[_Node]:
    """The rows (and caption) of a table, through thead/tbody/tfoot."""
    out: list[_Node] = []
    for child in table.children:
        if not isinstance(child, _Node):
            continue
        if child.tag in ("thead", "tbody", "tfoot"):
            out.extend(_rows(child))
        elif child.tag in ("tr", "caption"):
            out.append(child)
    return out
