"""The registry of importers and exporters: pick one by name, by extension or by content.

Each importer module exports ``FORMAT = ImportFormat(...)``; each exporter module
``FORMAT = ExportFormat(...)``. Detection asks every importer how sure it is that the bytes are
its format (``sniff``), preferring content over the file's extension, and picks the surest.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reader.domain.article import Article, ArticleDraft
from reader.domain.errors import ImportFormatError

#: What an importer yields: an article, or an item of a many-article file it had to refuse.
ParsedItem = ArticleDraft | ImportFormatError

# How sure a sniffer is. Content beats extension; the default text importer comes last.
NO = 0
FALLBACK = 1
EXTENSION = 10
CONTENT = 50
CERTAIN = 100


@dataclass(frozen=True, slots=True)
class ImportFormat:
    """An importer: its name (``--format``), a label for people, and its two functions.

    ``sniff(head, name)`` sees the first bytes and the file name and says how sure it is;
    ``parse(data, name=...)`` yields drafts, and raises ImportFormatError for a file it cannot
    read at all.
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, str], int]
    parse: Callable[..., Iterator[ParsedItem]]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """An exporter. A single-file format implements ``write(articles, stream)``; a format that
    writes a file per article implements ``files(articles)`` giving (suggested name, bytes)
    pairs; the library makes the names safe and writes each file atomically."""

    name: str
    label: str
    extension: str
    write: Callable[[Iterable[Article], BinaryIO], None] | None = None
    files: Callable[[Iterable[Article]], Iterator[tuple[str, bytes]]] | None = None

    @property
    def multi_file(self) -> bool:
        return self.write is None


_IMPORTER_MODULES: tuple[str, ...] = (
    "folio_json",
    "markdown",
    "plaintext",
    "webpage",
)
_EXPORTER_MODULES: tuple[str, ...] = (
    "folio_json",
    "markdown",
)

_importers: tuple[ImportFormat, ...] | None = None
_exporters: tuple[ExportFormat, ...] | None = None


def importers() -> tuple[ImportFormat, ...]:
    """Every importer, loaded on first use."""
    global _importers
    if _importers is None:
        _importers = tuple(
            importlib.import_module(f"reader.formats.importers.{m}").FORMAT
            for m in _IMPORTER_MODULES
        )
    return _importers


def exporters() -> tuple[ExportFormat, ...]:
    """Every exporter, loaded on first use."""
    global _exporters
    if _exporters is None:
        _exporters = tuple(
            importlib.import_module(f"reader.formats.exporters.{m}").FORMAT
            for m in _EXPORTER_MODULES
        )
    return _exporters


def importer(name: str) -> ImportFormat:
    """The importer called ``name`` (also accepts an extension such as ``txt``)."""
    key = name.casefold().lstrip(".")
    for fmt in importers():
        if fmt.name == key:
            return fmt
    for fmt in importers():
        if key in fmt.extensions:
            return fmt
    known = ", ".join(f.name for f in importers())
    raise ImportFormatError(f"unknown import format {name!r} (known: {known})")


def exporter(name: str) -> ExportFormat:
    key = name.casefold().lstrip(".")
    for fmt in exporters():
        if key in (fmt.name, fmt.extension):
            return fmt
    known = ", ".join(f.name for f in exporters())
    raise ValueError(f"unknown export format {name!r} (known: {known})")


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].casefold() if "." in base else ""


def detect(head: bytes, name: str) -> ImportFormat:
    """The importer surest that ``head`` (the file's first bytes) named ``name`` is its format.

    Raises ImportFormatError when no importer will take the file.
    """
    best: ImportFormat | None = None
    best_score = NO
    for fmt in importers():
        score = fmt.sniff(head, name)
        if score > best_score:
            best, best_score = fmt, score
    if best is None:
        ext = extension_of(name)
        raise ImportFormatError(
            f"no importer reads .{ext} files" if ext else "not a format Folio can import"
        )
    return best
