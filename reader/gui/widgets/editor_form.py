"""The editing form: every field of an article, and its body as Markdown with a live preview.

The form knows whether it differs from the article it was loaded with (the dirty marker
follows the fields, so undoing back to the saved text makes it clean again). It does not save:
it asks the window to, with ``save_requested``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.domain.article import Article, ArticleDraft
from reader.domain.text import clean_tags, is_rtl_language
from reader.domain.times import normalize_published
from reader.gui.plain import plain_label
from reader.gui.widgets.tag_editor import TagEdit
from reader.render.html import preview_page

PREVIEW_DELAY_MS = 200

# (field, label, multi-line)
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("title", "Title", False),
    ("subtitle", "Subtitle", False),
    ("author", "Author", False),
    ("author_bio", "Author bio", True),
    ("site_name", "Site", False),
    ("url", "URL", False),
    ("published_at", "Published", False),
    ("language", "Language", False),
    ("tags", "Tags", False),
    ("image_url", "Image URL", False),
    ("image_credit", "Image credit", False),
    ("image_caption", "Image caption", True),
    ("summary", "Summary", True),
)


class _SmallText(QPlainTextEdit):
    """A few lines of plain text (bio, caption, summary)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)


class EditorForm(QWidget):
    """Edits one article (or a new one). Emits ``dirty_changed`` and ``save_requested``."""

    dirty_changed = Signal(bool)
    save_requested = Signal()
    close_requested = Signal()
    history_requested = Signal()
    #: The user changed a field (not emitted while the form is being filled).
    content_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setAccessibleName("Editing form")
        self._article: Article | None = None
        self._new = False
        self._dirty = False
        self._loading = False
        self._last_text_widget: QLineEdit | QPlainTextEdit | None = None

        self.header = QLabel("Editing")
        self.header.setObjectName("editorHeader")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.dirty_marker = QLabel("")
        self.dirty_marker.setObjectName("dirtyMarker")
        self.dirty_marker.setAccessibleName("Unsaved changes")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.revert_button = QPushButton("Revert")
        self.history_button = QPushButton("History…")
        self.history_button.setToolTip("Earlier saved versions, compared and restorable (Ctrl+H)")
        self.save_button = QPushButton("Save")
        self.close_button = QPushButton("Close")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(
            f"Save ({QKeySequence(QKeySequence.StandardKey.Save).toString()})"
        )
        self.close_button.setToolTip("Back to the reader (Esc)")
        self.revert_button.setToolTip("Drop the unsaved changes")
        bar = QHBoxLayout()
        bar.addWidget(self.header)
        bar.addWidget(self.dirty_marker)
        bar.addStretch(1)
        for b in (
            self.undo_button,
            self.redo_button,
            self.history_button,
            self.revert_button,
            self.save_button,
            self.close_button,
        ):
            b.setAutoDefault(False)
            bar.addWidget(b)

        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name, label, multi in FIELDS:
            widget: QLineEdit | QPlainTextEdit = (
                TagEdit() if name == "tags" else _SmallText() if multi else QLineEdit()
            )
            widget.setObjectName(f"field_{name}")
            widget.setAccessibleName(label)
            self.inputs[name] = widget
            form.addRow(label, widget)
            widget.textChanged.connect(self._on_field_changed)
            widget.installEventFilter(self)
        self.inputs["published_at"].setPlaceholderText("2019-09-12 or 2019-09-12T18:30:00Z")
        self.inputs["tags"].setPlaceholderText("comma, separated, tags")
        self.inputs["language"].setPlaceholderText("en, he, fr …")
        self.title_hint = QLabel(
            "This title was taken from the text: give the article its real title."
        )
        self.title_hint.setObjectName("titleHint")
        self.title_hint.setWordWrap(True)
        self.title_hint.setVisible(False)
        form.insertRow(1, "", self.title_hint)
        self.error_label = plain_label(QLabel(""))
        self.error_label.setObjectName("formError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        tags_input = self.inputs["tags"]
        assert isinstance(tags_input, TagEdit)
        self.tag_edit = tags_input
        self.tag_completer = tags_input.completer_

        fields_box = QWidget()
        fields_box.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields_box)

        self.body = QPlainTextEdit()
        self.body.setObjectName("field_body")
        self.body.setAccessibleName("Body (Markdown)")
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.textChanged.connect(self._on_field_changed)
        self.body.textChanged.connect(self._schedule_preview)
        self.body.installEventFilter(self)
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName("Preview")
        self.preview.setOpenLinks(False)
        self.preview.document().setDocumentMargin(14)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self._theme = "light"

        self.body_split = QSplitter(Qt.Orientation.Horizontal)
        self.body_split.addWidget(self.body)
        self.body_split.addWidget(self.preview)
        self.body_split.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("editorSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.body_split)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)

        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert)
        self.history_button.clicked.connect(self.history_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self._set_dirty(False)

    # ---------------------------------------------------------------- loading
    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def is_new(self) -> bool:
        return self._new

    def load(self, article: Article) -> None:
        """Show ``article`` in the form, clean."""
        self._article = article
        self._new = False
        self.header.setText("Editing")
        self.history_button.setEnabled(True)
        self._fill(article)

    def load_new(self) -> None:
        """An empty form for a new article."""
        self._article = None
        self._new = True
        self.header.setText("New article")
        self.history_button.setEnabled(False)
        self._fill(None)
        self.inputs["title"].setFocus()

    def _fill(self, article: Article | None) -> None:
        self._loading = True
        try:
            for name, _label, _multi in FIELDS:
                value = getattr(article, name) if article is not None else None
                text = ", ".join(value or ()) if name == "tags" else value or ""
                widget = self.inputs[name]
                # A freshly loaded article starts a fresh undo history: setText and
                # setPlainText both clear it.
                if isinstance(widget, QLineEdit):
                    widget.setText(text)
                    widget.setCursorPosition(0)
                else:
                    widget.setPlainText(text)
            self.body.setPlainText(article.body if article is not None else "")
            self.title_hint.setVisible(bool(article and article.title_inferred))
            self._show_error("")
        finally:
            self._loading = False
        self._apply_direction()
        self.update_preview()
        self._set_dirty(False)

    def set_tag_names(self, names: list[str]) -> None:
        self.tag_edit.set_names(names)

    def set_theme(self, name: str) -> None:
        self._theme = name
        self.update_preview()

    # ---------------------------------------------------------------- values
    def _value(self, name: str) -> str:
        widget = self.inputs[name]
        return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()

    def _values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for name, _label, _multi in FIELDS:
            text = self._value(name).strip()
            if name == "tags":
                values[name] = clean_tags(text)
            elif name == "title":
                values[name] = text
            else:
                values[name] = text or None
        values["body"] = self.body.toPlainText()
        return values

    def validate(self) -> str | None:
        """Why the form cannot be saved as it is, or None."""
        published = self._value("published_at").strip()
        if published and normalize_published(published) is None:
            return "Published must be a date like 2019-09-12 or a time like 2019-09-12T18:30:00Z."
        values = self._values()
        if not values["title"] and not str(values["body"]).strip():
            return "Give the article a title or some text."
        return None

    def _normalized(self) -> dict[str, object]:
        values = self._values()
        published = values.get("published_at")
        if isinstance(published, str):
            values["published_at"] = normalize_published(published) or published
        return values

    def edited_article(self) -> Article:
        """The loaded article with the form's values (for saving)."""
        assert self._article is not None
        values = self._normalized()
        inferred = self._article.title_inferred and values["title"] == self._article.title
        return replace(self._article, title_inferred=inferred, **values)  # type: ignore[arg-type]

    def new_draft(self) -> ArticleDraft:
        values = self._normalized()
        return ArticleDraft(**values)  # type: ignore[arg-type]

    def form_values(self) -> dict[str, object]:
        """Every field as typed (JSON-compatible: text, tags as a list), for a draft."""
        values: dict[str, object] = {name: self._value(name) for name, _l, _m in FIELDS}
        values["body"] = self.body.toPlainText()
        return values

    def apply_values(self, values: dict[str, object]) -> None:
        """Put values kept in a draft into the form, as if typed (the form becomes dirty)."""
        for name, _label, _multi in FIELDS:
            if name not in values:
                continue
            raw = values[name]
            text = ", ".join(str(t) for t in raw) if isinstance(raw, list) else str(raw or "")
            widget = self.inputs[name]
            if isinstance(widget, QLineEdit):
                widget.setText(text)
            else:
                widget.setPlainText(text)
        if "body" in values:
            self.body.setPlainText(str(values["body"] or ""))
        self._apply_direction()
        self.update_preview()
        self._set_dirty(self._differs())

    # ---------------------------------------------------------------- dirty state
    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def _differs(self) -> bool:
        values = self._normalized()
        if self._article is None:
            return any(v for v in values.values())
        for name, value in values.items():
            current = getattr(self._article, name)
            if name == "tags":
                if value != tuple(current):
                    return True
            elif (value or None) != (current or None):
                return True
        return False

    def _on_field_changed(self) -> None:
        if self._loading:
            return
        self._set_dirty(self._differs())
        self.content_changed.emit()
        if self.sender() is self.inputs["language"]:
            self._apply_direction()

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.dirty_marker.setText("● Unsaved changes" if dirty else "")
        self.save_button.setEnabled(dirty or self._new)
        self.revert_button.setEnabled(dirty)
        if changed:
            self.dirty_changed.emit(dirty)

    def mark_saved(self, article: Article) -> None:
        """The window saved the form: the saved article is the new baseline."""
        self._article = article
        self._new = False
        self.header.setText("Editing")
        self.title_hint.setVisible(article.title_inferred)
        self._show_error("")
        self._set_dirty(self._differs())

    def revert(self) -> None:
        if self._article is not None:
            self._fill(self._article)
        else:
            self._fill(None)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def show_error(self, message: str) -> None:
        self._show_error(message)

    # ---------------------------------------------------------------- undo / redo
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, (QLineEdit, QPlainTextEdit)):
            self._last_text_widget = watched
        return super().eventFilter(watched, event)

    def _undo_target(self) -> QLineEdit | QPlainTextEdit:
        return self._last_text_widget or self.body

    def undo(self) -> None:
        self._undo_target().undo()

    def redo(self) -> None:
        self._undo_target().redo()

    # ---------------------------------------------------------------- preview
    def _schedule_preview(self) -> None:
        if not self._loading:
            self._preview_timer.start()

    def update_preview(self) -> None:
        rtl = is_rtl_language(self._value("language").strip())
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        self.preview.setHtml(preview_page(self.body.toPlainText(), theme_name=self._theme, rtl=rtl))
        bar.setValue(position)

    def _apply_direction(self) -> None:
        rtl = is_rtl_language(self._value("language").strip())
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.body.setLayoutDirection(direction)
        option = self.body.document().defaultTextOption()
        option.setTextDirection(direction)
        self.body.document().setDefaultTextOption(option)

    def title_text(self) -> str:
        return self._value("title").strip()

    def focus_body(self) -> None:
        self.body.setFocus()

    def focus_title(self) -> None:
        self.inputs["title"].setFocus()
