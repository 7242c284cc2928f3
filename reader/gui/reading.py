"""The window's reading settings: theme, font, size and line width, applied to the reader
and remembered through settings.py (the dialog offers them, the View menu and keys too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from reader import settings as S

if TYPE_CHECKING:
    from reader.gui.dialogs.reader_settings import ReaderSettingsDialog
    from reader.gui.main_window import MainWindow


class Reading(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def show_settings(self) -> ReaderSettingsDialog:
        """Theme, font, size and line width, applied as they change."""
        from reader.gui.dialogs.reader_settings import ReaderSettingsDialog

        w = self.window
        dialog = ReaderSettingsDialog(
            theme=w.settings.get(S.THEME),
            family=w.settings.get(S.FONT_FAMILY),
            size=w.reader.font_size(),
            width=w.settings.get(S.LINE_WIDTH),
            parent=w,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.theme_chosen.connect(w.set_theme)
        dialog.font_chosen.connect(self.set_font_family)
        dialog.size_chosen.connect(self.set_font_size)
        dialog.width_chosen.connect(self.set_line_width)
        dialog.show()
        return dialog

    def set_font_family(self, family: str) -> None:
        """The reader's font ("" for Folio's reading serif)."""
        w = self.window
        w.settings.set(S.FONT_FAMILY, family)
        w.reader.set_font(family or None, w.reader.font_size())

    def set_font_size(self, size: float) -> None:
        w = self.window
        w.reader.set_font(w.settings.get(S.FONT_FAMILY) or None, size)
        w.settings.set(S.FONT_SIZE, w.reader.font_size())

    def set_line_width(self, chars: int) -> None:
        w = self.window
        w.reader.set_line_width(chars)
        w.settings.set(S.LINE_WIDTH, chars)
