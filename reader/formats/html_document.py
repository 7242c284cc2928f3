"""A saved web page's bytes made into a parsed document: encoding, size caps, base URL.

Browsers save a page with the bytes the server sent, so its encoding is whatever the site
used: a byte-order mark, a ``<meta charset>`` (or the older ``http-equiv`` form), or nothing
at all. Bytes that are valid UTF-8 are taken as UTF-8 even when the page declares something
else (saved pages are often re-encoded without the declaration being touched); otherwise the
declaration wins, and detection has the last word.

Pages can be huge (inline scripts, data URIs, endless comment threads). Scripts and style
sheets are cut before parsing, keeping the JSON-LD blocks that describe the article, and what
is left is capped so a pathological page cannot hang an import.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from reader.domain.errors import ImportFormatError
from reader.formats.encoding import decode_text, detect_encoding

#: Pages larger than this are refused outright: no article is that big.
MAX_BYTES = 64 * 1024 * 1024
#: At most this many characters of markup (after scripts and styles are cut) are parsed.
MAX_PARSED_CHARS = 4 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
# The labels the HTML standard maps to a wider encoding than their name says.
_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
# Encodings whose bytes look like plain ASCII: a page declaring one is never "valid UTF-8".
_SEVEN_BIT = ("iso-2022", "utf-7", "hz")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Text outside any script: cut wholesale before parsing. JSON-LD is kept.
_CUT_START = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
_CLOSE = {tag: re.compile(rf"</{tag}", re.IGNORECASE) for tag in ("script", "style")}
_JSON_LD = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)
# "saved from url=(0042)https://..." (Internet Explorer, Chrome) and SingleFile's note.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_SINGLE_FILE = re.compile(r"<!--\s*Page saved with SingleFile\s*\n?\s*url:\s*(\S+)", re.IGNORECASE)


@dataclass(slots=True)
class Document:
    """A parsed page: its root element, the URL it was saved from, and the base for links."""

    root: Any
    #: The page's own address, from the way it was saved ("saved from url"), if known.
    saved_from: str | None
    #: Where relative links point: ``<base href>``, else the page's address (set later by the
    #: metadata, which knows the canonical URL).
    base_url: str | None
    #: Whether the markup had to be cut to fit ``MAX_PARSED_CHARS``.
    truncated: bool = False
    #: The markup that was parsed (scripts and styles cut), for a second opinion.
    markup: str = ""

    def resolve(self, url: str | None) -> str | None:
        """``url`` made absolute against the base; None for empty or unusable values."""
        if not url:
            return None
        url = url.strip()
        if not url or url.startswith("#"):
            return None
        if self.base_url:
            try:
                return urljoin(self.base_url, url)
            except ValueError:
                return None
        return url


def _normal_label(label: str) -> str | None:
    name = _LABELS.get(label.strip().casefold(), label.strip().casefold())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first bytes (meta charset or XML declaration)."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return _normal_label(m.group(1).decode("ascii", "replace"))


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A page cut in the middle of a multi-byte character is still UTF-8.
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def url_scheme(url: str) -> str:
    """The scheme of an address, "" when there is none or it cannot be parsed (a page can hold
    anything: "http://[abc" makes ``urlsplit`` raise)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def decode_page(data: bytes) -> str:
    """The text of a saved page's bytes; ImportFormatError for empty or binary data."""
    # The verdict on empty and binary input is the text importers' own, on a sample.
    decode_text(data[:16384], what="a web page")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    declared = declared_encoding(data)
    if declared and declared.startswith(_SEVEN_BIT):
        encoding = declared
    elif _valid_utf8(data):
        encoding = "utf-8"
    elif declared and declared not in ("utf-8", "utf-16", "utf-32"):
        encoding = declared
    else:
        encoding = detect_encoding(data)
    return data.decode(encoding, errors="replace")


def _cut_scripts(markup: str) -> str:
    """``markup`` without the contents of its scripts and style sheets (JSON-LD kept).

    A plain scan rather than one regular expression, so an unclosed ``<script`` cannot make
    the cut quadratic: an unclosed one ends the page.
    """
    out: list[str] = []
    pos = 0
    while True:
        m = _CUT_START.search(markup, pos)
        if m is None:
            out.append(markup[pos:])
            break
        tag = m.group(1).lower()
        close = _CLOSE[tag].search(markup, m.end())
        end = close.start() if close else len(markup)
        out.append(markup[pos : m.end()])
        if tag == "script" and _JSON_LD.search(m.group(2)):
            out.append(markup[m.end() : end])
        pos = end
        if close is None:
            break
    return "".join(out)


def saved_from(markup: str) -> str | None:
    """The address a browser or SingleFile recorded when it saved the page."""
    head = markup[:4096]
    m = _SAVED_FROM.search(head) or _SINGLE_FILE.search(head)
    if not m:
        return None
    url = m.group(1)
    return url if url_scheme(url) in ("http", "https") else None


def parse_page(data: bytes) -> Document:
    """The parsed document of a saved page; ImportFormatError for what is not one."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"the page is too large ({len(data) / 1_048_576:.0f} MB; "
            f"the limit is {MAX_BYTES // 1_048_576} MB)"
        )
    markup = decode_page(data)
    origin = saved_from(markup)
    # lxml refuses text that XML could not hold (control characters, lone surrogates).
    markup = _NOT_XML_CHARS.sub("", _XML_DECLARATION.sub("", markup, count=1))
    markup = _cut_scripts(markup)
    truncated = len(markup) > MAX_PARSED_CHARS
    if truncated:
        markup = markup[:MAX_PARSED_CHARS]
    if not markup.strip():
        raise ImportFormatError("the page is empty")
    # Plain lxml elements (not lxml.html's classes): the article search walks every node
    # several times, and the plain proxies are much cheaper.
    parser = etree.HTMLParser(remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(markup, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ImportFormatError(f"not a readable web page ({exc})") from None
    if root is None or root.find("body") is None:
        raise ImportFormatError("not a readable web page (no body)")
    return Document(
        root=root, saved_from=origin, base_url=origin, truncated=truncated, markup=markup
    )
