"""The highlights panel: the open article's highlights and notes; choosing one shows it in the
reader, and each can have its note edited, its colour changed, or be removed (Ctrl+Z undoes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSize, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.domain.article import HIGHLIGHT_COLORS, Article, Highlight
from reader.gui.models.highlights import HighlightIdRole, HighlightsModel
from reader.render.themes import highlight_shade


def color_icon_pixmap(color: str, size: int = 12) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(highlight_shade("light", color)))
    return pixmap


def color_menu(parent: QWidget, on_chosen: object) -> QMenu:
    """A menu of the highlight colours; ``on_chosen(color)`` is called with the one picked."""
    menu = QMenu("Colour", parent)
    for color in HIGHLIGHT_COLORS:
        act = QAction(color.capitalize(), menu)
        act.setIcon(color_icon_pixmap(color))
        act.triggered.connect(lambda _c=False, c=color: on_chosen(c))  # type: ignore[operator]
        menu.addAction(act)
    return menu


class _HighlightList(QListView):
    """The list; Del removes the current highlight (before the window's own Del, which moves
    articles to the Trash, can take the key)."""

    delete_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class HighlightsPanel(QWidget):
    highlight_activated = Signal(str)
    remove_requested = Signal(str)
    note_requested = Signal(str)
    color_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.setAccessibleName("Highlights")
        self.model = HighlightsModel(self)
        self.heading = QLabel("No article")
        self.heading.setObjectName("highlightsHeading")
        self.heading.setWordWrap(True)
        self.list = _HighlightList()
        self.list.setObjectName("highlightsList")
        self.list.setAccessibleName("Highlights of this article")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setIconSize(QSize(10, 10))
        self.list.setUniformItemSizes(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.activated.connect(self._on_list_activated)
        self.list.clicked.connect(self._on_list_activated)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.note_button = QPushButton("Note…")
        self.note_button.setAccessibleName("Edit the note")
        self.color_button = QToolButton()
        self.color_button.setText("Colour")
        self.color_button.setAccessibleName("Change the colour")
        self.color_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.color_button.setMenu(color_menu(self, self._on_color_chosen))
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the highlight")
        self.note_button.clicked.connect(self._on_note_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.delete_pressed.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.color_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        self.hint = QLabel("Select text in the reader and press H to highlight it.")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("highlightsHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_article(self, article: Article | None) -> None:
        keep = self.current_id()
        self.model.set_article(article)
        n = self.model.rowCount()
        if article is None:
            self.heading.setText("No article")
        else:
            lost = len(self.model.lost_ids())
            text = f"{n} highlight{'s' if n != 1 else ''}" if n else "No highlights yet"
            if lost:
                text += f" ({lost} not found in the text)"
            self.heading.setText(text)
        self.hint.setVisible(article is not None and n == 0)
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        value = index.data(HighlightIdRole) if index.isValid() else None
        return str(value) if value else None

    def current(self) -> Highlight | None:
        index = self.list.currentIndex()
        return self.model.highlight(index.row()) if index.isValid() else None

    def select(self, highlight_id: str) -> bool:
        row = self.model.row_of(highlight_id)
        if row is None:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        return True

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for w in (self.note_button, self.color_button, self.remove_button):
            w.setEnabled(has)

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_list_activated(self, index: QModelIndex) -> None:
        value = index.data(HighlightIdRole)
        if value:
            self.highlight_activated.emit(str(value))

    def _on_note_clicked(self) -> None:
        hid = self.current_id()
        if hid:
            self.note_requested.emit(hid)

    def _on_remove_clicked(self) -> None:
        hid = self.current_id()
        if hid:
            self.remove_requested.emit(hid)

    def _on_color_chosen(self, color: str) -> None:
        hid = self.current_id()
        if hid:
            self.color_requested.emit(hid, color)
