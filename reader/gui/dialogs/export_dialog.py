"""File > Export: which format, which articles, how the files are laid out, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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

from reader.library import ExportOptions, FormatInfo, Layout

SCOPE_SELECTION = "selection"
SCOPE_LIST = "list"
SCOPE_ALL = "all"

#: Formats whose one-file layout is a digest that carries a title.
TITLED_FORMATS = frozenset({"epub", "pdf", "html"})
#: The lossless formats, which can carry each article's saved revisions.
REVISION_FORMATS = frozenset({"json", "jsonl"})

#: What each layout writes, said in the dialog.
_HINTS: dict[Layout, str] = {
    Layout.ONE_FILE: "Every article goes into one file.",
    Layout.PER_ARTICLE: "Choose a folder: a file per article is written into it, named after "
    "its title.",
    Layout.BY_TAG: "Choose a folder: each article goes into the folder of its first tag "
    "(nested for tags like science/space), untagged articles at the top.",
}


#: What each format's one file is, said in the dialog.
_ONE_FILE_HINTS: dict[str, str] = {
    "json": "Everything, losslessly (state, highlights, where each article came from): "
    "Folio reads it back as it was.",
    "jsonl": "Everything, losslessly, an article a line (for scripts and other tools).",
    "html": "One page: a table of contents, then every article.",
    "epub": "A reading digest for e-readers: a chapter per article, with a table of contents.",
    "pdf": "Paginated, for printing: each article starts on a new page.",
    "txt": "Every article as plain text, one after the other.",
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the user asked for."""

    format: str
    scope: str
    target: str
    options: ExportOptions


class ExportDialog(QDialog):
    """Asks for a format, a scope, a layout and a target; ``choice()`` gives them."""

    def __init__(
        self,
        formats: list[FormatInfo],
        *,
        selected: int,
        listed: int,
        total: int,
        folder: str = "",
        list_label: str = "Articles in the list",
        initial_format: str = "",
        initial_scope: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export articles")
        self.setObjectName("exportDialog")
        self._formats = formats
        self._folder = folder or str(Path.home())

        self.format_box = QComboBox()
        self.format_box.setObjectName("exportFormat")
        for f in formats:
            self.format_box.addItem(f"{f.label} (.{f.extensions[0]})", f.name)
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("exportScope")
        if selected:
            self.scope_box.addItem(f"Selected articles ({selected})", SCOPE_SELECTION)
        self.scope_box.addItem(f"{list_label} ({listed})", SCOPE_LIST)
        self.scope_box.addItem(f"Whole library ({total})", SCOPE_ALL)
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("exportLayout")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("exportTitle")
        self.title_edit.setPlaceholderText("Made up from the date")
        self.title_label = QLabel("Title")
        self.revisions_box = QCheckBox("Include each article's saved revisions")
        self.revisions_box.setObjectName("exportRevisions")
        self.revisions_box.setToolTip(
            "Every earlier version kept by Save, so the history comes back on import"
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.hint = QLabel("")
        self.hint.setObjectName("exportHint")
        self.hint.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow("Articles", self.scope_box)
        form.addRow("Files", self.layout_box)
        form.addRow(self.title_label, self.title_edit)
        form.addRow("", self.revisions_box)
        form.addRow("Save to", row)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

        for n, f in enumerate(formats):
            if f.name == initial_format:
                self.format_box.setCurrentIndex(n)
        scope_index = self.scope_box.findData(initial_scope) if initial_scope else -1
        if scope_index >= 0:
            self.scope_box.setCurrentIndex(scope_index)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.layout_box.currentIndexChanged.connect(self._on_layout_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self._on_format_changed()
        self.resize(600, 260)

    # ------------------------------------------------------------------ state
    def current_format(self) -> FormatInfo:
        return self._formats[self.format_box.currentIndex()]

    def current_layout(self) -> Layout:
        data = self.layout_box.currentData()
        return Layout(data) if data else Layout.ONE_FILE

    def _suggested_path(self) -> str:
        f = self.current_format()
        if self.current_layout() is Layout.ONE_FILE:
            return str(Path(self._folder) / f"Folio export.{f.extensions[0]}")
        return str(Path(self._folder) / f"Folio export ({f.label})")

    def _on_format_changed(self) -> None:
        f = self.current_format()
        self.layout_box.blockSignals(True)
        self.layout_box.clear()
        for layout in f.layouts or (Layout.ONE_FILE,):
            self.layout_box.addItem(layout.label, layout.value)
        self.layout_box.blockSignals(False)
        self.layout_box.setEnabled(self.layout_box.count() > 1)
        self._on_layout_changed()

    def _on_layout_changed(self) -> None:
        layout = self.current_layout()
        hint = _HINTS[layout]
        if layout is Layout.ONE_FILE:
            hint = _ONE_FILE_HINTS.get(self.current_format().name, hint)
        if layout is Layout.PER_ARTICLE and self.current_format().name == "html":
            hint += " An index.html links them all."
        self.hint.setText(hint)
        titled = layout is Layout.ONE_FILE and self.current_format().name in TITLED_FORMATS
        self.title_label.setVisible(titled)
        self.title_edit.setVisible(titled)
        self.revisions_box.setVisible(self.current_format().name in REVISION_FORMATS)
        current = self.path_edit.text()
        # A path the dialog suggested follows the format; one the user typed stays.
        if not current or current.startswith(str(Path(self._folder) / "Folio export")):
            self.path_edit.setText(self._suggested_path())
        self._update_ok()

    def _on_browse_clicked(self) -> None:
        f = self.current_format()
        if self.current_layout() is Layout.ONE_FILE:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to file", self.path_edit.text(), f"{f.label} (*.{f.extensions[0]})"
            )
        else:
            chosen = QFileDialog.getExistingDirectory(self, "Export into folder", self._folder)
        if chosen:
            self.path_edit.setText(chosen)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()))

    def choice(self) -> ExportChoice:
        """What the user chose."""
        layout = self.current_layout()
        title = self.title_edit.text().strip() if self.title_edit.isVisibleTo(self) else ""
        target = self.path_edit.text().strip()
        extension = self.current_format().extensions[0]
        if layout is Layout.ONE_FILE and not target.casefold().endswith(f".{extension}"):
            target += f".{extension}"
        return ExportChoice(
            format=self.current_format().name,
            scope=str(self.scope_box.currentData()),
            target=target,
            options=ExportOptions(
                layout=layout,
                title=title or None,
                revisions=self.revisions_box.isChecked() and self.revisions_box.isVisibleTo(self),
            ),
        )
