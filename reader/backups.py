"""Rolling backups of a library: when they are taken, what they are called, how many are kept.

Backups live in a folder beside the library (``paths.backup_dir``), one self-contained SQLite
file each, named ``<library>-<UTC time>-<reason>.sqlite3`` so they sort by age and say why
they were taken: ``daily`` (the first open of a day), ``before-schema-<revision>`` (just before
a schema upgrade), ``manual`` (``folio backup``) or ``before-restore`` (the library as it was
before a restore replaced it). The newest ``KEEP`` are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.domain.errors import LibraryOpenError, StorageError, StorageProblem
from reader.paths import backup_dir
from reader.storage import backup as sqlite_backup
from reader.storage import health
from reader.storage.schema import HEAD_REVISION

#: How many backups of a library are kept (the oldest go first).
KEEP = 10
#: A library opened this long after its newest backup gets a new one.
DAILY = timedelta(hours=24)

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z0-9-]+)\.sqlite3$"
)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    articles: int | None = None
    #: Several backups taken within one second are numbered 2, 3, ... in their names.
    sequence: int = 1

    @property
    def label(self) -> str:
        """How a person sees it listed: local time, why, how many articles."""
        when = self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        why = {
            "daily": "daily",
            "manual": "made by hand",
            "before-restore": "before a restore",
        }.get(self.reason, self.reason.replace("-", " "))
        count = "" if self.articles is None else f", {self.articles} articles"
        return f"{when} ({why}{count})"


def folder_for(library: Path) -> Path:
    return backup_dir(library)


def _parse(path: Path, library: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None or m.group("stem") != library.stem:
        return None
    try:
        taken = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(
        path=path,
        taken_at=taken,
        reason=m.group("reason"),
        size=size,
        sequence=int(m.group("n") or 1),
    )


def list_backups(library: Path, *, count: bool = False) -> list[BackupInfo]:
    """The backups of ``library``, newest first (``count`` reads each one's article count)."""
    folder = folder_for(library)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [info for p in entries if p.is_file() and (info := _parse(p, library)) is not None]
    found.sort(key=lambda b: (b.taken_at, b.sequence), reverse=True)
    if count:
        found = [replace(b, articles=sqlite_backup.count_articles(b.path)) for b in found]
    return found


def _reason_slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return slug or "manual"


def take(
    library: Path,
    *,
    reason: str = "manual",
    output: Path | None = None,
    now: datetime | None = None,
    keep: int = KEEP,
) -> BackupInfo:
    """Back up ``library`` now: to ``output`` if given, else into its backup folder (where
    only the newest ``keep`` are kept). Raises StorageError if it cannot be done."""
    taken = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    if output is not None:
        target = output
        if target.is_dir():
            target = target / _file_name(library, taken, reason, target)
    else:
        folder = folder_for(library)
        target = folder / _file_name(library, taken, reason, folder)
    if target.resolve() == library.resolve():
        raise StorageError(
            "a backup cannot replace the library itself", problem=StorageProblem.UNREADABLE
        )
    sqlite_backup.copy_to(library, target)
    if output is None:
        prune(library, keep=keep)
    info = _parse(target, library)
    return info or BackupInfo(target, taken, _reason_slug(reason), target.stat().st_size)


def _file_name(library: Path, taken: datetime, reason: str, folder: Path) -> str:
    stamp = taken.strftime("%Y%m%d-%H%M%S")
    slug = _reason_slug(reason)
    name = f"{library.stem}-{stamp}-{slug}.sqlite3"
    n = 2
    while (folder / name).exists():
        name = f"{library.stem}-{stamp}-{n}-{slug}.sqlite3"
        n += 1
    return name


def prune(library: Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``library``; return what went."""
    gone: list[Path] = []
    for info in list_backups(library)[max(keep, 1) :]:
        try:
            info.path.unlink()
            gone.append(info.path)
        except OSError:
            continue
    return gone


def due(library: Path, *, now: datetime | None = None) -> bool:
    """Whether the daily backup is due (no backup in the last 24 hours)."""
    newest = next(iter(list_backups(library)), None)
    moment = now or datetime.now(UTC)
    return newest is None or moment - newest.taken_at >= DAILY


def before_migration(library: Path) -> Callable[[str | None], None]:
    """The Store's hook: a backup just before a schema upgrade (none for a new file)."""

    def hook(current: str | None) -> None:
        if current is None:
            return
        take(library, reason=f"before-schema-{current}")

    return hook


def restore(backup: Path, library: Path) -> tuple[BackupInfo | None, Path | None]:
    """Replace ``library`` with ``backup`` after checking the backup.

    The library as it was is backed up first when it can be read (``before-restore``); a
    library too damaged for that is moved aside instead, never deleted. Returns that backup and
    the path a damaged library was moved to.
    """
    sqlite_backup.verify(backup, head_revision=HEAD_REVISION)
    if backup.resolve() == library.resolve():
        raise StorageError("that file is the library itself", problem=StorageProblem.UNREADABLE)
    safety: BackupInfo | None = None
    if library.exists() and library.stat().st_size > 0:
        try:
            safety = take(library, reason="before-restore", keep=KEEP + 1)
        except StorageError as exc:
            if exc.problem not in (
                StorageProblem.DAMAGED,
                StorageProblem.NOT_FOLIO,
                StorageProblem.UNREADABLE,
            ):
                raise
    try:
        moved = sqlite_backup.restore_into(backup, library, head_revision=HEAD_REVISION)
    except LibraryOpenError:
        raise
    except OSError as exc:
        problem = health.problem_of(exc) or StorageProblem.UNREADABLE
        raise StorageError(
            health.describe(problem, library, exc.strerror or ""), problem=problem
        ) from exc
    return safety, moved
