"""The reader pane with hostile articles: nothing is fetched, nothing active is in the
document Qt lays out, for every vector of the corpus."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from reader.domain.query import ListQuery
from reader.gui.widgets.reader_view import ReaderView
from reader.library import Library
from tests.hostile_html import hostile
from tests.xss_vectors import VECTORS


def test_the_reader_fetches_nothing_for_any_vector(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n, (_name, payload) in enumerate(VECTORS):
        (folder / f"v{n:03d}.md").write_text(
            f"# Vector {n}\n\nIntro {n}.\n\n{payload}\n\nEnd {n}.\n"
        )
    report, _ = library.import_paths([folder])
    assert len(report.imported) == len(VECTORS)

    requests: list[tuple[str, bool]] = []
    original = ReaderView.loadResource

    def spy(self: ReaderView, kind: int, url: QUrl | str) -> Any:
        result = original(self, kind, url)
        text = url.toString() if isinstance(url, QUrl) else str(url)
        requests.append((text, result is not None))
        return result

    monkeypatch.setattr(ReaderView, "loadResource", spy)
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    failures: list[str] = []
    for row in library.list_rows(ListQuery()):
        article = library.get(row.id)
        view.show_article(article)
        # Qt marks its own output with a "qrichtext" meta element; that one is Qt's.
        document_html = re.sub(r'<meta name="qrichtext"[^>]*>', "", view.document().toHtml())
        # What Qt itself made of the page holds nothing active either.
        found = [f for f in hostile(document_html, page=True) if "style" not in f]
        if found:
            failures.append(f"{article.title}: {found}")
    assert failures == []
    assert [r for r in requests if r[1]] == []  # not one resource was handed to Qt


def test_imported_titles_are_text_in_labels_and_tooltips(
    make_window: Any, library: Library, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from reader.domain.article import ArticleDraft
    from reader.gui.models.article_list import COL_TITLE

    evil = '<img src="file:///dev/zero"><b>Bold claim</b>'
    library.add(ArticleDraft(title=evil, body="Body."))
    window = make_window()
    index = window.list_model.index(0, COL_TITLE)
    tip = window.list_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<qt>") and "<img" not in tip and "&lt;img" in tip
    window.say(f"Saved “{evil}”")
    assert window.status_label.textFormat() == Qt.TextFormat.PlainText
    assert window.status_label.text().endswith(f"Saved “{evil}”")
