"""Feed files: RSS (0.9x, 1.0/RDF, 2.0), Atom (0.3, 1.0), CDF and JSON Feed.

XML feeds are read by feedparser, which copes with the ill-formed and oddly encoded feeds found
in the wild (it falls back to a forgiving parser and sanitizes entry HTML). Before it sees a
file, the file's DTD is checked: a feed that declares entities that would expand (an "XML
entity bomb", nested or oversized) is refused, never expanded. JSON Feed is plain JSON, read
here. Each entry becomes one article: its content (or summary) converted to Markdown the same
way as any article HTML, its link, author, date, categories as tags, and the feed's title as
the site. An entry with no text but a link is kept as a link whose content can be fetched.
"""

from __future__ import annotations

import calendar
import io
import json
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.domain.text import first_words
from reader.formats import json_text, registry
from reader.formats.encoding import decode_text, detect_encoding
from reader.formats.items import (
    body_from_html,
    body_from_text,
    clean_title,
    language_of,
    markdown_plain,
    plain_text,
    published,
    site_of,
    tag_list,
    text_value,
    web_url,
)
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "feed"
EXTENSIONS = ("rss", "atom", "rdf", "xml", "cdf")
#: Larger than any feed worth reading as articles; refused with a reason instead.
MAX_BYTES = 50 * 1024 * 1024
#: How far into a file its DTD (and so any entity declaration) can be looked for.
PROLOG_SCAN = 1024 * 1024

_ROOT = re.compile(
    r"<(?:rss|RSS)\b|<(?:\w+:)?feed\b[^>]*(?:xmlns|version)|<rdf:RDF\b|<CHANNEL\b|<feed>"
)
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.I)
_ENTITY = re.compile(r"<!ENTITY", re.I)
# An entity declaration Folio accepts: external (never fetched), or a short literal with no
# reference to another entity (one character reference is fine), so nothing can multiply.
_SAFE_ENTITY = re.compile(
    r"""<!ENTITY\s+(?:%\s+)?[^\s%]+\s+(?:
          (?:SYSTEM|PUBLIC)\b[^>]{0,1000}>
        | "(?:&\#\w{1,8};|[^"&%<]{0,64})"\s*>
        | '(?:&\#\w{1,8};|[^'&%<]{0,64})'\s*>
    )""",
    re.I | re.X,
)
_PARAMETER_LITERAL = re.compile(r"<!ENTITY\s+%\s+[^\s%]+\s+[\"']", re.I)
_MAX_ENTITIES = 50
_SUMMARY_CHARS = 500


def _head_text(head: bytes) -> str:
    """The start of a file as text, good enough to look for tags in any common encoding."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or (
        len(head) > 4 and (head[1:4] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00")
    ):
        big = head.startswith(b"\x00")
        return head[: len(head) // 4 * 4].decode("utf-32-be" if big else "utf-32-le", "ignore")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(head) > 2 and (head[1:2] == b"\x00" or head[:1] == b"\x00")
    ):
        big = head.startswith((b"\xfe\xff", b"\x00"))
        return head[: len(head) // 2 * 2].decode("utf-16-be" if big else "utf-16-le", "ignore")
    return head.decode("latin-1")


def sniff(head: bytes, name: str) -> int:
    text = _head_text(head)
    if _JSON_FEED.search(text[:4096]) and text.lstrip("\ufeff \t\r\n").startswith("{"):
        return registry.CERTAIN
    if _ROOT.search(text):
        return registry.CERTAIN
    if registry.extension_of(name) in EXTENSIONS:
        return registry.EXTENSION
    return registry.NO


# ============================================================================ safety


def check_entities(data: bytes) -> None:
    """Refuse a document whose DTD declares entities that could expand without bound."""
    text = _head_text(data[:PROLOG_SCAN])
    root = re.search(r"<[A-Za-z_]", text)
    prolog = text[: root.start()] if root else text
    found = [m.start() for m in _ENTITY.finditer(prolog)]
    if not found:
        return
    if len(found) > _MAX_ENTITIES:
        raise ImportFormatError(
            f"the file declares {len(found)} XML entities; refused (an entity bomb?)"
        )
    for at in found:
        if _PARAMETER_LITERAL.match(prolog, at) or not _SAFE_ENTITY.match(prolog, at):
            raise ImportFormatError(
                "the file declares XML entities that expand into other entities or large "
                "text (an entity bomb); refused, nothing was expanded"
            )


# ============================================================================ XML feeds


def _get(obj: Any, key: str) -> Any:
    try:
        if key in ("updated", "updated_parsed") and isinstance(obj, dict):
            # feedparser answers a missing "updated" with "published" and a warning; the
            # callers ask for "published" themselves.
            return dict.get(obj, key)
        return obj.get(key)
    except (AttributeError, KeyError, IndexError):
        return None


def _struct_time(value: Any) -> datetime | None:
    if isinstance(value, time.struct_time):
        try:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
        except (OverflowError, ValueError, OSError):
            return None
    return None


def _entry_body(entry: Any, base: str | None) -> tuple[str, str | None, bool]:
    """The entry's body as Markdown, its stated language, and whether it came from content
    (rather than the summary)."""
    candidates: list[tuple[Any, bool]] = [(c, True) for c in (_get(entry, "content") or [])]
    summary = _get(entry, "summary_detail")
    if summary is not None:
        candidates.append((summary, False))
    best: tuple[str, str | None, bool] = ("", None, False)
    for detail, is_content in candidates:
        value = _get(detail, "value")
        if not isinstance(value, str) or not value.strip():
            continue
        kind = str(_get(detail, "type") or "text/html")
        where = text_value(_get(detail, "base")) or base
        body = (
            body_from_text(value) if kind == "text/plain" else body_from_html(value, base_url=where)
        )
        if len(body) > len(best[0]):
            best = (body, text_value(_get(detail, "language")), is_content)
    return best


def _image(entry: Any) -> str | None:
    for key in ("media_thumbnail", "media_content"):
        for media in _get(entry, key) or []:
            url = web_url(_get(media, "url"))
            medium = str(_get(media, "medium") or _get(media, "type") or "image")
            if url and "image" in medium:
                return url
    for link in _get(entry, "links") or []:
        if _get(link, "rel") == "enclosure" and str(_get(link, "type") or "").startswith("image/"):
            return web_url(_get(link, "href"))
    image = _get(entry, "image")
    return web_url(_get(image, "href")) if image is not None else None


def _author(entry: Any) -> str | None:
    detail = _get(entry, "author_detail")
    name = text_value(_get(detail, "name")) if detail is not None else None
    if name:
        return name
    author = text_value(_get(entry, "author"))
    if author:
        # RSS puts "email (Name)" in <author>.
        m = re.match(r"^\S+@\S+\s+\((.+)\)$", author)
        return m.group(1) if m else author
    return None


def _xml_entry(entry: Any, feed: Any, n: int) -> ArticleDraft | ImportFormatError:
    where = f"item {n}"
    link = web_url(_get(entry, "link"))
    if link is None:
        for candidate in _get(entry, "links") or []:
            if _get(candidate, "rel") in (None, "alternate"):
                link = web_url(_get(candidate, "href"))
                if link:
                    break
    if link is None:
        link = web_url(_get(entry, "id"))
    body, body_language, from_content = _entry_body(entry, link)
    title = clean_title(_get(entry, "title"))
    if not body and not link:
        return ImportFormatError("the entry has no text and no link", location=where)
    inferred = not title
    if inferred:
        title = first_words(markdown_plain(body), 80) if body else (site_of(link) or "Untitled")
    summary = None
    raw_summary = _get(entry, "summary")
    if from_content and isinstance(raw_summary, str):
        summary = first_words(plain_text(raw_summary), _SUMMARY_CHARS) or None
    when = _struct_time(_get(entry, "published_parsed")) or _struct_time(
        _get(entry, "updated_parsed")
    )
    published_at = (
        published(when.isoformat())
        if when
        else published(_get(entry, "published") or _get(entry, "updated"))
    )
    tags = tag_list([_get(t, "term") or _get(t, "label") for t in _get(entry, "tags") or []])
    feed_language = _get(feed, "language")
    return ArticleDraft(
        title=title,
        title_inferred=inferred,
        body=body,
        url=link,
        author=_author(entry),
        site_name=clean_title(_get(feed, "title")) or site_of(link),
        published_at=published_at,
        language=language_of(body_language or feed_language, body or title),
        summary=summary,
        image_url=_image(entry),
        tags=tags,
        source_format=NAME,
        content_pending=not body,
    )


_DECLARED = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=", re.I)


def _undeclared_to_utf8(data: bytes) -> bytes:
    """A feed that names no encoding and is not UTF-8, re-encoded as UTF-8 after guessing its
    encoding (feedparser would otherwise read it as Windows-1252)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x3c\x00")):
        return data
    if _DECLARED.match(data[:200]):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = detect_encoding(data)
        if encoding.replace("_", "-").casefold() not in ("utf-8", "ascii"):
            return data.decode(encoding, errors="replace").encode("utf-8")
    return data


def _xml_problem(problem: object) -> str:
    """A parser's complaint in a person's words: ``line 6: no element found``."""
    line = getattr(problem, "getLineNumber", None)
    message = getattr(problem, "getMessage", None)
    if callable(line) and callable(message):
        return f"line {line()}: {message()}"
    return str(problem)[:120]


def _parse_xml(data: bytes) -> Iterator[ParsedItem]:
    check_entities(data)
    data = _undeclared_to_utf8(data)
    import feedparser

    # A stream, never a string: feedparser would take a string for a URL or a path to open.
    try:
        result = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    except (ValueError, LookupError, TypeError, IndexError, KeyError) as exc:
        # feedparser's own slips on malformed input ("encoding=\x00..." is a ValueError).
        raise ImportFormatError(f"not a feed Folio can read ({exc})") from exc
    entries = list(result.get("entries") or [])
    if not entries:
        if not result.get("version") and not _ROOT.search(_head_text(data[:65536])):
            problem = result.get("bozo_exception")
            detail = f" ({_xml_problem(problem)})" if problem else ""
            raise ImportFormatError(f"not a feed Folio can read{detail}")
        raise ImportFormatError("the feed has no entries")
    feed = result.get("feed") or {}
    for n, entry in enumerate(entries, 1):
        yield _xml_entry(entry, feed, n)


# ============================================================================ JSON Feed


def _json_item(item: Mapping[str, Any], feed: Mapping[str, Any], n: int) -> ParsedItem:
    where = f"item {n}"
    link = web_url(item.get("url")) or web_url(item.get("external_url"))
    if isinstance(item.get("content_html"), str) and item["content_html"].strip():
        body = body_from_html(item["content_html"], base_url=link)
    else:
        body = body_from_text(item.get("content_text"))
    summary = text_value(item.get("summary"))
    if not body and summary:
        body, summary = body_from_text(summary), None
    if not body and not link:
        return ImportFormatError("the item has no text and no link", location=where)
    title = clean_title(item.get("title"))
    inferred = not title
    if inferred:
        title = first_words(markdown_plain(body), 80) if body else (site_of(link) or "Untitled")
    authors = item.get("authors") or feed.get("authors")
    names: list[str] = []
    if isinstance(authors, list):
        names = [str(a.get("name")) for a in authors if isinstance(a, Mapping) and a.get("name")]
    author_obj = item.get("author") or feed.get("author")
    if not names and isinstance(author_obj, Mapping) and author_obj.get("name"):
        names = [str(author_obj["name"])]
    return ArticleDraft(
        title=title,
        title_inferred=inferred,
        body=body,
        url=link,
        author=", ".join(names) or None,
        site_name=clean_title(feed.get("title")) or site_of(link),
        published_at=published(item.get("date_published") or item.get("date_modified")),
        language=language_of(item.get("language") or feed.get("language"), body or title),
        summary=summary,
        image_url=web_url(item.get("image")) or web_url(item.get("banner_image")),
        tags=tag_list(item.get("tags")),
        source_format=NAME,
        content_pending=not body,
    )


def _parse_json(data: bytes) -> Iterator[ParsedItem]:
    text = decode_text(data, what="a JSON feed", keep_controls=True)
    try:
        doc = json_text.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ImportFormatError(f"not valid JSON ({exc.msg})", location=where) from exc
    if not isinstance(doc, Mapping) or not isinstance(doc.get("items"), list):
        raise ImportFormatError('not a JSON Feed (no "items" list)')
    if not doc["items"]:
        raise ImportFormatError("the feed has no entries")
    for n, item in enumerate(doc["items"], 1):
        if not isinstance(item, Mapping):
            yield ImportFormatError("the item is not an object", location=f"item {n}")
            continue
        yield _json_item(item, doc, n)


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    if not data.strip():
        raise ImportFormatError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"the feed is {len(data) / 1048576:.0f} MB; Folio reads feeds of up to "
            f"{MAX_BYTES // 1048576} MB"
        )
    head = _head_text(data[:4096]).lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        yield from _parse_json(data)
    else:
        yield from _parse_xml(data)


FORMAT = ImportFormat(
    name=NAME,
    label="RSS / Atom / JSON Feed",
    extensions=EXTENSIONS,
    sniff=sniff,
    parse=parse,
)
