"""The allow-list that keeps imported content inert, applied twice: before storing and before
rendering.

``clean_html`` is nh3 (an HTML5 parser with an allow-list): importers that take HTML run it
before turning the HTML into Markdown, and the renderer runs it on every body it shows.

``defuse_markdown`` makes a Markdown body safe to store, so that it stays inert even in a
Markdown program that renders raw HTML (Folio's Markdown export is read by such programs).
Markdown may legitimately hold HTML, so it is not escaped wholesale: tags on the allow-list are
rebuilt with only allowed attributes and safe links; every other ``<`` that could open markup
(a script, an event handler in an odd spelling, a comment trick) becomes ``&lt;``, so it is
shown as the text it is rather than dropped; links and images whose address is
``javascript:``, ``data:`` or any scheme but http, https and mailto keep only their text.
Code spans and fenced code blocks are left exactly as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "bdi", "bdo",
}  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "bdo": {"dir"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "time": {"datetime"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# No "cite" on quotes: nh3 does not check its scheme, and the reader never follows it.
#: Attributes whose value is an address (checked against URL_SCHEMES).
URL_ATTRIBUTES = {"href", "src", "cite"}


def clean_html(fragment: str) -> str:
    """Keep only the allow-listed markup of an HTML fragment (scripts, styles, frames, forms,
    event handlers and unsafe links go; their text, where it is text, stays)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# --------------------------------------------------------------------------- addresses
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore these inside a scheme ("java\tscript:"), so the check must too.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(value: str | None) -> bool:
    """Whether an address is harmless to link to: http, https, mailto, or no scheme at all
    (a relative link or a fragment), after decoding entities as a browser would."""
    if value is None:
        return True
    decoded = html.unescape(html.unescape(value))
    compact = _IGNORED_IN_URL.sub("", decoded)
    m = _SCHEME.match(compact)
    if m is None:
        # A colon before any slash that is not a valid scheme ("java%73cript:"): a browser
        # reads it as a relative address, but nothing good needs it, so it goes too.
        head = compact.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return ":" not in head
    return m.group(1).lower() in URL_SCHEMES


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) address, else None (for fields such as image_url)."""
    if not value:
        return None
    compact = _IGNORED_IN_URL.sub("", html.unescape(value.strip()))
    return value.strip() if re.match(r"(?i)^https?://", compact) else None


# --------------------------------------------------------------------------- Markdown
# Fenced code as markdown2 knows it: backticks only (it renders "~~~" blocks as text).
_FENCE = re.compile(r"^[ \t]*(`{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_ATTR = r"""\s+[A-Za-z_:][A-Za-z0-9_.:\-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9\-]*)((?:{_ATTR})*)\s*(/?)>")
_ONE_ATTR = re.compile(
    r"""\s+([A-Za-z_:][A-Za-z0-9_.:\-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_EMAIL_AUTOLINK = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9.\-]+>")
# Could open markup in an HTML parser: "<" then a letter, "/", "!" or "?".
_MARKUP_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
# [text](destination "title") and ![alt](destination), the destination possibly in <...>.
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"""((?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?)\s*\)"""
)
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^<>\n]*>|\S+)(.*)$", re.M)


def _rebuild_tag(m: re.Match[str]) -> str:
    closing, name, attrs, self_closing = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
    if name not in ALLOWED_TAGS:
        return html.escape(m.group(0), quote=False)
    if closing:
        return f"</{name}>"
    allowed = ALLOWED_ATTRIBUTES.get(name, set()) | ALLOWED_ATTRIBUTES["*"]
    kept: list[str] = []
    for a in _ONE_ATTR.finditer(attrs):
        attr = a.group(1).lower()
        value = next((g for g in a.group(2, 3, 4) if g is not None), None)
        if attr not in allowed:
            continue
        if value is None:
            kept.append(attr)
            continue
        text = html.unescape(value)
        if attr in URL_ATTRIBUTES and not safe_url(text):
            continue
        kept.append(f'{attr}="{html.escape(text, quote=True)}"')
    inner = "".join(f" {k}" for k in kept)
    return f"<{name}{inner}{' /' if self_closing else ''}>"


def _defuse_links(text: str) -> str:
    def inline(m: re.Match[str]) -> str:
        bang, label, dest = m.group(1), m.group(2), m.group(3)
        target = dest[1:-1] if dest.startswith("<") else dest
        if safe_url(target):
            return m.group(0)
        return label if bang or label else ""

    def reference(m: re.Match[str]) -> str:
        dest = m.group(2)
        target = dest[1:-1] if dest.startswith("<") else dest
        return m.group(0) if safe_url(target) else f"{m.group(1)}#"

    return _REFERENCE.sub(reference, _INLINE_LINK.sub(inline, text))


def _defuse_text(text: str) -> str:
    """Defuse one stretch of Markdown that holds no code."""
    text = _defuse_links(text)
    out: list[str] = []
    pos = 0
    for m in _MARKUP_OPEN.finditer(text):
        start = m.start()
        if start < pos:
            continue
        out.append(text[pos:start])
        backslashes = len(text[:start]) - len(text[:start].rstrip("\\"))
        if backslashes % 2:
            out.append("<")  # "\<" is a literal "<" in Markdown
            pos = start + 1
            continue
        rest = text[start:]
        comment = _COMMENT.match(rest)
        if comment:
            pos = start + comment.end()  # hidden text: an HTML comment shows nothing anyway
            continue
        tag = _TAG.match(rest)
        if tag:
            out.append(_rebuild_tag(tag))
            pos = start + tag.end()
            continue
        out.append("&lt;")
        pos = start + 1
    out.append(text[pos:])
    joined = "".join(out)

    def autolink(m: re.Match[str]) -> str:
        return m.group(0) if safe_url(m.group(1)) else html.escape(m.group(0), quote=False)

    # Autolinks were escaped above when they look like markup ("<javascript:...>" opens with a
    # letter), so only the safe ones need putting back.
    return _AUTOLINK.sub(autolink, _restore_autolinks(joined))


def _restore_autolinks(text: str) -> str:
    def back(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _EMAIL_AUTOLINK.fullmatch(f"<{inner}>"):
            return f"<{inner}>"
        scheme = _SCHEME.match(inner)
        if scheme and scheme.group(1).lower() in URL_SCHEMES and safe_url(inner):
            return f"<{inner}>"
        return m.group(0)

    return re.sub(r"&lt;([^\s<>&]+(?:&amp;[^\s<>&]*)*)>", back, text)


def defuse_markdown(markdown: str) -> str:
    """A Markdown body that no renderer turns into active content (see the module notes).

    The result is checked by rendering it with markdown2 as it is (raw HTML allowed): where a
    trick of the Markdown syntax would still give active content, every ``<`` that could open
    markup is escaped instead, code included.
    """
    if not markdown or ("<" not in markdown and "](" not in markdown and "]:" not in markdown):
        return markdown
    defused = _defuse_keeping_code(markdown)
    if not active_content(_render_raw(defused)):
        return defused
    return _defuse_links(_escape_markup(markdown))


def _render_raw(markdown: str) -> str:
    from reader.render.html import render_markdown

    return render_markdown(markdown)


def _escape_markup(text: str) -> str:
    """Every "<" that could open markup, anywhere, as "&lt;" (the last resort)."""
    return _MARKUP_OPEN.sub("&lt;", text)


def _defuse_keeping_code(markdown: str) -> str:
    return _outside(_FENCE, markdown, _defuse_spans)


def _defuse_spans(text: str) -> str:
    return _outside(_CODE_SPAN, text, _defuse_text)


def _outside(pattern: re.Pattern[str], text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied between ``pattern``'s matches (kept as they are)."""
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        out.append(change(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(text[pos:]))
    return "".join(out)


# --------------------------------------------------------------------------- checking
#: Elements that are active, load something, or take input, whatever their attributes.
ACTIVE_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
        "input", "button", "select", "textarea", "option", "meta", "link", "base", "svg", "math",
        "template", "noscript", "video", "audio", "source", "track", "portal", "param", "xmp",
        "plaintext", "listing", "noembed", "noframes", "image", "isindex", "keygen", "marquee",
        "dialog", "slot", "canvas", "picture", "xml", "import", "bgsound",
    }
)  # fmt: skip


# What lets a style attribute load or run something (markdown2's own table alignment,
# "text-align:right;", has none of it).
_RISKY_CSS = ("url(", "expression", "import", "behavior", "binding", "javascript", "\\", "/*",
              "image")  # fmt: skip


def _risky_style(value: str) -> bool:
    compact = "".join(value.lower().split())
    return any(word in compact for word in _RISKY_CSS)


URL_LIKE = frozenset({"href", "src", "cite", "background", "poster", "data", "xlink:href"})


def active_content(markup: str) -> list[str]:
    """What in an HTML fragment could run, load or submit something when a browser renders
    it: active elements, event handlers, style attributes, non-web addresses. Empty if none.

    Remote images and links are not active (the reader shows images as placeholders)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self._check(tag, attrs)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self._check(tag, attrs)

        def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag.lower() in ACTIVE_TAGS or ":" in tag:
                found.append(f"<{tag}>")
            for name, value in attrs:
                low = name.lower()
                if low.startswith("on") or low in ("srcset", "formaction", "action"):
                    found.append(f"<{tag} {low}>")
                elif low == "style" and _risky_style(value or ""):
                    found.append(f"<{tag} style={value!r}>")
                elif low in URL_LIKE and not safe_url(value or ""):
                    found.append(f"<{tag} {low}={value!r}>")

        def handle_decl(self, decl: str) -> None:
            pass

    scanner = Scan(convert_charrefs=True)
    try:
        scanner.feed(markup)
        scanner.close()
    except AssertionError:
        # Python's parser gives up on some malformed "<![" sections: not provably inert.
        found.append("markup the checker cannot read")
    return found
