"""Exporting from the window: the dialog (format, articles, layout, title, where), the list's
"Export selected…", and a long export in the background with progress and Cancel."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.domain.article import Article, ArticleDraft
from reader.gui import main_window as mw
from reader.gui import organize
from reader.gui.dialogs.export_dialog import SCOPE_LIST, SCOPE_SELECTION, ExportDialog
from reader.gui.main_window import MainWindow
from reader.gui.tasks import TaskRunner
from reader.library import ExportResult, Layout, Library
from reader.settings import LAST_EXPORT_FORMAT

from .conftest import MakeWindow


def _dialog(qtbot: QtBot, library: Library, **kw: object) -> ExportDialog:
    values: dict[str, object] = {"selected": 2, "listed": 5, "total": 9, "folder": "/exports"}
    values.update(kw)
    dialog = ExportDialog(library.export_formats(), **values)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def _pick(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))


def _layouts(dialog: ExportDialog) -> list[str]:
    return [dialog.layout_box.itemData(i) for i in range(dialog.layout_box.count())]


def test_the_dialog_offers_each_formats_layouts(qtbot: QtBot, library: Library) -> None:
    dialog = _dialog(qtbot, library)
    formats = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert formats == ["json", "jsonl", "markdown", "html", "epub", "pdf", "txt", "highlights"]
    _pick(dialog, "json")
    assert _layouts(dialog) == ["one-file"] and not dialog.layout_box.isEnabled()
    assert dialog.path_edit.text() == "/exports/Folio export.json"
    _pick(dialog, "markdown")
    assert _layouts(dialog) == ["per-article", "by-tag"] and dialog.layout_box.isEnabled()
    assert dialog.path_edit.text() == "/exports/Folio export (Markdown)"
    dialog.layout_box.setCurrentIndex(1)
    assert "folder of its first tag" in dialog.hint.text()
    _pick(dialog, "html")
    assert _layouts(dialog) == ["per-article", "one-file"]
    assert "index.html" in dialog.hint.text()


def test_a_digest_title_only_where_there_is_a_digest(qtbot: QtBot, library: Library) -> None:
    dialog = _dialog(qtbot, library)
    _pick(dialog, "epub")
    assert dialog.title_edit.isVisibleTo(dialog)
    dialog.title_edit.setText("Weekend reading")
    dialog.path_edit.setText("/tmp/reading")  # the extension is added
    choice = dialog.choice()
    assert (choice.format, choice.target) == ("epub", "/tmp/reading.epub")
    assert choice.options.title == "Weekend reading"
    assert choice.options.layout is Layout.ONE_FILE
    _pick(dialog, "markdown")
    assert not dialog.title_edit.isVisibleTo(dialog)
    assert dialog.choice().options.title is None


def test_scopes_name_a_search_and_start_where_asked(qtbot: QtBot, library: Library) -> None:
    dialog = _dialog(qtbot, library, list_label="Search results", initial_scope=SCOPE_LIST)
    scopes = [dialog.scope_box.itemText(i) for i in range(dialog.scope_box.count())]
    assert scopes == ["Selected articles (2)", "Search results (5)", "Whole library (9)"]
    assert dialog.scope_box.currentData() == SCOPE_LIST
    none_selected = _dialog(qtbot, library, selected=0, initial_format="pdf")
    assert none_selected.scope_box.count() == 2
    assert none_selected.format_box.currentData() == "pdf"


def test_the_dialog_looks_right(qtbot: QtBot, library: Library, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, library)
    _pick(dialog, "epub")
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = tmp_path / "export-dialog.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0


def _add(library: Library, n: int) -> list[str]:
    return [
        library.add(ArticleDraft(title=f"Story {i}", body=f"Text {i}.", tags=("news",))).added[0]
        for i in range(n)
    ]


def test_export_selected_from_the_list_menu(
    window: MainWindow, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _add(library, 3)
    window.refresh_all()
    window.select_article(ids[2])
    menu = window.organizer.list_menu()
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "E&xport selected…" in labels and "Move to &Trash" in labels
    target = tmp_path / "picked.epub"

    def answer(dialog: ExportDialog) -> int:
        assert dialog.scope_box.currentData() == SCOPE_SELECTION
        _pick(dialog, "epub")
        dialog.path_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.act_export_selected.trigger()
    with zipfile.ZipFile(target) as z:
        chapters = [n for n in z.namelist() if n.startswith("EPUB/text/")]
    assert len(chapters) == 1
    assert "Exported 1 article to" in window.status_label.text()
    assert window.settings.get(LAST_EXPORT_FORMAT) == "epub"


def test_replacing_a_file_asks_first(
    window: MainWindow,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_prompts: list[str],
) -> None:
    _add(library, 1)
    window.refresh_all()
    target = tmp_path / "keep.txt"
    target.write_text("mine")
    monkeypatch.setattr(mw, "confirm", lambda *_a: no_modal_prompts.append("asked") or False)

    def answer(dialog: ExportDialog) -> int:
        _pick(dialog, "txt")
        dialog.path_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", answer)
    window.export_dialog()
    assert no_modal_prompts == ["asked"]
    assert target.read_text() == "mine"


def test_a_long_export_runs_in_the_background_and_cancels(
    make_window: MakeWindow, library: Library, tmp_path: Path, qtbot: QtBot
) -> None:
    ids = _add(library, 8)
    gate = threading.Event()
    first_written = threading.Event()
    real = library.iter_articles

    def slow(article_ids: Sequence[str], *, revisions: bool = False) -> Iterator[Article]:
        # The export stops after its first article until the test has pressed Cancel.
        for n, article in enumerate(real(article_ids, revisions=revisions)):
            if n == 1:
                first_written.set()
                assert gate.wait(30)
            yield article

    library.iter_articles = slow  # type: ignore[method-assign]
    runner = TaskRunner()
    window = make_window(runner=runner)
    with qtbot.waitSignal(window.export_finished, timeout=30_000) as finished:
        window.export("markdown", str(tmp_path / "md"), scope=mw.SCOPE_ALL)
        assert window.export_progress is not None
        assert window.export_progress.labelText() == "Exporting…"
        assert first_written.wait(30)
        cancel = window.export_progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
        gate.set()
    result: ExportResult = finished.args[0]
    assert result.cancelled
    assert 1 <= result.articles < len(ids)
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == sorted(
        Path(f).name for f in result.files
    )
    assert "(cancelled)" in window.status_label.text()
    runner.wait()


def test_the_list_menu_opens_on_the_clicked_row(
    window: MainWindow, library: Library, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _add(library, 2)
    window.refresh_all()
    shown: list[list[str]] = []
    monkeypatch.setattr(
        organize.QMenu, "popup", lambda menu, _pos: shown.append(window.selected_ids())
    )
    view = window.list_view
    row_rect = view.visualRect(window.list_model.index(0, 0))
    view.customContextMenuRequested.emit(QPoint(row_rect.center()))
    assert shown == [[window.list_model.article_id(0)]]
    assert set(shown[0]) <= set(ids)


def test_a_pdf_is_drawn_off_the_gui_thread(
    make_window: MakeWindow, library: Library, tmp_path: Path, qtbot: QtBot
) -> None:
    """Qt lays out and writes the PDF in a worker thread, with no warning from Qt."""
    _add(library, 3)
    runner = TaskRunner()
    window = make_window(runner=runner)
    target = tmp_path / "digest.pdf"
    with qtbot.waitSignal(window.export_finished, timeout=60_000) as finished:
        window.export("pdf", str(target), scope=mw.SCOPE_ALL)
    assert finished.args[0].articles == 3
    assert target.read_bytes().startswith(b"%PDF-")
    runner.wait()


def test_the_dialog_offers_revisions_for_the_lossless_formats(
    qtbot: QtBot, library: Library
) -> None:
    dialog = _dialog(qtbot, library)
    dialog.show()
    _pick(dialog, "json")
    assert dialog.revisions_box.isVisible() and not dialog.revisions_box.isChecked()
    assert dialog.choice().options.revisions is False
    dialog.revisions_box.setChecked(True)
    assert dialog.choice().options.revisions is True
    _pick(dialog, "jsonl")
    assert dialog.revisions_box.isVisible() and dialog.choice().options.revisions is True
    _pick(dialog, "epub")
    assert not dialog.revisions_box.isVisible()
    assert dialog.choice().options.revisions is False
