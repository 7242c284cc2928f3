"""The history panel: every saved version of an article, each compared with the current text
(fields, then the body word by word), and any of them restored with one button. Restoring
keeps the current text as a version too, so nothing is ever lost by it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.domain.article import EDITABLE_FIELDS, Article, Revision
from reader.domain.diff import diff_text, field_changes
from reader.domain.text import is_rtl_language, word_count
from reader.render.diff import diff_page

RevisionRole = Qt.ItemDataRole.UserRole + 1


def current_fields(article: Article) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(article, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _when(revision: Revision) -> str:
    local = revision.saved_at.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


class HistoryDialog(QDialog):
    """Lists an article's versions; ``restore_requested(revision id)`` asks the window."""

    restore_requested = Signal(int)

    def __init__(
        self,
        article: Article,
        revisions: list[Revision],
        *,
        theme_name: str = "light",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History of “{article.title or 'Untitled'}”")
        self.setObjectName("historyDialog")
        self.setAccessibleName("Version history")
        self._theme = theme_name
        self.versions = QListWidget()
        self.versions.setObjectName("historyVersions")
        self.versions.setAccessibleName("Saved versions")
        self.versions.setSpacing(3)
        self.versions.setWordWrap(True)
        self.versions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions.setAlternatingRowColors(True)
        self.diff = QTextBrowser()
        self.diff.setObjectName("historyDiff")
        self.diff.setAccessibleName("Differences from the current version")
        self.diff.setOpenLinks(False)
        self.restore_button = QPushButton("Restore this version")
        self.restore_button.setObjectName("restoreVersion")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.versions)
        split.addWidget(self.diff)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([240, 660])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.versions.currentItemChanged.connect(self._on_versions_current_changed)
        self.resize(960, 620)
        self.set_history(article, revisions)

    def set_history(self, article: Article, revisions: list[Revision]) -> None:
        """Show these versions (newest first) against ``article`` as it is now."""
        self.article = article
        self.revisions = revisions
        self.versions.clear()
        now = QListWidgetItem(f"Current version\n{article.words} words")
        now.setData(RevisionRole, None)
        self.versions.addItem(now)
        for r in revisions:
            item = QListWidgetItem(
                f"{_when(r)}\n{r.title or 'Untitled'} · {word_count(r.body)} words"
            )
            item.setData(RevisionRole, r.id)
            item.setToolTip(r.title)
            self.versions.addItem(item)
        if not revisions:
            self.summary.setText("No earlier versions yet: each save keeps the one before it.")
        else:
            n = len(revisions)
            self.summary.setText(f"{n} earlier version{'s' if n != 1 else ''}.")
        self.versions.setCurrentRow(1 if revisions else 0)

    def revision(self, revision_id: int) -> Revision | None:
        return next((r for r in self.revisions if r.id == revision_id), None)

    def current_revision(self) -> Revision | None:
        item = self.versions.currentItem()
        rid = item.data(RevisionRole) if item is not None else None
        return self.revision(int(rid)) if rid is not None else None

    def select_revision(self, revision_id: int) -> bool:
        for row in range(self.versions.count()):
            if self.versions.item(row).data(RevisionRole) == revision_id:
                self.versions.setCurrentRow(row)
                return True
        return False

    def _on_versions_current_changed(
        self, _current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        revision = self.current_revision()
        self.restore_button.setEnabled(revision is not None)
        rtl = is_rtl_language(self.article.language)
        if revision is None:
            self.diff.setHtml(
                diff_page(
                    diff_text(self.article.body, self.article.body),
                    [],
                    theme_name=self._theme,
                    heading="The current version",
                    rtl=rtl,
                )
            )
            return
        # From the current text to this version: what restoring it would bring back (green)
        # and take away (red).
        changes = field_changes(current_fields(self.article), revision.fields)
        heading = f"Saved {_when(revision)}: green is only in this version, red only now"
        self.diff.setHtml(
            diff_page(
                diff_text(self.article.body, revision.body),
                changes,
                theme_name=self._theme,
                heading=heading,
                rtl=rtl,
            )
        )

    def _on_restore_clicked(self) -> None:
        revision = self.current_revision()
        if revision is not None:
            self.restore_requested.emit(revision.id)
