"""Make the README's screenshot: the real main window on a demo library, saved as a PNG.

    python scripts/screenshot.py docs/screenshot.png [--theme sepia] [--edit]

The demo library is built in a temporary folder from the project's own test fixtures and, when
the shared corpus sits beside the checkout, the seed article the product was specified from,
which is the one shown. Runs offscreen unless a display is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_e6867d1380d6e0c0.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--theme", default="light", choices=("light", "dark", "sepia"))
    parser.add_argument("--edit", action="store_true", help="show the editing form")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    work = Path(tempfile.mkdtemp(prefix="folio-shot-"))
    os.environ["FOLIO_CONFIG_DIR"] = str(work / "config")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from reader.gui.app import make_application
    from reader.gui.main_window import MainWindow
    from reader.gui.tasks import SyncRunner
    from reader.library import Library
    from reader.settings import Settings

    app = make_application()
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
    window = MainWindow(library, Settings(work / "config" / "folio.ini"), runner=SyncRunner())
    window.set_theme(args.theme)
    window.resize(args.width, args.height)
    window.show()
    if shown:
        window.select_article(shown)
    if args.edit:
        window.edit_article()
    for _ in range(10):
        app.processEvents()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.output))
    window.close()
    library.close()
    QApplication.quit()
    print(f"saved {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
