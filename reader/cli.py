"""The ``folio`` command line (``python main.py`` is the same program).

With no command it launches the desktop app; the GUI is imported only then. Errors are one
line on stderr and an exit status: 0 all went well, 1 some inputs failed (or the command did),
2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from reader import __version__
from reader.domain.errors import ArticleNotFoundError, FolioError, LibraryOpenError, StorageProblem
from reader.domain.query import ListQuery, SortKey
from reader.formats import registry
from reader.library import ExportOptions, Layout, Library
from reader.paths import default_library

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

EXPORT_FORMATS = ("json", "jsonl", "markdown", "html", "epub", "pdf", "txt", "highlights")


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and status 2."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"folio: {message} (see 'folio --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="folio", description="Folio: read, fix and keep articles.")
    p.add_argument("--version", action="version", version=f"Folio {__version__}")
    p.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help="the library file (default: $FOLIO_DB, else the platform data folder)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    imp = sub.add_parser("import", help="import files, folders or archives")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--format", metavar="FMT", help="read every input as this format")
    imp.add_argument("--tag", action="append", default=[], metavar="T", help="tag every article")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")

    exp = sub.add_parser("export", help="export articles")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--output", required=True, type=Path, metavar="PATH")
    exp.add_argument("--query", metavar="Q", help="export the results of this search")
    exp.add_argument("--ids", metavar="ID,...", help="export these articles")
    exp.add_argument(
        "--layout",
        choices=[layout.value for layout in Layout],
        help="one file, a file per article, or a folder per tag (Markdown); "
        "default: what the format and PATH suggest",
    )
    exp.add_argument("--title", metavar="TEXT", help="the title of an EPUB, PDF or HTML digest")
    exp.add_argument(
        "--revisions",
        action="store_true",
        help="include each article's saved revisions (json, jsonl)",
    )

    lst = sub.add_parser("list", help="list articles")
    lst.add_argument("--query", default="", metavar="Q")
    lst.add_argument("--limit", type=int, default=None, metavar="N")
    lst.add_argument("--json", action="store_true")

    sea = sub.add_parser("search", help="search articles")
    sea.add_argument("query", metavar="QUERY", nargs="?")
    # A query that starts with "-" arrives here (see _queries_as_values).
    sea.add_argument("--query", dest="query_option", help=argparse.SUPPRESS)
    sea.add_argument("--limit", type=int, default=20, metavar="N")
    sea.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="print one article")
    show.add_argument("id", metavar="ID")
    show.add_argument("--format", choices=("markdown", "html", "json"), default="markdown")

    fetch = sub.add_parser("fetch", help="download the content of saved links")
    fetch.add_argument(
        "ids", nargs="*", metavar="ID", help="articles to fetch (default: every saved link)"
    )

    sub.add_parser("formats", help="list the importers and exporters")

    bak = sub.add_parser("backup", help="back the library up now, or list its backups")
    bak.add_argument(
        "--output", type=Path, metavar="PATH", help="write the backup here (a file or a folder)"
    )
    bak.add_argument("--list", action="store_true", help="list the library's backups")

    res = sub.add_parser("restore", help="replace the library with one of its backups")
    res.add_argument("backup", type=Path, metavar="BACKUP")
    return p


def _print_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _cmd_import(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    try:
        report, _ = lib.import_paths(args.paths, format=args.format, tags=args.tag)
    except FolioError as exc:
        print(f"folio: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        _print_json(report.to_json(), out)
    else:
        out.write(report.to_text() + "\n")
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_export(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else None
    if ids:
        missing = set(ids) - set(lib.keys_of(ids))
        if missing:
            print(f"folio: no article with id {sorted(missing)[0]}", file=sys.stderr)
            return EXIT_FAILED
    options = ExportOptions(
        layout=Layout(args.layout) if args.layout else None,
        title=args.title or None,
        revisions=args.revisions,
    )
    result = lib.export(args.format, args.output, ids=ids, query=args.query, options=options)
    noun = "article" if result.articles == 1 else "articles"
    where = result.files[0] if len(result.files) == 1 else str(args.output)
    out.write(f"exported {result.articles} {noun} to {where}\n")
    return EXIT_OK


def _result_row(s: Any, snippet: str = "", score: float = 0.0) -> dict[str, object]:
    return {
        "id": s.id,
        "title": s.title,
        "author": s.author,
        "published_at": s.published_at,
        "snippet": snippet,
        "score": score,
    }


def _cmd_list(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    query = ListQuery(search=args.query or "", sort=SortKey.ADDED, descending=True)
    rows = lib.list_rows(query, limit=args.limit)
    if args.json:
        keys = lib.keys_of([r.id for r in rows]) if args.query else {}
        snips = lib.snippets(list(keys.values()), args.query) if keys else {}
        _print_json(
            {
                "total": len(rows),
                "results": [_result_row(r, snips.get(keys.get(r.id, -1), "")) for r in rows],
            },
            out,
        )
        return EXIT_OK
    for r in rows:
        flags = ("●" if not r.read else " ") + ("★" if r.starred else " ")
        date = (r.published_at or "")[:10] or f"{r.added_at:%Y-%m-%d}"
        byline = f" — {r.author}" if r.author else ""
        out.write(f"{r.id}  {flags} {date:10}  {r.title}{byline}\n")
    return EXIT_OK


def _cmd_search(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    query = args.query_option if args.query_option is not None else args.query
    if query is None:
        print("folio: search needs a QUERY (see 'folio search --help')", file=sys.stderr)
        return EXIT_USAGE
    results = lib.search(query, limit=max(1, args.limit))
    if args.json:
        _print_json(
            {
                "total": results.total,
                "results": [
                    {
                        "id": h.id,
                        "title": h.title,
                        "author": h.author,
                        "published_at": h.published_at,
                        "snippet": h.snippet,
                        "score": h.score,
                    }
                    for h in results.hits
                ],
            },
            out,
        )
        return EXIT_OK
    for h in results.hits:
        byline = f" — {h.author}" if h.author else ""
        out.write(f"{h.id}  {h.title}{byline}\n")
        if h.snippet:
            out.write(f"    {' '.join(h.snippet.split())}\n")
    shown = len(results.hits)
    out.write(f"{results.total} match{'es' if results.total != 1 else ''}")
    out.write(f" (showing {shown})\n" if shown < results.total else "\n")
    return EXIT_OK


def _cmd_show(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    article = lib.get(args.id)
    if args.format == "json":
        from reader.formats.folio_schema import article_to_dict

        _print_json(article_to_dict(article), out)
    elif args.format == "html":
        from reader.render.html import article_page

        out.write(article_page(article))
    else:
        from reader.formats.exporters.markdown import render

        out.write(render(article))
    return EXIT_OK


def _cmd_backup(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.list:
        found = lib.backups(count=True)
        if not found:
            out.write(f"no backups of {lib.path} yet\n")
        for b in found:
            out.write(f"{b.path}  {b.label}\n")
        return EXIT_OK
    info = lib.backup(args.output)
    out.write(f"backed up {lib.path} to {info.path}\n")
    return EXIT_OK


def _cmd_restore(db: Path, args: argparse.Namespace, out: TextIO) -> int:
    safety, moved = Library.restore_file(args.backup, db)
    out.write(f"restored {db} from {args.backup}\n")
    if safety is not None:
        out.write(f"the library as it was is backed up in {safety.path}\n")
    if moved is not None:
        out.write(f"the damaged library was moved to {moved}\n")
    return EXIT_OK


#: Commands that only read the library: a library that cannot be written opens read-only.
READING_COMMANDS = frozenset({"export", "list", "search", "show", "backup"})


def _open(db: Path, command: str) -> Library:
    try:
        return Library.open(db, daily_backup=command != "backup")
    except LibraryOpenError as exc:
        if command not in READING_COMMANDS or exc.problem not in (
            StorageProblem.READ_ONLY,
            StorageProblem.DISK_FULL,
        ):
            raise
        lib = Library.open(db, read_only=True)
        print(f"folio: note: {exc}; opened read-only", file=sys.stderr)
        return lib


def _open_hint(exc: LibraryOpenError, db: Path) -> str:
    """What the user can do next, for the problems a backup solves."""
    if exc.problem not in (StorageProblem.DAMAGED, StorageProblem.NOT_FOLIO):
        return ""
    newest = next(iter(Library.backups_of(db)), None)
    if newest is None:
        return ""
    return f" (newest backup: {newest.path}; restore it with: folio restore '{newest.path}')"


def _cmd_fetch(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    ids = list(args.ids) or None
    if ids:
        missing = [i for i in ids if i not in lib.keys_of(ids)]
        if missing:
            print(f"folio: no article with id {missing[0]}", file=sys.stderr)
            return EXIT_FAILED
    report, _ = lib.fetch(ids)
    if not report.items:
        out.write("nothing to fetch: no article is waiting for its content\n")
        return EXIT_OK
    out.write(report.to_text() + "\n")
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_formats(out: TextIO) -> int:
    out.write("Import formats:\n")
    for f in registry.importers():
        exts = ", ".join("." + e for e in f.extensions) or "recognised by content"
        out.write(f"  {f.name:12} {f.label} ({exts})\n")
    out.write("Export formats:\n")
    for e in registry.exporters():
        kinds = ", ".join(layout.label.lower() for layout in e.layouts)
        out.write(f"  {e.name:12} {e.label} (.{e.extension}: {kinds})\n")
    return EXIT_OK


_SEARCH_FLAGS = ("-h", "--help", "--json")


def _queries_as_values(argv: Sequence[str]) -> list[str]:
    """Let a query start with ``-`` (``-tag:x``, ``-word``), which argparse would take for an
    option: the value after ``--query``, and the query of ``search``, become ``--query=Q``."""
    out = list(argv)
    for i, arg in enumerate(out[:-1]):
        if arg == "--query":
            out[i : i + 2] = [f"--query={out[i + 1]}"]
            break
    if "search" in out:
        j = out.index("search") + 1
        while j < len(out):
            arg = out[j]
            if arg == "--limit":
                j += 2
            elif arg in _SEARCH_FLAGS or arg.startswith("--limit=") or arg == "--":
                j += 1 if arg != "--" else len(out)
            else:
                if arg.startswith("-"):
                    out[j] = f"--query={arg}"
                break
    return out


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # Whoever read the output stopped early (``folio list | head``): not an error. Point
        # stdout at nothing so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(_queries_as_values(sys.argv[1:] if argv is None else argv))
    db: Path = args.db or default_library()
    if args.command is None:
        from reader.gui.app import run

        return run(db)
    out = sys.stdout
    if args.command == "formats":
        return _cmd_formats(out)
    try:
        if args.command == "restore":
            return _cmd_restore(db, args, out)
        with _open(db, args.command) as lib:
            handler = {
                "import": _cmd_import,
                "export": _cmd_export,
                "list": _cmd_list,
                "search": _cmd_search,
                "show": _cmd_show,
                "backup": _cmd_backup,
                "fetch": _cmd_fetch,
            }[args.command]
            return handler(lib, args, out)
    except LibraryOpenError as exc:
        print(f"folio: {exc}{_open_hint(exc, db)}", file=sys.stderr)
        return EXIT_FAILED
    except ArticleNotFoundError as exc:
        print(f"folio: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except FolioError as exc:
        print(f"folio: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("folio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"folio: {exc.strerror or exc}: {exc.filename or db}", file=sys.stderr)
        return EXIT_FAILED
