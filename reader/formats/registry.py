"""The registry of importers and exporters: pick one by name, by extension or by content.

Each importer module exports ``FORMAT = ImportFormat(...)``; each exporter module
``FORMAT = ExportFormat(...)``. Detection asks every importer how sure it is that the bytes are
its format (``sniff``), preferring content over the file's extension, and picks the surest.

Exporters that need more than this layer may use (the PDF exporter draws with Qt, which
``reader.formats`` must not import) are plugins: they are declared under the ``folio.exporters``
entry-point group in pyproject.toml and loaded here on first use, so the library facade reaches
them through the registry without importing Qt itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import BinaryIO

from reader.domain.article import Article, ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats.export_options import ExportOptions, Layout, Namer

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
    #: For a format that arrives as a whole .zip (Omnivore): whether an archive's member names
    #: are its layout, so the archive is handed to ``parse`` whole instead of member by member.
    archive: Callable[[Sequence[str]], bool] | None = None


#: ``write(articles, stream, options)``: every article into one file.
WriteOne = Callable[[Iterable[Article], BinaryIO, ExportOptions], None]
#: ``files(articles, options, namer)``: (path from ``namer``, bytes) for each file to write.
WriteEach = Callable[[Iterable[Article], ExportOptions, Namer], Iterator[tuple[str, bytes]]]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """An exporter. A format that writes one file implements ``write``; a format that writes a
    file per article implements ``files``, asking ``namer`` for each file's path (the library
    makes the names safe and unique and writes each file atomically). A format may do both;
    ``layouts`` lists what it offers, its default first."""

    name: str
    label: str
    extension: str
    write: WriteOne | None = None
    files: WriteEach | None = None
    #: ``files`` can also sort the articles into a folder per tag.
    by_tag: bool = False
    #: The layout used when the user names none (else the first the format offers).
    default_layout: Layout | None = None

    @property
    def multi_file(self) -> bool:
        """Whether the default layout writes a folder rather than a file."""
        return self.layouts[0] is not Layout.ONE_FILE

    @property
    def layouts(self) -> tuple[Layout, ...]:
        offered: list[Layout] = []
        if self.write is not None:
            offered.append(Layout.ONE_FILE)
        if self.files is not None:
            offered.append(Layout.PER_ARTICLE)
            if self.by_tag:
                offered.append(Layout.BY_TAG)
        if self.default_layout in offered:
            offered.remove(self.default_layout)
            offered.insert(0, self.default_layout)
        return tuple(offered)


_IMPORTER_MODULES: tuple[str, ...] = (
    "folio_json",
    "markdown",
    "plaintext",
    "pocket",
    "instapaper",
    "wallabag",
    "omnivore",
    "bookmarks",
    "feed",
    "link_json",
    "webpage",
)
_EXPORTER_MODULES: tuple[str, ...] = (
    "folio_json",
    "jsonl",
    "markdown",
    "html",
    "epub",
    "text",
    "highlights_markdown",
)
#: The entry-point group of exporter plugins (see the module docstring).
EXPORTER_PLUGINS = "folio.exporters"
#: The order in which people are offered the exporters.
_EXPORT_ORDER = ("json", "jsonl", "markdown", "html", "epub", "pdf", "txt", "highlights")

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
    """Every exporter (built in, then the plugins that loaded), loaded on first use."""
    global _exporters
    if _exporters is None:
        found = [
            importlib.import_module(f"reader.formats.exporters.{m}").FORMAT
            for m in _EXPORTER_MODULES
        ]
        found.extend(_load_plugins())
        rank = {name: n for n, name in enumerate(_EXPORT_ORDER)}
        found.sort(key=lambda f: rank.get(f.name, len(rank)))
        _exporters = tuple(found)
    return _exporters


#: Plugins that are declared but could not be loaded, by name, with the reason.
_plugin_errors: dict[str, str] = {}


def _load_plugins() -> list[ExportFormat]:
    loaded: list[ExportFormat] = []
    for point in entry_points(group=EXPORTER_PLUGINS):
        try:
            fmt = point.load()
        except Exception as exc:  # a broken plugin must not take the other formats down
            _plugin_errors[point.name] = f"{type(exc).__name__}: {exc}"
            continue
        if isinstance(fmt, ExportFormat):
            loaded.append(fmt)
        else:
            _plugin_errors[point.name] = f"{point.value} is not an ExportFormat"
    return loaded


def register_exporter(fmt: ExportFormat) -> None:
    """Add (or replace, by name) an exporter at run time."""
    global _exporters
    current = [f for f in exporters() if f.name != fmt.name]
    _exporters = (*current, fmt)


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
    if key in _plugin_errors:
        raise ValueError(f"the {key} exporter could not be loaded ({_plugin_errors[key]})")
    known = ", ".join(f.name for f in exporters())
    raise ValueError(f"unknown export format {name!r} (known: {known})")


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].casefold() if "." in base else ""


def archive_importer(names: Sequence[str]) -> ImportFormat | None:
    """The importer that reads an archive with these member names whole, if one does."""
    for fmt in importers():
        if fmt.archive is not None and fmt.archive(names):
            return fmt
    return None


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
