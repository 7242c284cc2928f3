"""The record of what a write changed, which every screen refreshes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids the write touched, by kind; ``tags`` when tag names or counts may have moved."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    trashed: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    purged: tuple[str, ...] = ()
    tags: bool = False
    #: Only reading state (progress) moved: lists and counts need no refresh.
    progress_only: bool = False
    #: Another program (or window) wrote to the library: anything may have changed.
    external: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.trashed
            or self.restored
            or self.purged
            or self.tags
            or self.external
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            added=self.added + other.added,
            updated=self.updated + other.updated,
            trashed=self.trashed + other.trashed,
            restored=self.restored + other.restored,
            purged=self.purged + other.purged,
            tags=self.tags or other.tags,
            progress_only=self.progress_only and other.progress_only,
            external=self.external or other.external,
        )

    @property
    def touched(self) -> frozenset[str]:
        """Every id the write touched."""
        return frozenset(self.added + self.updated + self.trashed + self.restored + self.purged)

    @property
    def membership(self) -> bool:
        """Whether lists may have gained or lost rows (not just changed some)."""
        return bool(self.added or self.trashed or self.restored or self.purged or self.external)
