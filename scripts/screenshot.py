"""Make the README's screenshots: the real main window on a demo library, saved as PNGs.

    python scripts/screenshot.py docs/screenshot.png [--theme sepia] [--edit]
    python scripts/screenshot.py docs/highlights.png --highlights --panel
    python scripts/screenshot.py docs/history.png --history
    python scripts/screenshot.py docs/rtl.png --rtl
    python scripts/screenshot.py docs/search.png --search '"security coordination"'
    python scripts/screenshot.py --all docs      # every screenshot the README shows

The demo library is built in a temporary folder from the project's own test fixtures and, when
the shared corpus sits beside the checkout, the seed article the product was specified from,
which is the one shown. Runs offscreen unless a display is set (under Xvfb, say).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The seed article, in the shared corpus beside the checkout (or beside its worktrees).
SEED = next(
    (
        folder / "shared" / "corpus" / "seed" / "000_e6867d1380d6e0c0.txt"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "corpus" / "seed").is_dir()
    ),
    ROOT.parent / "shared" / "corpus" / "seed" / "000_e6867d1380d6e0c0.txt",
)
FIXTURES = ROOT / "tests" / "fixtures"
RTL = FIXTURES / "plaintext" / "rtl_hebrew.txt"

#: (file name, options) of every screenshot the README shows.
ALL_SHOTS: tuple[tuple[str, list[str]], ...] = (
    ("screenshot.png", ["--highlights"]),
    ("highlights.png", ["--highlights", "--panel"]),
    ("reader-light.png", ["--theme", "light"]),
    ("reader-sepia.png", ["--theme", "sepia"]),
    ("reader-dark.png", ["--theme", "dark", "--highlights"]),
    ("history.png", ["--history"]),
    ("rtl.png", ["--rtl"]),
    ("search.png", ["--search", "security coordination"]),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--theme", default="light", choices=("light", "dark", "sepia"))
    parser.add_argument("--edit", action="store_true", help="show the editing form")
    parser.add_argument("--highlights", action="store_true", help="highlights in the reader")
    parser.add_argument("--panel", action="store_true", help="the highlights panel open")
    parser.add_argument("--history", action="store_true", help="the history panel's diff")
    parser.add_argument("--rtl", action="store_true", help="a right-to-left article")
    parser.add_argument("--search", default="", help="a search in the box")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--all", action="store_true", help="OUTPUT is a folder: every shot")
    return parser


def main() -> int:
    args = _parser().parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    work = Path(tempfile.mkdtemp(prefix="folio-shot-"))
    os.environ["FOLIO_CONFIG_DIR"] = str(work / "config")
    os.environ["FOLIO_DATA_DIR"] = str(work / "data")
    sys.path.insert(0, str(ROOT))
    from reader.gui.app import make_application

    app = make_application()
    shots = (
        [(args.output / name, _parser().parse_args([str(args.output / name), *opts]))
         for name, opts in ALL_SHOTS]
        if args.all
        else [(args.output, args)]
    )  # fmt: skip
    try:
        for n, (output, options) in enumerate(shots):
            _shot(app, work / f"shot{n}", output, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _pick_highlights(text: str) -> list[tuple[str, str, str | None]]:
    """A few passages of the shown article to highlight: (quote, colour, note)."""
    sentences = [s.strip() + "." for s in text.split(". ") if len(s.split()) > 8]
    picks: list[tuple[str, str, str | None]] = []
    for quote, color, note in zip(
        sentences[1:6:2],
        ("yellow", "green", "blue"),
        (None, "Compare with the statement in the spring.", None),
        strict=False,
    ):
        words = quote.split()
        picks.append((" ".join(words[: min(len(words), 16)]), color, note))
    return picks


def _shot(app: object, work: Path, output: Path, args: argparse.Namespace) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from reader.domain.anchoring import context_at
    from reader.domain.article import Highlight
    from reader.gui.main_window import MainWindow
    from reader.gui.tasks import SyncRunner
    from reader.library import Library
    from reader.render.html import body_text
    from reader.settings import Settings

    library = Library.open(work / "library.sqlite3")
    inputs = [FIXTURES / "markdown", FIXTURES / "scraped"]
    report, _ = library.import_paths([p for p in inputs if p.exists()], tags=["demo"])
    shown = None
    if SEED.exists():
        seed_report, _ = library.import_paths([SEED])
        if seed_report.imported_ids:
            shown = seed_report.imported_ids[0]
            library.tag([shown], add=["israel", "russia"])
    ids = list(report.imported_ids)
    if ids:
        library.set_state(ids[:2], read=True)
        library.set_state(ids[2:3], starred=True)
        library.set_progress(ids[0], 0.4)
    if args.rtl:
        rtl_report, _ = library.import_paths([RTL], tags=["עירייה"])
        shown = rtl_report.imported_ids[0] if rtl_report.imported_ids else shown
    if shown is None and ids:
        shown = ids[0]
    if shown and (args.highlights or args.history):
        article = library.get(shown)
        text = body_text(article.body)
        for n, (quote, color, note) in enumerate(_pick_highlights(text)):
            at = text.find(quote)
            if at >= 0:
                q, prefix, suffix = context_at(text, at, at + len(quote))
                library.add_highlight(
                    shown,
                    Highlight(id=f"demo-{n}", quote=q, prefix=prefix, suffix=suffix, note=note,
                              color=color),
                )  # fmt: skip
    if shown and args.history:
        article = library.get(shown)
        paragraphs = article.body.split("\n\n")
        first = replace(
            article,
            title=article.title.title() if article.title.isupper() else article.title + ".",
            body="\n\n".join(paragraphs[:-1]),
        )
        library.update(first)
        second = library.get(shown)
        edited = second.body.replace("Thursday evening", "on Thursday evening", 1)
        edited = edited.replace("important", "vital", 2)
        library.update(replace(second, body=edited, tags=(*second.tags, "diplomacy")))
    window = MainWindow(library, Settings(work / "config" / "folio.ini"), runner=SyncRunner())
    window.set_theme(args.theme)
    window.resize(args.width, args.height)
    window.show()
    if args.search:
        window.search(args.search)
    if shown and not window.select_article(shown):
        window.show_article(shown)
    if args.panel:
        window.highlighter.dock.show()
        window.resizeDocks([window.highlighter.dock], [300], Qt.Orientation.Horizontal)
        window.splitter.setSizes([170, 400, 530])
    if args.edit:
        window.edit_article()
    for _ in range(10):
        QApplication.processEvents()
    output.parent.mkdir(parents=True, exist_ok=True)
    if args.history:
        dialog = window.show_history()
        assert dialog is not None
        if len(dialog.revisions) > 1:
            dialog.select_revision(dialog.revisions[1].id)
        for _ in range(10):
            QApplication.processEvents()
        dialog.grab().save(str(output))
        dialog.close()
    else:
        window.grab().save(str(output))
    window.close()
    library.close()
    print(f"saved {output}")


if __name__ == "__main__":
    raise SystemExit(main())
