"""The import report: for every input, what became of it and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    #: A second copy of an article within the same file, merged into the first.
    MERGED = "merged"


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article (or one refused input) of an import.

    ``file`` is the input as given or found in a folder; ``item`` points inside a file that holds
    many articles ("item 3", "line 12"); ``article_id`` is the new article's id, or for a
    duplicate the id of the article already in the library.
    """

    file: str
    outcome: Outcome
    title: str = ""
    article_id: str | None = None
    error: str | None = None
    item: str | None = None
    #: What a duplicate still brought to the article already saved (its text, highlights).
    note: str | None = None

    def describe(self) -> str:
        where = f"{self.file} ({self.item})" if self.item else self.file
        if self.outcome is Outcome.FAILED:
            return f"failed     {where}: {self.error}"
        if self.outcome is Outcome.MERGED:
            return f"merged     {where}: {self.title} (a copy of an article earlier in the file)"
        label = "imported  " if self.outcome is Outcome.IMPORTED else "duplicate "
        note = f" ({self.note})" if self.note else ""
        return f"{label} {where}: {self.title}{note}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Everything an import did, in input order; ``cancelled`` when the user stopped it."""

    items: tuple[ImportItem, ...] = ()
    cancelled: bool = False
    #: Files looked at, including ones that gave no article.
    files: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def imported(self) -> tuple[ImportItem, ...]:
        return tuple(i for i in self.items if i.outcome is Outcome.IMPORTED)

    @property
    def duplicates(self) -> tuple[ImportItem, ...]:
        return tuple(i for i in self.items if i.outcome is Outcome.DUPLICATE)

    @property
    def merged(self) -> tuple[ImportItem, ...]:
        return tuple(i for i in self.items if i.outcome is Outcome.MERGED)

    @property
    def failed(self) -> tuple[ImportItem, ...]:
        return tuple(i for i in self.items if i.outcome is Outcome.FAILED)

    @property
    def imported_ids(self) -> tuple[str, ...]:
        return tuple(i.article_id for i in self.imported if i.article_id)

    def summary(self) -> str:
        """One line for a status bar: ``imported 3 (1 duplicate skipped, 1 failed)``."""
        parts = []
        if self.merged:
            n = len(self.merged)
            parts.append(f"{n} cop{'ies' if n != 1 else 'y'} merged")
        if self.duplicates:
            n = len(self.duplicates)
            parts.append(f"{n} duplicate{'s' if n != 1 else ''} skipped")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append("cancelled")
        text = f"imported {len(self.imported)}"
        return f"{text} ({', '.join(parts)})" if parts else text

    def to_text(self) -> str:
        """The full report, one line an item, as the dialog shows and the CLI prints it."""
        lines = [i.describe() for i in self.items]
        lines.extend(self.notes)
        lines.append(self.summary())
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        """The shape ``folio import --json`` prints (PRODUCT.md)."""

        def entry(i: ImportItem) -> dict[str, object]:
            out: dict[str, object] = {"file": i.file, "id": i.article_id, "title": i.title}
            if i.item:
                out["item"] = i.item
            return out

        return {
            "imported": [entry(i) for i in self.imported],
            "duplicates": [entry(i) for i in self.duplicates],
            "merged": [entry(i) for i in self.merged],
            "failed": [
                {"file": i.file, "error": i.error, **({"item": i.item} if i.item else {})}
                for i in self.failed
            ],
            "cancelled": self.cancelled,
        }
