"""An independent check for the hostile-content tests: what in HTML could run, load or submit
something. Written apart from ``reader.render.sanitize`` on purpose, so the two can disagree."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown2

# The only elements a body may hold (Folio's documented allow-list, written out again here).
BODY_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
        "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "bdi",
        "bdo",
    }
)  # fmt: skip
PAGE_TAGS = frozenset({"html", "head", "meta", "title", "style", "body"})
BAD_ATTRS = frozenset(
    {"style", "srcset", "formaction", "action", "background", "xlink:href", "srcdoc", "dynsrc"}
)
URL_ATTRS = frozenset({"href", "src", "cite", "data", "poster", "lowsrc"})
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _bad_url(value: str) -> bool:
    """Whether a browser would follow ``value`` (entities already decoded, as the parser
    does) with a scheme other than http, https or mailto. As the URL standard says, leading
    spaces and controls are dropped, and tabs and newlines anywhere."""
    compact = _SPACE_OR_CONTROL.sub("", value).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.\-]*):", compact)
    return bool(scheme) and scheme.group(1) not in ("http", "https", "mailto")  # type: ignore[union-attr]


def _remote(value: str) -> bool:
    compact = _SPACE_OR_CONTROL.sub("", value).lower()
    return compact.startswith(("http:", "https:", "//", "ftp:"))


def hostile(markup: str, *, page: bool = False, remote_images: bool = False) -> list[str]:
    """Everything active in ``markup``; empty when it is inert. ``page`` allows the document
    frame Folio writes around a body (one head with a charset and its own style sheet)."""
    found: list[str] = []
    allowed = BODY_TAGS | (PAGE_TAGS if page else frozenset())
    counts = {"style": 0}

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.check(tag, attrs)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.check(tag, attrs)

        def check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            name = tag.lower()
            if name not in allowed:
                found.append(f"element <{name}>")
            if name == "style":
                counts["style"] += 1
            if name == "meta" and any(a[0].lower() != "charset" for a in attrs):
                found.append("meta other than charset")
            for attr, value in attrs:
                low = attr.lower()
                if low.startswith("on") or low in BAD_ATTRS:
                    found.append(f"<{name} {low}>")
                if low in URL_ATTRS and value is not None and _bad_url(value):
                    found.append(f"<{name} {low}={value!r}>")
                if (
                    name == "img"
                    and low == "src"
                    and value
                    and _remote(value)
                    and not remote_images
                ):
                    found.append(f"remote image {value!r}")

    scan = Scan(convert_charrefs=True)
    scan.feed(markup)
    scan.close()
    if counts["style"] > (1 if page else 0):
        found.append("a style element from the content")
    return found


def raw_markdown(body: str) -> str:
    """A body as a Markdown program that renders raw HTML would show it (no sanitizer)."""
    extras = ["fenced-code-blocks", "tables", "strike", "footnotes", "cuddled-lists"]
    return str(markdown2.markdown(body, extras=extras))
