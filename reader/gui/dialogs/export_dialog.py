"""File > Export: which format, which articles, and where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reader.library import FormatInfo

SCOPE_SELECTION = "selection"
SCOPE_LIST = "list"
SCOPE_ALL = "all"


class ExportDialog(QDialog):
    """Asks for a format, a scope and a target; ``choice()`` gives them once accepted."""

    def __init__(
        self,
        formats: list[FormatInfo],
        *,
        selected: int,
        listed: int,
        total: int,
        folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export articles")
        self.setObjectName("exportDialog")
        self._formats = formats
        self.format_box = QComboBox()
        for f in formats:
            kind = "a file per article" if f.multi_file else "one file"
            self.format_box.addItem(f"{f.label} ({kind})", f.name)
        self.scope_box = QComboBox()
        if selected:
            self.scope_box.addItem(f"Selected articles ({selected})", SCOPE_SELECTION)
        self.scope_box.addItem(f"Articles in the list ({listed})", SCOPE_LIST)
        self.scope_box.addItem(f"Whole library ({total})", SCOPE_ALL)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self._folder = folder or str(Path.home())
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow("Articles", self.scope_box)
        form.addRow("Save to", row)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self._on_format_changed()
        self.resize(560, 200)

    def current_format(self) -> FormatInfo:
        return self._formats[self.format_box.currentIndex()]

    def _on_format_changed(self) -> None:
        f = self.current_format()
        if f.multi_file:
            self.hint.setText("Choose a folder: one file per article is written into it.")
            suggested = str(Path(self._folder) / "Folio export")
        else:
            self.hint.setText("Choose a file name.")
            suggested = str(Path(self._folder) / f"folio-export.{f.extensions[0]}")
        current = self.path_edit.text()
        if not current or current.startswith(str(Path(self._folder))):
            self.path_edit.setText(suggested)
        self._update_ok()

    def _browse(self) -> None:
        f = self.current_format()
        if f.multi_file:
            chosen = QFileDialog.getExistingDirectory(self, "Export into folder", self._folder)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to file", self.path_edit.text(), f"{f.label} (*.{f.extensions[0]})"
            )
        if chosen:
            self.path_edit.setText(chosen)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()))

    def choice(self) -> tuple[str, str, str]:
        """(format name, scope, target path)."""
        return (
            self.current_format().name,
            str(self.scope_box.currentData()),
            self.path_edit.text().strip(),
        )
