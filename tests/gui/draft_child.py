"""A Folio window that types into the editing form and then waits, never saving: the draft
test kills it with SIGKILL once the draft is written. Not a test module itself.

    python -m tests.gui.draft_child LIBRARY SETTINGS ARTICLE_ID TEXT
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest

from reader.gui.app import make_application
from reader.gui.main_window import MainWindow
from reader.gui.tasks import SyncRunner
from reader.library import Library
from reader.settings import Settings


def main(argv: list[str]) -> int:
    library_path, settings_path, article_id, text = argv
    app = make_application()
    library = Library.open(library_path)
    window = MainWindow(library, Settings(Path(settings_path)), runner=SyncRunner())
    window.show()
    if not window.select_article(article_id):
        print("no such article", flush=True)
        return 1
    window.edit_article()
    window.drafts.keeper.draft_saved.connect(lambda key: print(f"draft-saved {key}", flush=True))
    window.editor.body.setFocus()
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    QTest.keyClicks(window.editor.body, text)
    print("typed", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
