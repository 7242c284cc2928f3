"""Imported text shown in Qt widgets as text, never as rich text.

Qt guesses that a string which starts like HTML is rich text (labels, tooltips), and rich text
may load a local file as an image: an article titled ``<img src="file:///dev/zero">`` would
do so when its tooltip appeared. Labels that show imported text are set to plain text; tooltips
cannot be, so their text is escaped inside markup of Folio's own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly, line breaks kept."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show whatever it is given as plain text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
