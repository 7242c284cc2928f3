"""Errors that cross layers: each carries a message a user can read as it is."""

from __future__ import annotations

from enum import Enum


class FolioError(Exception):
    """Base class of the errors Folio reports to its users in one line."""


class QueryCancelled(FolioError):
    """A read stopped half-way because its answer was no longer wanted."""


class ImportFormatError(FolioError):
    """An input that an importer cannot read, with where the problem is when that helps.

    ``location`` is a short human pointer such as ``"line 12"`` or ``"item 3"``.
    """

    def __init__(self, message: str, *, location: str | None = None) -> None:
        self.reason = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class ExportError(FolioError):
    """An export that could not be written."""


class ArticleNotFoundError(FolioError):
    """An article id that the library does not hold."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        super().__init__(f"no article with id {article_id}")


class EditConflictError(FolioError):
    """A save based on a version of the article that someone else has since changed."""

    def __init__(self, article_id: str, expected: int, actual: int) -> None:
        self.article_id = article_id
        self.expected_version = expected
        self.actual_version = actual
        super().__init__(
            f"article {article_id} was changed elsewhere "
            f"(version {actual}, edit based on {expected})"
        )


class StorageProblem(Enum):
    """Why the library file refused something; each kind has its own safe way out."""

    #: The file fails SQLite's integrity check, or SQLite found a damaged page.
    DAMAGED = "damaged"
    #: Not an SQLite database, or an SQLite database of another program.
    NOT_FOLIO = "not_folio"
    #: Made by a newer Folio (a schema revision this Folio does not know).
    NEWER = "newer"
    #: The file or its folder cannot be written (permissions, read-only media).
    READ_ONLY = "read_only"
    #: The disk holding the library is full.
    DISK_FULL = "disk_full"
    #: Another program kept the library locked for longer than Folio waits.
    BUSY = "busy"
    #: Missing, unreadable, or refused for another reason.
    UNREADABLE = "unreadable"


class LibraryOpenError(FolioError):
    """A library file that cannot be opened as it is (not Folio's, damaged, newer, read-only).

    ``problem`` says which, so the app can offer the right way out (open read-only, restore a
    backup, free some space, quit).
    """

    def __init__(
        self, message: str, *, problem: StorageProblem = StorageProblem.UNREADABLE
    ) -> None:
        self.problem = problem
        super().__init__(message)


class StorageError(FolioError):
    """A read or write that the library file refused (disk full, read-only, busy, damaged).

    Nothing was changed: the transaction was rolled back.
    """

    def __init__(self, message: str, *, problem: StorageProblem) -> None:
        self.problem = problem
        super().__init__(message)
