"""Questions the window asks the user. Kept in one place so each has one wording, and so
tests can answer them without a modal loop."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, title: str) -> UnsavedChoice:
    """Save, discard or keep editing the unsaved changes to ``title``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save your changes to “{title or 'Untitled'}”?")
    box.setInformativeText("Your edits will be lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """A yes/no question whose yes button says what it does."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class ImageChoice(Enum):
    LOAD = "load"
    BROWSER = "browser"
    CANCEL = "cancel"


def ask_remote_image(parent: QWidget, url: str) -> ImageChoice:
    """Load one remote image into the reader, open it in the browser, or leave it."""
    host = QUrl(url).host() or url
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Load image")
    box.setText(f"Load this image from {host}?")
    box.setInformativeText(
        "Folio loads nothing from the web by itself. Loading the image tells that site that "
        "you are reading this article."
    )
    box.setDetailedText(url)
    load = box.addButton("Load image", QMessageBox.ButtonRole.AcceptRole)
    browser = box.addButton("Open in browser", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(load)
    box.exec()
    clicked = box.clickedButton()
    if clicked is load:
        return ImageChoice.LOAD
    if clicked is browser:
        return ImageChoice.BROWSER
    return ImageChoice.CANCEL


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def ask_highlight_note(
    parent: QWidget, quote: str, note: str | None, color: str
) -> tuple[str | None, str] | None:
    """The note and colour for a highlight, or None when the user cancels."""
    from reader.gui.dialogs.highlight_note import HighlightNoteDialog

    dialog = HighlightNoteDialog(quote, note or "", color, parent)
    if dialog.exec() != HighlightNoteDialog.DialogCode.Accepted:
        return None
    return dialog.values()


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """One line of text (a tag's new name), or None when the user cancels."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def ask_tags(
    parent: QWidget,
    count: int,
    common: tuple[str, ...],
    partial: tuple[str, ...],
    names: list[str],
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(tags to add, tags to remove) for a selection, or None when the user cancels."""
    from reader.gui.dialogs.tag_dialog import TagDialog

    dialog = TagDialog(count, common, partial, names, parent)
    if dialog.exec() != TagDialog.DialogCode.Accepted:
        return None
    return dialog.edits()
