"""The window's side of the history panel: open it on the article shown, and restore a saved
version through the library (asking first about unsaved edits in the form)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from reader.domain.article import Article, Revision
from reader.domain.changes import Changes
from reader.gui.tasks import TaskControl

if TYPE_CHECKING:
    from reader.gui.dialogs.history_dialog import HistoryDialog
    from reader.gui.main_window import MainWindow


class History(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: HistoryDialog | None = None

    def show(self) -> HistoryDialog | None:
        """The open article's saved versions, compared with the current text."""
        w = self.window
        article = w.current_article()
        if article is None:
            return None
        # Imported when first used: the diff machinery is no part of opening the window.
        from reader.gui.dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(
            article,
            w.library.revisions(article.id),
            theme_name=w.reader.theme_name(),
            parent=w,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self._on_dialog_restore_requested)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    def _on_dialog_restore_requested(self, revision_id: int) -> None:
        w = self.window
        article = w.current_article()
        if article is None or not w.resolve_unsaved():
            return
        lib = w.library
        article_id = article.id

        def work(_c: TaskControl) -> tuple[Changes, Article, list[Revision]]:
            changes = lib.restore_revision(article_id, revision_id)
            return changes, lib.get(article_id), lib.revisions(article_id)

        def done(result: tuple[Changes, Article, list[Revision]]) -> None:
            changes, restored, revisions = result
            w.say("Restored the earlier version (the text it replaced is in the history)")
            w.apply_changes(changes)
            if w.right.currentWidget() is w.editor and not w.editor.is_new:
                w.editor.load(restored)
            if self.dialog is not None:
                self.dialog.set_history(restored, revisions)

        w.runner.submit(work, name="restore version", write=True, on_done=done)
