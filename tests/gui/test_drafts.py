"""Unsaved edits kept as drafts: written a moment after typing stops, removed once saved or
discarded, and offered back after a crash, including a real process killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.domain.query import ListQuery
from reader.gui.drafts import NEW, Draft, DraftStore
from reader.gui.main_window import MainWindow
from reader.library import Library

from .conftest import MakeWindow

ROOT = Path(__file__).parents[2]


def test_the_store_writes_whole_files_and_skips_broken_ones(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "lib.sqlite3", folder=tmp_path / "drafts")
    when = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    draft = Draft(key="abc-1", title="T", fields={"body": "x", "tags": ["a"]}, saved_at=when)
    path = store.save(draft)
    assert json.loads(path.read_text())["fields"] == {"body": "x", "tags": ["a"]}
    assert [p.name for p in path.parent.iterdir()] == ["abc-1.json"]  # no temporary left
    (path.parent / "broken.json").write_text('{"key": ')
    newer = Draft(key=NEW, title="", fields={}, saved_at=when.replace(hour=11), base_version=None)
    store.save(newer)
    assert [d.key for d in store.pending()] == [NEW, "abc-1"]
    store.discard("abc-1")
    store.discard("abc-1")  # already gone: fine
    assert [d.key for d in store.pending()] == [NEW]
    # Another library's drafts are its own.
    assert DraftStore(tmp_path / "other.sqlite3", folder=tmp_path / "drafts").pending() == []


def _edit(window: MainWindow, library: Library) -> str:
    article_id = library.add(ArticleDraft(title="Harbour log", body="Calm sea.")).added[0]
    window.refresh_all()
    window.select_article(article_id)
    window.edit_article()
    return article_id


def test_a_draft_follows_the_form(window: MainWindow, qtbot: QtBot, library: Library) -> None:
    article_id = _edit(window, library)
    store = window.drafts.store
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(window.drafts.keeper.draft_saved, timeout=5000):
        qtbot.keyClicks(window.editor.body, " Wind rising.")
    kept = store.load(article_id)
    assert kept is not None and kept.fields["body"] == "Calm sea. Wind rising."
    assert kept.base_version == 1
    window.save()
    assert store.load(article_id) is None  # saved: the draft is gone

    with qtbot.waitSignal(window.drafts.keeper.draft_saved, timeout=5000):
        qtbot.keyClicks(window.editor.body, " Gale.")
    window.editor.revert()
    assert store.load(article_id) is None  # reverted: gone too


def test_a_draft_left_behind_is_offered_on_the_next_start(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    first = make_window()
    article_id = _edit(first, library)
    first.editor.inputs["title"].setText("Harbour log, day two")  # type: ignore[union-attr]
    first.editor.body.setPlainText("Calm sea. Fog by noon.")
    first.drafts.keeper.flush()
    # The next start finds the draft while this window still holds its edits, as after a
    # crash.
    first.hide()

    second = make_window()
    assert second.message_bar.isVisible()
    assert "Harbour log, day two" in second.message_bar.label.text()
    restore = second.message_bar.button("Restore the edits")
    assert restore is not None
    restore.click()
    assert second.right.currentWidget() is second.editor
    assert second.editor.article is not None and second.editor.article.id == article_id
    assert second.editor.body.toPlainText() == "Calm sea. Fog by noon."
    assert second.editor.is_dirty
    assert not second.message_bar.isVisible()
    assert library.get(article_id).body == "Calm sea."
    second.save()
    assert library.get(article_id).title == "Harbour log, day two"
    assert second.drafts.store.pending() == []


def test_declining_a_draft_removes_it(make_window: MakeWindow, library: Library) -> None:
    store = DraftStore(library.path)
    when = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    store.save(Draft(key=NEW, title="Notes", fields={"title": "Notes", "body": "x"}, saved_at=when))
    window = make_window()
    discard = window.message_bar.button("Discard them")
    assert discard is not None
    discard.click()
    assert store.pending() == []
    assert not window.message_bar.isVisible()


@pytest.mark.slow
def test_a_killed_process_gets_its_draft_back(
    make_window: MakeWindow, library: Library, tmp_path: Path
) -> None:
    article_id = library.add(ArticleDraft(title="Night watch", body="All quiet.")).added[0]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.gui.draft_child",
            str(library.path),
            str(tmp_path / "child" / "folio.ini"),
            article_id,
            " A light on the water at 3 a.m.",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith("draft-saved"):
                break
        assert lines[-1] == f"draft-saved {article_id}", (lines, child.stderr)
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    # Nothing was saved, but the draft survived the kill.
    assert library.get(article_id).body == "All quiet."
    window = make_window()
    assert "Night watch" in window.message_bar.label.text()
    assert window.drafts.restore_offered()
    assert window.editor.body.toPlainText() == "All quiet. A light on the water at 3 a.m."
    assert window.editor.is_dirty
    window.save()
    assert library.get(article_id).body == "All quiet. A light on the water at 3 a.m."


def test_a_new_article_draft_comes_back_as_a_new_article(
    make_window: MakeWindow, library: Library
) -> None:
    store = DraftStore(library.path)
    when = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    store.save(
        Draft(
            key=NEW,
            title="Field notes",
            fields={"title": "Field notes", "tags": ["walks"], "body": "Curlews at dusk."},
            saved_at=when,
        )
    )
    window = make_window()
    assert "Field notes" in window.message_bar.label.text()
    assert window.drafts.restore_offered()
    assert window.editor.is_new and window.editor.is_dirty
    assert window.editor.tag_edit.text() == "walks"
    window.save()
    (article,) = library.get_many([s.id for s in library.list_rows(ListQuery())])
    assert (article.title, article.tags, article.body) == (
        "Field notes",
        ("walks",),
        "Curlews at dusk.",
    )
    assert store.pending() == []


def test_a_draft_older_than_the_saved_article_warns_before_saving(
    make_window: MakeWindow, library: Library
) -> None:
    article_id = library.add(ArticleDraft(title="Tides", body="Spring tides.")).added[0]
    store = DraftStore(library.path)
    when = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    store.save(
        Draft(
            key=article_id,
            title="Tides",
            fields={"title": "Tides", "body": "Spring tides, edited in the draft."},
            saved_at=when,
            base_version=1,
        )
    )
    # Saved again elsewhere after the draft was made.
    article = library.get(article_id)
    library.update(replace(article, body="Spring tides, saved from another window."))
    window = make_window()
    assert window.drafts.restore_offered()
    assert window.editor.body.toPlainText() == "Spring tides, edited in the draft."
    assert "saved again after these edits" in window.editor.error_label.text()
    assert library.get(article_id).body == "Spring tides, saved from another window."
