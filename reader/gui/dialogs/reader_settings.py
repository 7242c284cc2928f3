"""Reading settings: theme, font, text size and line width, applied as they are changed and
remembered (the window stores them through settings.py)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from reader.gui.widgets.reader_view import MAX_FONT, MIN_FONT

THEMES = (("system", "System"), ("light", "Light"), ("sepia", "Sepia"), ("dark", "Dark"))
MIN_WIDTH, MAX_WIDTH = 40, 140


class ReaderSettingsDialog(QDialog):
    theme_chosen = Signal(str)
    font_chosen = Signal(str)
    size_chosen = Signal(float)
    width_chosen = Signal(int)

    def __init__(
        self,
        *,
        theme: str,
        family: str,
        size: float,
        width: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerSettings")
        self.setWindowTitle("Reading")
        self.setAccessibleName("Reading settings")
        self.themes = QButtonGroup(self)
        row = QHBoxLayout()
        for name, label in THEMES:
            button = QRadioButton(label)
            button.setObjectName(f"theme_{name}")
            button.setProperty("theme", name)
            button.setChecked(name == theme)
            self.themes.addButton(button)
            row.addWidget(button)
        self.themes.buttonClicked.connect(
            lambda b: self.theme_chosen.emit(str(b.property("theme")))
        )
        self.font_box = QFontComboBox()
        self.font_box.setAccessibleName("Font")
        self.font_box.setEditable(False)
        self.font_box.insertItem(0, "Folio's reading serif")
        self.font_box.insertSeparator(1)
        if family:
            self.font_box.setCurrentFont(QFont(family))
        else:
            self.font_box.setCurrentIndex(0)
        self.font_box.currentIndexChanged.connect(self._on_font_changed)
        self.size_box = QDoubleSpinBox()
        self.size_box.setAccessibleName("Text size")
        self.size_box.setRange(MIN_FONT, MAX_FONT)
        self.size_box.setSingleStep(1.0)
        self.size_box.setDecimals(0)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(size)
        self.size_box.valueChanged.connect(self.size_chosen)
        self.width_slider = QSlider(Qt.Orientation.Horizontal)
        self.width_slider.setAccessibleName("Line width")
        self.width_slider.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_slider.setValue(width)
        self.width_box = QSpinBox()
        self.width_box.setAccessibleName("Line width in characters")
        self.width_box.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_box.setSuffix(" characters")
        self.width_box.setValue(width)
        self.width_slider.valueChanged.connect(self.width_box.setValue)
        self.width_box.valueChanged.connect(self.width_slider.setValue)
        self.width_box.valueChanged.connect(self.width_chosen)
        widths = QHBoxLayout()
        widths.addWidget(self.width_slider, 1)
        widths.addWidget(self.width_box)
        form = QFormLayout(self)
        form.addRow("Theme", row)
        form.addRow("Font", self.font_box)
        form.addRow("Size", self.size_box)
        form.addRow("Line width", widths)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_family(self) -> str:
        """The chosen font's family ("" for the default), without a foundry suffix."""
        index = self.font_box.currentIndex()
        if index <= 0:
            return ""
        # The item's text: currentFont() still holds the previous font while the index moves.
        return re.sub(r"\s*\[[^\]]*\]$", "", self.font_box.itemText(index))

    def _on_font_changed(self, _index: int) -> None:
        self.font_chosen.emit(self.chosen_family())
