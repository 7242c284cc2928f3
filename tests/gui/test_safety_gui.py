"""The window with other writers and in trouble: another process importing while the window
writes, two windows saving the same article (the conflict dialog), restore from backup, and
libraries that cannot be opened (the open-problem dialog), all through the real widgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.domain.errors import LibraryOpenError, StorageProblem
from reader.gui import app as gui_app
from reader.gui import main_window as mw
from reader.gui.dialogs.conflict_dialog import ConflictChoice, ConflictDialog
from reader.gui.dialogs.open_problem import OpenChoice, OpenProblemDialog
from reader.gui.dialogs.restore_dialog import RestoreDialog
from reader.gui.main_window import MainWindow
from reader.gui.tasks import TaskRunner
from reader.library import Library
from tests.support import damage, fill

from .conftest import MakeWindow

ROOT = Path(__file__).parents[2]


def _jsonl(folder: Path, files: int, per_file: int) -> None:
    folder.mkdir()
    n = 0
    for f in range(files):
        rows = []
        for _ in range(per_file):
            rows.append(json.dumps({"title": f"Wire story {n}", "body": f"Story {n}. " * 30}))
            n += 1
        (folder / f"wire-{f:02d}.jsonl").write_text("\n".join(rows) + "\n")


def test_the_window_shows_what_another_process_imports_while_it_writes(
    make_window: MakeWindow, qtbot: QtBot, library: Library, library_path: Path, tmp_path: Path
) -> None:
    ids = fill(library, 3)
    window = make_window(runner=TaskRunner())
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3, timeout=10_000)
    failures: list[str] = []
    window.runner.task_failed.connect(lambda name, exc: failures.append(f"{name}: {exc}"))
    inputs = tmp_path / "wire"
    _jsonl(inputs, files=12, per_file=100)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(library_path), "import", str(inputs)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Meanwhile the user keeps starring and unstarring in the window.
    writes = {"asked": 0}
    seen_elsewhere: list[object] = []
    window.watch.changed_elsewhere.connect(seen_elsewhere.append)

    def click() -> None:
        if proc.poll() is None:
            writes["asked"] += 1
            window._write(lambda: library.set_state(ids, starred=writes["asked"] % 2 == 1))

    timer = QTimer()
    timer.timeout.connect(click)
    timer.start(40)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=120_000)
    timer.stop()
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    # The watch notices the other process's articles; nothing the window asked for failed.
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1203, timeout=20_000)
    window.runner.wait()
    assert writes["asked"] > 0
    assert failures == []
    assert "locked" not in window.status_label.text()
    assert library.counts().all == 1203
    assert seen_elsewhere
    # Every write the window asked for went in, in order: the last one decides the star.
    assert all(library.get(i).starred == (writes["asked"] % 2 == 1) for i in ids)


def test_an_open_article_changed_elsewhere_is_shown_fresh(
    window: MainWindow, library: Library, library_path: Path
) -> None:
    article_id = fill(library, 1)[0]
    window.refresh_all()
    window.select_article(article_id)
    other = Library.open(library_path)
    try:
        other.update(replace(other.get(article_id), title="Retitled in another window"))
    finally:
        other.close()
    window.watch.poll_now()
    assert window.reader.article is not None
    assert window.reader.article.title == "Retitled in another window"
    assert "outside this window" in window.status_label.text()


@pytest.fixture
def two_windows(
    make_window: MakeWindow, library: Library, library_path: Path
) -> tuple[MainWindow, MainWindow, str]:
    article_id = fill(library, 1)[0]
    second = Library.open(library_path)
    first_window = make_window()
    second_window = make_window(second)
    for w in (first_window, second_window):
        w.refresh_all()
        assert w.select_article(article_id)
        w.edit_article()
    yield first_window, second_window, article_id
    second.close()


def _edit(window: MainWindow, **fields: str) -> None:
    for name, value in fields.items():
        if name == "body":
            window.editor.body.setPlainText(value)
        else:
            window.editor.inputs[name].setText(value)  # type: ignore[union-attr]
    assert window.editor.is_dirty


@pytest.mark.parametrize(
    "choice", [ConflictChoice.KEEP_MINE, ConflictChoice.KEEP_THEIRS, ConflictChoice.KEEP_BOTH]
)
def test_the_second_save_of_two_windows_asks_and_never_overwrites(
    two_windows: tuple[MainWindow, MainWindow, str],
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    choice: ConflictChoice,
) -> None:
    first, second, article_id = two_windows
    _edit(first, title="Seal pups double")
    _edit(second, body="Counted again from the boat: 212 seals.")
    assert second.save(wait=True)
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, mine: object, theirs: object) -> ConflictChoice:
        asked.append((mine.title, theirs.body))  # type: ignore[attr-defined]
        return choice

    monkeypatch.setattr(mw, "ask_conflict", ask)
    assert not first.save(wait=True)  # the save met the other version: asked, not written
    assert asked == [("Seal pups double", "Counted again from the boat: 212 seals.")]
    assert first.conflicts_seen == 1
    stored = library.get(article_id)
    if choice is ConflictChoice.KEEP_MINE:
        assert stored.title == "Seal pups double"
        assert stored.version == 3
        # Theirs is not lost: it is the newest revision.
        assert library.revisions(article_id)[0].fields["body"] == (
            "Counted again from the boat: 212 seals."
        )
        assert not first.editor.is_dirty
    elif choice is ConflictChoice.KEEP_THEIRS:
        assert stored.version == 2
        assert stored.body == "Counted again from the boat: 212 seals."
        assert first.editor.body.toPlainText() == stored.body
        assert not first.editor.is_dirty
    else:
        assert stored.version == 2 and stored.body == "Counted again from the boat: 212 seals."
        assert library.counts().all == 2
        copy = next(r for r in library.list_rows(mw.ListQuery()) if r.id != article_id)
        assert copy.title == "Seal pups double (my copy)"
        assert not first.editor.is_dirty


def test_the_conflict_dialog_is_a_real_dialog_the_user_clicks(
    two_windows: tuple[MainWindow, MainWindow, str], library: Library, qtbot: QtBot
) -> None:
    first, second, article_id = two_windows
    _edit(first, title="Seal pups double")
    _edit(second, title="Grey seals return")
    assert second.save(wait=True)
    seen: list[ConflictDialog] = []

    def click_keep_both() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        seen.append(dialog)
        rows = dialog.table.rowCount()
        cells = [dialog.table.item(r, c).text() for r in range(rows) for c in range(3)]
        assert cells == ["Title", "Seal pups double", "Grey seals return"]
        dialog.both_button.click()

    QTimer.singleShot(0, click_keep_both)
    assert not first.save(wait=True)
    assert len(seen) == 1
    assert library.get(article_id).title == "Grey seals return"
    titles = sorted(r.title for r in library.list_rows(mw.ListQuery()))
    assert titles == ["Grey seals return", "Seal pups double (my copy)"]


def test_restore_from_backup_through_the_window(
    window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(library, 5)
    backup = library.backup()
    library.purge(ids[:4])
    window.refresh_all()
    assert window.list_model.rowCount() == 1
    offered: list[list[Path]] = []

    def choose(_parent: object, backups: list[object], _library: Path) -> Path:
        offered.append([b.path for b in backups])  # type: ignore[attr-defined]
        return backup.path

    monkeypatch.setattr(mw, "choose_backup", choose)
    window.restore_from_backup()
    assert offered == [[backup.path]]
    assert window.list_model.rowCount() == 5
    assert library.counts().all == 5
    assert "Restored the library" in window.status_label.text()
    assert any(b.reason == "before-restore" for b in library.backups())


def test_the_restore_dialog_lists_backups_newest_first(
    qtbot: QtBot, library: Library, library_path: Path
) -> None:
    fill(library, 2)
    older = library.backup()
    fill(library, 1, start=50)
    newer = library.backup()
    dialog = RestoreDialog(library.backups(count=True), library_path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.selected_path() == newer.path
    assert "3 articles" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(1)
    assert dialog.selected_path() == older.path
    assert dialog.restore_button.isEnabled()


def test_a_damaged_library_offers_restore_and_read_only(qtbot: QtBot, library_path: Path) -> None:
    with Library.open(library_path) as lib:
        fill(lib, 40)
        backup = lib.backup()
    damage(library_path)
    questions: list[tuple[StorageProblem, list[Path]]] = []
    answers = iter([(OpenChoice.READ_ONLY, None), (OpenChoice.RESTORE, backup.path)])

    def ask(error: LibraryOpenError, _path: Path, backups: list[object]) -> tuple[object, object]:
        questions.append((error.problem, [b.path for b in backups]))  # type: ignore[attr-defined]
        return next(answers)

    opened = gui_app.open_library(library_path, ask=ask)
    assert opened is not None and opened.read_only  # read-only: what can be read is readable
    opened.close()
    restored = gui_app.open_library(library_path, ask=ask)
    assert restored is not None and not restored.read_only
    assert restored.counts().all == 40
    restored.close()
    assert questions == [(StorageProblem.DAMAGED, [backup.path])] * 2


def test_quitting_from_the_open_problem_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_text("not a library")
    assert gui_app.open_library(path, ask=lambda *_a: (OpenChoice.QUIT, None)) is None
    assert path.read_text() == "not a library"


@pytest.mark.parametrize(
    ("problem", "buttons"),
    [
        (StorageProblem.DAMAGED, ["RESTORE", "READ_ONLY", "QUIT"]),
        (StorageProblem.NOT_FOLIO, ["RESTORE", "QUIT"]),
        (StorageProblem.NEWER, ["QUIT"]),
        (StorageProblem.READ_ONLY, ["READ_ONLY", "QUIT"]),
        (StorageProblem.DISK_FULL, ["RETRY", "READ_ONLY", "QUIT"]),
    ],
)
def test_the_open_problem_dialog_offers_only_safe_ways_out(
    qtbot: QtBot, library: Library, library_path: Path, problem: StorageProblem, buttons: list[str]
) -> None:
    fill(library, 1)
    backups = [library.backup()]
    error = LibraryOpenError("the reason in one line", problem=problem)
    dialog = OpenProblemDialog(error, library_path, backups)
    qtbot.addWidget(dialog)
    assert [c.name for c in dialog.buttons] == buttons
    if "RESTORE" in buttons:
        dialog.buttons[OpenChoice.RESTORE].click()
        assert dialog.choice is OpenChoice.RESTORE
        assert dialog.backup() == backups[0].path


def test_a_read_only_library_opens_in_a_window_that_cannot_write(
    make_window: MakeWindow, library: Library, library_path: Path
) -> None:
    fill(library, 2)
    read_only = Library.open(library_path, read_only=True)
    try:
        window = make_window(read_only)
        assert "read-only" in window.windowTitle()
        assert not window.act_star.isEnabled()
        assert not window.act_edit.isEnabled()
        assert not window.act_import.isEnabled()
        assert window.act_export.isEnabled()
        assert window.list_model.rowCount() == 2
    finally:
        read_only.close()


def test_the_window_takes_the_daily_backup_in_the_background(
    window: MainWindow, library: Library
) -> None:
    fill(library, 2)
    assert library.backups() == []
    window.take_daily_backup()
    assert [b.reason for b in library.backups()] == ["daily"]
    window.take_daily_backup()  # not due again today
    assert len(library.backups()) == 1


def test_a_damaged_large_library_found_after_opening_turns_the_window_read_only(
    make_window: MakeWindow, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(library_path) as lib:
        fill(lib, 40)
        backup = lib.backup()
    damage(library_path)
    monkeypatch.setattr(gui_app, "DEFER_CHECK_ABOVE", 0)  # as if it were a large library

    def ask(*_a: object) -> tuple[object, object]:
        raise AssertionError("a large library opens without waiting for its check")

    opened = gui_app.open_library(library_path, ask=ask)
    assert opened is not None and opened.unverified and not opened.read_only
    window = make_window(opened)  # the check runs once the first rows are shown
    assert opened.damaged and opened.read_only
    assert not window.act_star.isEnabled() and not window.act_import.isEnabled()
    assert "damaged" in window.message_bar.label.text()
    assert window.act_restore_backup.isEnabled()
    # The way out: restore a backup, and the window can write again.
    monkeypatch.setattr(mw, "choose_backup", lambda *_a: backup.path)
    monkeypatch.setattr(mw, "confirm", lambda *_a: True)
    window.message_bar.button("Restore from backup…").click()  # type: ignore[union-attr]
    assert not opened.read_only and opened.counts().all == 40
    assert window.act_star.isEnabled() and window.message_bar.isHidden()
    assert window.list_model.rowCount() == 40
    opened.close()
