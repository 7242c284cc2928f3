"""Small operations on lxml trees of web pages, in the DOM's terms.

lxml keeps the text after an element on the element itself (its ``tail``), where the DOM has
a separate text node; these helpers remove, move and measure elements without losing that
text, and give the measures the article search is built on: inner text, link density, the
next node in document order, and whether an element is phrasing content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

Element = Any  # lxml.etree._Element; lxml ships no type information.

NORMALIZE = re.compile(r"\s{2,}")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKENS = re.compile(r"\W+")

DIV_TO_P = frozenset({"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"})
PHRASING = frozenset(
    {
        "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn",
        "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
        "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small",
        "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
    }
)  # fmt: skip


def remove(node: Element) -> None:
    """Take ``node`` out of the tree, keeping the text that followed it."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def detach(node: Element) -> Element:
    """``node`` removed from its parent (its tail left behind), ready to be moved."""
    remove(node)
    node.tail = None
    return node


def inner_text(node: Element, *, normalize: bool = True) -> str:
    text = "".join(node.itertext()).strip()
    return NORMALIZE.sub(" ", text) if normalize else text


def match_string(node: Element) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def next_node(node: Element, skip_children: bool = False) -> Element | None:
    """The next element in document order (depth first), optionally past ``node``'s own."""
    if not skip_children and len(node):
        return node[0]
    nxt = node.getnext()
    if nxt is not None:
        return nxt
    parent = node.getparent()
    while parent is not None and parent.getnext() is None:
        parent = parent.getparent()
    return parent.getnext() if parent is not None else None


def remove_and_next(node: Element) -> Element | None:
    nxt = next_node(node, skip_children=True)
    remove(node)
    return nxt


def ancestors(node: Element, max_depth: int = 0) -> list[Element]:
    found: list[Element] = []
    parent = node.getparent()
    while parent is not None:
        found.append(parent)
        if max_depth and len(found) == max_depth:
            break
        parent = parent.getparent()
    return found


def has_ancestor_tag(
    node: Element,
    tag: str,
    max_depth: int = 3,
    accept: Callable[[Element], bool] | None = None,
) -> bool:
    depth = 0
    parent = node.getparent()
    while parent is not None:
        if max_depth > 0 and depth > max_depth:
            return False
        if parent.tag == tag and (accept is None or accept(parent)):
            return True
        parent = parent.getparent()
        depth += 1
    return False


def text_nodes(node: Element) -> Iterator[str]:
    """The texts directly inside ``node``: before its first child and after each child."""
    if node.text:
        yield node.text
    for child in node:
        if child.tail:
            yield child.tail


def has_single_tag_inside(node: Element, tag: str) -> bool:
    if len(node) != 1 or node[0].tag != tag:
        return False
    return not any(t.strip() for t in text_nodes(node))


def is_without_content(node: Element) -> bool:
    if inner_text(node, normalize=False):
        return False
    return len(node) == 0 or all(child.tag in ("br", "hr") for child in node.iterdescendants())


def has_child_block(node: Element) -> bool:
    return any(d.tag in DIV_TO_P for d in node.iterdescendants())


def is_phrasing(node: Element) -> bool:
    tag = node.tag
    if tag in PHRASING:
        return True
    return tag in ("a", "del", "ins") and all(is_phrasing(child) for child in node)


def link_density(node: Element) -> float:
    length = len(inner_text(node))
    if not length:
        return 0.0
    links = 0.0
    for a in node.iter("a"):
        href = a.get("href") or ""
        weight = 0.3 if len(href) > 1 and href.startswith("#") else 1.0
        links += len(inner_text(a)) * weight
    return links / length


def text_density(node: Element, tags: Iterable[str]) -> float:
    length = len(inner_text(node))
    if not length:
        return 0.0
    wanted = frozenset(tags)
    inside = sum(len(inner_text(d)) for d in node.iterdescendants() if d.tag in wanted)
    return inside / length


def has_text_in(node: Element, tags: Iterable[str]) -> bool:
    """Whether any descendant with one of ``tags`` holds text (the outermost is found first,
    so nested wrappers cost one look, not one each)."""
    wanted = frozenset(tags)
    for d in node.iterdescendants():
        if d.tag in wanted and any(t.strip() for t in d.itertext()):
            return True
    return False


def is_probably_visible(node: Element) -> bool:
    style = node.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return False
    if node.get("hidden") is not None:
        return False
    return node.get("aria-hidden") != "true" or "fallback-image" in (node.get("class") or "")


def text_similarity(a: str, b: str) -> float:
    """How much of ``b``'s words ``a`` has (1: all of them)."""
    tokens_a = [t for t in _TOKENS.split(a.casefold()) if t]
    tokens_b = [t for t in _TOKENS.split(b.casefold()) if t]
    if not tokens_a or not tokens_b:
        return 0.0
    seen = set(tokens_a)
    unique_b = [t for t in tokens_b if t not in seen]
    return 1 - len(" ".join(unique_b)) / len(" ".join(tokens_b))
