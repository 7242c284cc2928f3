"""The window's side of drafts: the editing form's draft is kept while it has unsaved edits,
and drafts left by a run that crashed or was killed are offered back on the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.domain.errors import FolioError
from reader.domain.query import View
from reader.domain.times import utc_now
from reader.gui.drafts import NEW, Draft, DraftKeeper, DraftStore
from reader.gui.models.sidebar import Entry

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


class DraftRecovery(QObject):
    def __init__(self, window: MainWindow, store: DraftStore) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.keeper = DraftKeeper(store, self._snapshot, self)
        editor = window.editor
        editor.content_changed.connect(self._on_editor_content_changed)
        editor.dirty_changed.connect(self._on_editor_dirty_changed)
        self._offered: list[Draft] = []

    # ---------------------------------------------------------------- keeping
    def _snapshot(self) -> Draft | None:
        editor = self.window.editor
        if not editor.is_dirty:
            return None
        article = editor.article
        return Draft(
            key=NEW if editor.is_new or article is None else article.id,
            title=editor.title_text(),
            fields=editor.form_values(),
            saved_at=utc_now(),
            base_version=None if article is None else article.version,
        )

    def _on_editor_content_changed(self) -> None:
        if self.window.editor.is_dirty:
            self.keeper.schedule()

    def _on_editor_dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.keeper.drop()

    # ---------------------------------------------------------------- offering back
    def offer(self) -> None:
        """Offer the newest draft left behind (then the next, until none are left)."""
        self._offered = self.store.pending()
        self._offer_next()

    def _offer_next(self) -> None:
        bar = self.window.message_bar
        if not self._offered:
            bar.dismiss()
            return
        draft = self._offered[0]
        more = len(self._offered) - 1
        when = draft.saved_at.astimezone().strftime("%d %b %H:%M")
        title = draft.title or "an untitled article"
        text = (
            f"Folio kept unsaved edits to “{title}” from {when}: Folio closed before they "
            "were saved."
        )
        if more:
            text += f" ({more} more after this one.)"
        bar.show_message(
            text,
            [("Restore the edits", self.restore_offered), ("Discard them", self.discard_offered)],
        )

    def restore_offered(self) -> bool:
        """Open the offered draft in the editing form, unsaved, ready to check and save."""
        if not self._offered:
            return False
        draft = self._offered.pop(0)
        w = self.window
        if not w.resolve_unsaved():
            self._offered.insert(0, draft)
            return False
        stale = False
        if draft.is_new:
            w.new_article()
        else:
            try:
                article = w.library.get(draft.key)
            except FolioError:
                article = None
            if article is None or article.in_trash:
                # The article is gone: the edits can still become a new one.
                w.new_article()
            else:
                w.select_sidebar(Entry("view", View.ALL.value))
                w.search("")
                if not w.select_article(article.id):
                    w.show_article(article.id)
                w.edit_article()
                stale = draft.base_version is not None and draft.base_version != article.version
        w.editor.apply_values(draft.fields)
        if stale:
            w.editor.show_error(
                "This article was saved again after these edits were made: check them "
                "against it before saving."
            )
        # Kept again under the form's own key (a gone article's edits become a new one).
        self.keeper.flush()
        if self.keeper.written_key != draft.key:
            self.store.discard(draft.key)
        w.say("Restored unsaved edits: save them with Ctrl+S")
        self._offer_next()
        return True

    def discard_offered(self) -> None:
        if self._offered:
            self.keeper.forget(self._offered.pop(0).key)
        self._offer_next()
