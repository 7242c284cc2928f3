"""Sanitized HTML re-serialised as polyglot markup: valid HTML5 that is also well-formed XML.

The reader's HTML (``render.html``) is made for ``QTextBrowser``, which forgives a lot. Files
that leave Folio are read by browsers, validators and EPUB reading systems, which do not: this
module re-writes a sanitized fragment so that every element is closed, void elements are
self-closed, text holds no character XML forbids, only the five XML entities are used, and the
attributes left are ones HTML5 still defines, with values it accepts. Links that would point
nowhere in an exported file (relative paths, ``#fragments`` whose targets the sanitizer
dropped) lose their ``href`` and stay as text.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})
#: Old elements HTML5 made obsolete, and what they are now.
RENAMED = {"strike": "s"}
#: Schemes a link in an exported file may keep.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Characters XML 1.0 does not allow anywhere, and the C1 controls HTML calls parse errors.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LANG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$"
)
_POSITIVE = re.compile(r"^[1-9]\d{0,3}$")
_ALIGN = {"left", "right", "center", "justify"}


def clean_text(text: str) -> str:
    """``text`` without the characters XML and HTML forbid."""
    return _NOT_XML.sub("", text)


def esc(text: str) -> str:
    """``text`` escaped for element content or an attribute value."""
    return escape(clean_text(text), quote=True)


def safe_href(href: str | None) -> str | None:
    """An absolute http(s) or mailto URL, percent-encoded where it must be; else None."""
    if not href:
        return None
    href = clean_text(href).strip()
    try:
        scheme = urlsplit(href).scheme.casefold()
    except ValueError:
        return None
    if scheme not in LINK_SCHEMES:
        return None
    # Spaces and other characters a URL may not hold literally; "%" stays, being an escape.
    return quote(href, safe=":/?#[]@!$&'()*+,;=%~")


def valid_lang(lang: str | None) -> str | None:
    """A BCP 47 looking language tag, or None."""
    return lang if lang and _LANG.match(lang) else None


# Attributes kept as they are when their value passes the check (per element where given).
_CHECKS: dict[str, re.Pattern[str]] = {
    "title": re.compile(r".*", re.DOTALL),
    "alt": re.compile(r".*", re.DOTALL),
    "rel": re.compile(r"[\w -]*"),
    "class": re.compile(r"[\w -]+"),
    "colspan": _POSITIVE,
    "rowspan": _POSITIVE,
    "lang": _LANG,
}
_ELEMENT_CHECKS: dict[tuple[str, str], re.Pattern[str]] = {
    ("ol", "start"): re.compile(r"-?\d{1,9}"),
    ("time", "datetime"): _DATETIME,
}


def _attributes(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for name, raw in attrs:
        value = clean_text(raw or "")
        check = _ELEMENT_CHECKS.get((tag, name)) or _CHECKS.get(name)
        if name == "href" and tag == "a":
            href = safe_href(value)
            if href:
                kept.append(("href", href))
        elif name == "dir" and value.casefold() in ("ltr", "rtl", "auto"):
            kept.append(("dir", value.casefold()))
        elif name == "align" and tag in ("td", "th") and value.casefold() in _ALIGN:
            # ``align`` is obsolete in HTML5; the same thing said in CSS.
            kept.append(("style", f"text-align: {value.casefold()}"))
        elif check is not None and check.fullmatch(value):
            kept.append((name, value))
    if tag == "a" and not any(n == "href" for n, _ in kept):
        # rel is only allowed on a link that goes somewhere.
        kept = [(n, v) for n, v in kept if n != "rel"]
    return kept


class _Polyglot(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        tag = RENAMED.get(tag, tag)
        rendered = "".join(f' {n}="{escape(v, quote=True)}"' for n, v in _attributes(tag, attrs))
        if tag in VOID:
            self.out.append(f"<{tag}{rendered} />")
        elif closed:
            self.out.append(f"<{tag}{rendered}></{tag}>")
        else:
            self.out.append(f"<{tag}{rendered}>")
            self.stack.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        tag = RENAMED.get(tag, tag)
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(clean_text(data), quote=False))

    def close(self) -> None:
        super().close()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")


def polyglot(fragment: str) -> str:
    """A sanitized HTML fragment as markup both an HTML5 parser and an XML parser accept."""
    parser = _Polyglot()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
