"""Folio JSON and JSON Lines: Folio's own lossless format, read back exactly as written."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.encoding import decode_text
from reader.formats.folio_schema import FORMAT_VERSION, draft_from_dict
from reader.formats.registry import ImportFormat, ParsedItem

#: Python's JSON reader recurses once per level of nesting; a hostile file can nest deeper.
TOO_DEEP = "the JSON is nested too deeply to be an export"
_FOLIO_KEY = re.compile(rb'^\s*\{\s*"folio"\s*:', re.DOTALL)
# A JSON Lines file whose lines are article objects: the first line names Folio's keys.
_JSONL_ARTICLE = re.compile(rb'^\s*\{[^\n]*"(?:body|title_inferred|highlights)"\s*:')
# Folio's own JSON Lines export, whatever the file is now called: its lines start with an
# article's first two keys in the order the format fixes (a long title may fill the head).
_FOLIO_LINE = re.compile(rb'^\s*\{"id":\s*"[^"\n]*",\s*"title":\s*"')


def sniff(head: bytes, name: str) -> int:
    head = head.lstrip(b"\xef\xbb\xbf")
    if _FOLIO_KEY.match(head):
        return registry.CERTAIN
    ext = registry.extension_of(name)
    if ext in ("jsonl", "ndjson") and (_JSONL_ARTICLE.match(head) or b'"folio"' in head[:200]):
        return registry.CONTENT
    if b'"folio"' in head[:4096] and head.lstrip().startswith(b"{"):
        return registry.CONTENT
    if _FOLIO_LINE.match(head):
        return registry.CONTENT
    return registry.NO


def _from_document(doc: object) -> Iterator[ParsedItem]:
    if not isinstance(doc, dict) or "folio" not in doc:
        raise ImportFormatError('not a Folio export (no "folio" key)')
    version = doc.get("folio")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"this file is Folio format {version!r}; this Folio reads up to {FORMAT_VERSION}"
        )
    articles = doc.get("articles")
    if not isinstance(articles, list):
        raise ImportFormatError('"articles" must be a list')
    for n, obj in enumerate(articles, 1):
        try:
            yield draft_from_dict(obj)
        except ImportFormatError as exc:
            yield ImportFormatError(exc.reason, location=f"article {n}")


def _from_lines(text: str) -> Iterator[ParsedItem]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ImportFormatError(f"not valid JSON ({exc.msg})", location=f"line {n}")
            continue
        except RecursionError:
            yield ImportFormatError(TOO_DEEP, location=f"line {n}")
            continue
        if isinstance(obj, dict) and "folio" in obj and "articles" not in obj and "body" not in obj:
            continue  # a header line
        try:
            yield draft_from_dict(obj)
        except ImportFormatError as exc:
            yield ImportFormatError(exc.reason, location=f"line {n}")


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="JSON", keep_controls=True)
    stripped = text.lstrip()
    is_lines = registry.extension_of(name) in ("jsonl", "ndjson")
    if not is_lines:
        try:
            doc = json.loads(stripped)
        except RecursionError as exc:
            raise ImportFormatError(TOO_DEEP) from exc
        except json.JSONDecodeError as exc:
            first_line_end = stripped.find("\n")
            if first_line_end > 0 and stripped[:first_line_end].rstrip().endswith("}"):
                is_lines = True  # one object per line
            else:
                where = f"line {exc.lineno}, column {exc.colno}"
                raise ImportFormatError(f"not valid JSON ({exc.msg})", location=where) from exc
        else:
            yield from _from_document(doc)
            return
    yield from _from_lines(text)


FORMAT = ImportFormat(
    name="json",
    label="Folio JSON / JSON Lines",
    extensions=("json", "jsonl", "ndjson"),
    sniff=sniff,
    parse=parse,
)
