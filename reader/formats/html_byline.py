"""Who wrote a web page's article: bylines cleaned to names, and bylines found in the page.

A byline comes as "By Jane Doe | Updated 3 May 2020", "Written by Jane Doe, Staff writer",
"بقلم: سارة الخطيب"; Folio stores "Jane Doe". Pages mark bylines up with ``rel="author"``,
``itemprop="author"`` or classes such as "byline", and the same vocabulary appears in comment
threads ("comment-author"), so the search skips comments, sidebars and footers.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.formats.html_tree import inner_text

Element = Any

_SPACES = re.compile(r"\s+")
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reported|story|text|words|photos?)\s+)?"
    r"(?:by|von|par|por|door|przez|autor(?:es|s|i|en|a)?|authors?|"
    r"bylined?|بقلم|كتب|كتبت|מאת|作者|记者|記者|文|Автор|Авторы)"
    r"(?:\s*[:：\-–—]\s*|\s+)",
    re.IGNORECASE,
)
_BYLINE_TRAIL = re.compile(
    r"\s*(?:[|,;·•]\s*|\s[-–—]\s|\s+(?:on|am|le|el|il)\s+)?"
    r"(?:(?:published|posted|updated|last updated)\b.*|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}.*|\d{4}-\d{2}-\d{2}.*|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}.*|"
    r"\d+\s+min(?:ute)?s?\s+read.*|"
    r"\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b.*|"
    r"(?:edited|illustrated|photographed|translated|updated)\s+by\b.*)$",
    re.IGNORECASE,
)


def clean_text(value: Any) -> str | None:
    """A display string: entities decoded, whitespace collapsed; None when empty."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html.unescape(html.unescape(value))).strip()
    return text or None


def looks_like_url(text: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//|^www\.", text, re.IGNORECASE))


def clean_author(value: str | None) -> str | None:
    """A byline as a name: "By Jane Doe | Updated 3 May 2020" → "Jane Doe"."""
    text = clean_text(value)
    if not text or looks_like_url(text):
        return None
    # "Jane Doe | Staff writer", "Jane Doe · 3 May 2020": the name comes first.
    text = re.split(r"\s[|·•]\s|\s*\|\s*", text.strip(" \t|-–—·•:,"), maxsplit=1)[0]
    for _ in range(2):
        text = _BY_PREFIX.sub("", text).strip()
    text = _BYLINE_TRAIL.sub("", text).strip(" \t|-–—·•:,")
    if text.startswith("@") and " " not in text:
        return None
    if not text or len(text) > 200 or not re.search(r"[^\W\d_]", text):
        return None
    return text


_BYLINE_CLASS = re.compile(r"byline|author|writtenby|p-author", re.IGNORECASE)
_NOT_BYLINE_CLASS = re.compile(r"comment|avatar|photo|image|bio|about|desc|share|follow", re.I)
_NOT_ARTICLE = re.compile(
    r"comment|sidebar|footer|related|widget|popup|share|recommend|newsletter|promo|"
    r"discussion|replies|respon",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^(?:by|von|par|por|door|av|af)\s+\S", re.IGNORECASE)


def _outside_article(node: Element) -> bool:
    for ancestor in node.iterancestors():
        if ancestor.tag in ("nav", "footer", "aside", "form"):
            return True
        if _NOT_ARTICLE.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def _byline_text(node: Element) -> str | None:
    name = node.find(".//*[@itemprop='name']")
    value = None
    if name is not None:
        value = name.get("content") or inner_text(name)
    value = value or node.get("content") or inner_text(node)
    if not value or len(value) >= 100:
        return None
    return clean_author(value)


def page_byline(root: Element) -> str | None:
    """A byline marked up in the page (``itemprop="author"``, ``rel="author"``, a class such
    as "byline"), or a short "By ..." line, outside comments, sidebars and footers."""
    body = root.find("body")
    if body is None:
        return None
    by_class: str | None = None
    by_line: str | None = None
    for node in body.iter():
        if not isinstance(node.tag, str):
            continue
        if (
            "author" in (node.get("itemprop") or "").lower().split()
            or (node.get("rel") or "").lower() == "author"
        ) and not _outside_article(node):
            marked = _byline_text(node)
            if marked:
                return marked
        matched = f"{node.get('class') or ''} {node.get('id') or ''}"
        if (
            by_class is None
            and _BYLINE_CLASS.search(matched)
            and not _NOT_BYLINE_CLASS.search(matched)
            and not _outside_article(node)
        ):
            by_class = _byline_text(node)
        if (
            by_line is None
            and node.tag in ("p", "span", "div", "address")
            and _BY_LINE.match((node.text or "").lstrip())
        ):
            text = inner_text(node)
            if len(text) < 60 and _BY_LINE.match(text) and not _outside_article(node):
                by_line = clean_author(text)
    return by_class or by_line
