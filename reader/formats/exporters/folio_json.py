"""Folio JSON: the lossless export (PRODUCT.md), streamed so a large library never sits in
memory as one document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from reader.domain.article import Article
from reader.domain.times import iso_utc, utc_now
from reader.formats.export_options import ExportOptions
from reader.formats.folio_schema import FORMAT_VERSION, article_to_dict
from reader.formats.registry import ExportFormat


def dumps(obj: object) -> bytes:
    """One JSON value as UTF-8 on one line.

    Readable UTF-8, but DEL and the Unicode line and paragraph separators escaped like the
    control characters, so that no raw control byte lands in the file and no tool that splits
    on every Unicode line break cuts a JSON Lines record in two.
    """
    text = json.dumps(obj, ensure_ascii=False)
    text = text.replace("\x7f", "\\u007f").replace("\u2028", "\\u2028")
    return text.replace("\u2029", "\\u2029").replace("\x85", "\\u0085").encode("utf-8")


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    head = {"folio": FORMAT_VERSION, "exported_at": iso_utc(utc_now().replace(microsecond=0))}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8"))
    stream.write(b', "articles": [')
    first = True
    for article in articles:
        stream.write(b"\n  " if first else b",\n  ")
        first = False
        stream.write(dumps(article_to_dict(article)))
    stream.write(b"\n]}\n" if not first else b"]}\n")


FORMAT = ExportFormat(name="json", label="Folio JSON", extension="json", write=write)
