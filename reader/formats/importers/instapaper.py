"""Instapaper's CSV export: ``URL,Title,Selection,Folder[,Timestamp[,Tags]]``.

Older exports stop after Folder; newer ones add the time the link was saved (epoch seconds)
and a Tags cell holding a JSON array (``["a","b"]``). The folder ``Archive`` means archived,
``Starred`` starred, ``Unread`` nothing, and any other folder is a name the user gave, kept as
a tag. ``Selection`` is the text the user selected when saving, kept as the summary.

This module also answers for other ``.csv`` files, so a CSV that is neither Instapaper's nor
Pocket's gets a clear reason instead of being read as prose.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.encoding import decode_text
from reader.formats.items import csv_records, epoch_time, link_article, tag_list, text_value
from reader.formats.registry import ImportFormat, ParsedItem

NAME = "instapaper"
_HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?\s*URL,Title,Selection,Folder\b", re.I)
_PLAIN_FOLDERS = frozenset({"unread", "home", ""})
csv.field_size_limit(10 * 1024 * 1024)


def sniff(head: bytes, name: str) -> int:
    if _HEADER.match(head):
        return registry.CERTAIN
    if registry.extension_of(name) == "csv":
        return registry.EXTENSION
    return registry.NO


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="a CSV export")
    rows = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip().casefold() for h in next(rows)]
    except (StopIteration, csv.Error) as exc:
        raise ImportFormatError("the CSV has no header row") from exc
    if not {"url", "title", "folder"} <= set(header):
        shown = ",".join(header)[:80]
        raise ImportFormatError(
            f"a CSV file, but not an Instapaper or Pocket export (its header is {shown!r})"
        )
    for record in csv_records(rows, header):
        if isinstance(record, ImportFormatError):
            yield record
            continue
        where, cells = record
        folder = cells.get("folder", "").strip()
        key = folder.casefold()
        tags = list(tag_list(cells.get("tags", "")))
        if key not in _PLAIN_FOLDERS and key not in ("archive", "starred"):
            tags.append(folder)
        yield link_article(
            url=cells.get("url", ""),
            title=cells.get("title", ""),
            source_format=NAME,
            tags=tags,
            archived=key == "archive",
            starred=key == "starred",
            added_at=epoch_time(cells.get("timestamp", "")),
            summary=text_value(cells.get("selection", "")),
            location=where,
        )


FORMAT = ImportFormat(
    name=NAME,
    label="Instapaper CSV export",
    extensions=("csv",),
    sniff=sniff,
    parse=parse,
)
