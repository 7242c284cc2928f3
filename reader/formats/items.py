"""Building articles from the items of read-it-later exports, bookmark files and feeds.

Those formats carry the same few facts in many spellings: a link, a title, tags as a list or a
delimited string, state as booleans, ``"0"``/``"1"`` or words, and times as epoch seconds,
milliseconds or microseconds, or ISO 8601 with or without a zone. These helpers read each fact
the same way for every importer, so a Pocket row and a wallabag entry end up alike.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import unquote, urljoin, urlsplit

from reader.domain.article import ArticleDraft, Highlight
from reader.domain.errors import ImportFormatError
from reader.domain.text import clean_tags, first_words
from reader.domain.times import normalize_published, parse_iso
from reader.formats import json_text
from reader.formats.dates import parse_date
from reader.formats.html_markdown import fragment_to_markdown
from reader.formats.language import detect_language
from reader.formats.markdown_escape import escape_markdown

#: The longest title kept; exports hold the odd page whose "title" is its whole text.
MAX_TITLE = 300
_TRUE = frozenset({"1", "true", "yes", "y", "on", "t"})
# Plausible epoch times: 1995 to 2100, in seconds.
_EPOCH_MIN, _EPOCH_MAX = 788_918_400, 4_102_444_800
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SCHEMES = ("http://", "https://")


_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|td|th|blockquote|ul|ol|table|hr)\b[^>]*>", re.I
)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def plain_text(fragment: str | None) -> str:
    """The text of an HTML fragment (a title, a description) on one line, entities decoded."""
    if not fragment:
        return ""
    if "<" in fragment:
        fragment = _TAG.sub("", _BLOCK_TAG.sub(" ", _HIDDEN.sub(" ", fragment)))
    return " ".join(html.unescape(fragment).split())


def truthy(value: object) -> bool:
    """A state flag in any of the spellings exports use (True, 1, "1", "true", "yes")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().casefold() in _TRUE
    return False


def text_value(value: object) -> str | None:
    """A string field, trimmed; None for missing, empty or non-text values."""
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def epoch_time(value: object) -> datetime | None:
    """An aware UTC time from epoch seconds, milliseconds or microseconds (number or text)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not _NUMBER.match(value):
            return None
        number = float(value)
    elif isinstance(value, (int, float)):
        number = float(value)
    else:
        return None
    # Scale down until the number reads as seconds in a plausible range.
    for _ in range(4):
        if number <= _EPOCH_MAX:
            break
        number /= 1000
    if not _EPOCH_MIN <= number <= _EPOCH_MAX:
        return None
    return datetime.fromtimestamp(number, UTC)


def any_time(value: object) -> datetime | None:
    """An aware UTC time from an epoch number or an ISO 8601 (or similar) text."""
    found = epoch_time(value)
    if found is not None or not isinstance(value, str):
        return found
    text = value.strip()
    if not text:
        return None
    # "2015-09-09 11:10:32 UTC", "2016-09-08T11:55:58+0200"
    text = re.sub(r"\s+UTC$", "+00:00", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    parsed = parse_iso(text)
    if parsed is not None:
        return parsed
    day = parse_date(value)
    return parse_iso(day) if day and "T" in day else None


def published(value: object) -> str | None:
    """``published_at`` (a day, or a UTC time) from whatever an export holds."""
    when = epoch_time(value)
    if when is not None:
        return normalize_published(when)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    at = any_time(text)
    if at is not None:
        return normalize_published(at)
    return normalize_published(text) or parse_date(text)


def tag_list(value: object, *, separators: str = ",") -> tuple[str, ...]:
    """Tags from a list, a JSON array in a string, or a string split on ``separators``."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for item in value:
            if isinstance(item, dict):
                label = item.get("label") or item.get("name") or item.get("slug")
                if isinstance(label, str):
                    names.append(label)
            elif item is not None:
                names.append(str(item))
        return clean_tags(names)
    if not isinstance(value, str):
        return clean_tags(str(value))
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = json_text.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            return tag_list(parsed)
    pattern = "[" + re.escape(separators) + "]"
    return clean_tags(re.split(pattern, text))


def web_url(value: object) -> str | None:
    """An http(s) URL, trimmed; None when ``value`` is not one."""
    text = text_value(value)
    if not text or not text.casefold().startswith(_SCHEMES):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.hostname else None


def site_of(url: str | None) -> str | None:
    """The host of a URL without ``www.`` (what a site list groups by)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.casefold()
    return (host[4:] if host.startswith("www.") else host) or None


def title_from_url(url: str) -> str:
    """A readable stand-in title for a link with none: its last path segment, or its host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments:
        last = re.sub(r"\.(?:html?|php|aspx?)$", "", segments[-1], flags=re.IGNORECASE)
        words = re.sub(r"[-_+]+", " ", last).strip()
        if len(words) >= 4 and not words.isdigit():
            return words[0].upper() + words[1:]
    return site_of(url) or url


def clean_title(value: object) -> str:
    """A title on one line, markup and entities removed, cut to a sensible length."""
    text = value if isinstance(value, str) else ""
    return first_words(plain_text(text), MAX_TITLE)


def body_from_html(fragment: object, *, base_url: str | None = None) -> str:
    """Markdown for article HTML from an export (empty when there is none), its links and
    images made absolute against ``base_url`` (the article's address)."""
    if not isinstance(fragment, str) or not fragment.strip():
        return ""

    def resolve(url: str) -> str | None:
        url = url.strip()
        if not url or url.startswith("#"):
            return None
        if base_url:
            try:
                return urljoin(base_url, url)
            except ValueError:
                return url
        return url

    return fragment_to_markdown(fragment, link_filter=resolve)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(?<!\\)[*_`~]+|^#+\s+|^>\s?|^\s*(?:[-+]|\d+\.)\s+", re.M)
_MD_ESCAPE = re.compile(r"\\(.)")


def markdown_plain(markdown: str) -> str:
    """The words of a Markdown body without its markup, on one line (for inferred titles)."""
    text = _MD_LINK.sub(r"\1", markdown or "")
    text = _MD_MARKS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text).replace("&#61;", "=").replace("&#126;", "~")
    return " ".join(text.split())


def body_from_text(text: object) -> str:
    """Markdown for plain text from an export: paragraphs kept, markup characters escaped."""
    if not isinstance(text, str) or not text.strip():
        return ""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "\n\n".join(escape_markdown(" ".join(p.split())) for p in paragraphs if p.strip())


def language_of(given: object, *texts: str | None) -> str | None:
    """The language an export states (``fr-FR`` kept as it is), else one detected from text."""
    stated = text_value(given)
    if stated and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", stated):
        return stated.replace("_", "-")
    sample = "\n".join(t for t in texts if t)
    return detect_language(sample) if sample.strip() else None


def anchored(body: str, quote: str, width: int = 32) -> tuple[str, str]:
    """The text just before and after ``quote`` in ``body`` (the highlight's anchor), or ("", "")
    when the quote is not found."""
    if not quote or not body:
        return "", ""
    at = body.find(quote)
    if at < 0:
        return "", ""
    before = body[max(0, at - width) : at]
    after = body[at + len(quote) : at + len(quote) + width]
    return before, after


def highlight(
    quote: object,
    *,
    body: str,
    note: object = None,
    created: object = None,
    ident: str,
) -> Highlight | None:
    """A highlight anchored in ``body``; None for an empty quote."""
    text = text_value(quote)
    if not text:
        return None
    text = " ".join(text.split())
    plain = " ".join(body.split())
    prefix, suffix = anchored(plain, text)
    return Highlight(
        id=ident,
        quote=text,
        prefix=prefix,
        suffix=suffix,
        note=text_value(note),
        created_at=any_time(created),
    )


def link_article(
    *,
    url: object,
    title: object,
    source_format: str,
    tags: Iterable[str] = (),
    read: bool = False,
    starred: bool = False,
    archived: bool = False,
    added_at: datetime | None = None,
    summary: str | None = None,
    location: str | None = None,
) -> ArticleDraft | ImportFormatError:
    """A link-only article (content still to fetch), or the item's error when it has no link."""
    link = web_url(url)
    if link is None:
        shown = text_value(url)
        reason = f"not a web link: {shown[:80]!r}" if shown else "the item has no link"
        return ImportFormatError(reason, location=location)
    name = clean_title(title)
    inferred = not name
    if inferred:
        name = title_from_url(link)
    return ArticleDraft(
        title=name,
        title_inferred=inferred,
        url=link,
        site_name=site_of(link),
        tags=clean_tags(list(tags)),
        read=read or archived,
        starred=starred,
        archived=archived,
        added_at=added_at,
        summary=summary or None,
        language=language_of(None, None if inferred else name, summary),
        source_format=source_format,
        content_pending=True,
    )


def csv_records(
    rows: Iterator[list[str]], header: list[str]
) -> Iterator[tuple[str, dict[str, str]] | ImportFormatError]:
    """The non-blank rows of a ``csv.reader`` as (``"line N"``, cells by header name); a row
    the csv module cannot read becomes an error for its line, and reading goes on."""
    line_of = getattr(rows, "line_num", 0)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            line_of = getattr(rows, "line_num", line_of)
            yield ImportFormatError(f"not valid CSV ({exc})", location=f"line {line_of}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: row[i] if i < len(row) else "" for i, name in enumerate(header)}
        yield f"line {getattr(rows, 'line_num', 0)}", cells
