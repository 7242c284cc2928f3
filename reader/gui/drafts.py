"""Unsaved edits kept as drafts, so a crash or a kill never loses them.

A moment after typing stops, the editing form's values are written, atomically, to a small
JSON file keyed by the article's id, in a folder of the data folder kept per library. Saving,
reverting or discarding the edits removes the draft; a draft still there when Folio starts
was left by a run that ended without either, and is offered back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.domain.times import iso_utc, parse_iso
from reader.outputs import atomic_file
from reader.paths import drafts_dir

#: How long after the last keystroke a draft is written.
DRAFT_DELAY_MS = 800
#: The key of the draft of a new, never saved article.
NEW = "new"


@dataclass(frozen=True, slots=True)
class Draft:
    """The form's values for one article, as they were when typing last stopped."""

    key: str
    title: str
    fields: dict[str, object]
    saved_at: datetime
    #: The version of the article the edits started from (None for a new article).
    base_version: int | None = None

    @property
    def is_new(self) -> bool:
        return self.key == NEW


class DraftStore:
    """The drafts of one library, one file an article."""

    def __init__(self, library_path: Path, folder: Path | None = None) -> None:
        digest = hashlib.sha256(str(library_path.resolve()).encode("utf-8")).hexdigest()[:16]
        self.folder = (folder or drafts_dir()) / digest

    def _path(self, key: str) -> Path:
        safe = "".join(c for c in key if c.isalnum() or c in "-_") or NEW
        return self.folder / f"{safe}.json"

    def save(self, draft: Draft) -> Path:
        path = self._path(draft.key)
        data = {
            "key": draft.key,
            "title": draft.title,
            "saved_at": iso_utc(draft.saved_at),
            "base_version": draft.base_version,
            "fields": draft.fields,
        }
        with atomic_file(path) as stream:
            stream.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        return path

    def discard(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(key))

    def load(self, key: str) -> Draft | None:
        return self._read(self._path(key))

    def pending(self) -> list[Draft]:
        """Every draft left behind, newest first (unreadable files are skipped)."""
        if not self.folder.is_dir():
            return []
        found = [d for p in self.folder.glob("*.json") if (d := self._read(p)) is not None]
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    @staticmethod
    def _read(path: Path) -> Draft | None:
        try:
            data = json.loads(path.read_text("utf-8"))
            fields = data["fields"]
            saved_at = parse_iso(data.get("saved_at"))
            if not isinstance(fields, dict) or saved_at is None:
                return None
            base = data.get("base_version")
            return Draft(
                key=str(data["key"]),
                title=str(data.get("title") or ""),
                fields=fields,
                saved_at=saved_at,
                base_version=int(base) if base is not None else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


class DraftKeeper(QObject):
    """Writes the form's draft a moment after each change, and drops it once the form is
    clean again (saved, reverted, discarded)."""

    draft_saved = Signal(str)
    draft_discarded = Signal(str)

    def __init__(
        self,
        store: DraftStore,
        snapshot: Callable[[], Draft | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._snapshot = snapshot
        self._written: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def written_key(self) -> str | None:
        """The key of the draft this keeper last wrote and has not dropped."""
        return self._written

    def schedule(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Write the draft now (or drop it if there is nothing unsaved)."""
        self._timer.stop()
        draft = self._snapshot()
        if draft is None:
            self.drop()
            return
        if self._written is not None and self._written != draft.key:
            self.store.discard(self._written)
        try:
            self.store.save(draft)
        except OSError:
            return  # a full or read-only disk must not stop the editing
        self._written = draft.key
        self.draft_saved.emit(draft.key)

    def drop(self) -> None:
        """The form is clean: the draft it wrote is no longer needed."""
        self._timer.stop()
        if self._written is not None:
            key, self._written = self._written, None
            self.store.discard(key)
            self.draft_discarded.emit(key)

    def forget(self, key: str) -> None:
        """Remove a draft that was offered back and declined."""
        self.store.discard(key)
        if self._written == key:
            self._written = None
