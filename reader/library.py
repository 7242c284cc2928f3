"""The library facade: the one API the GUI and the command line call.

It owns the transactions (a session per call, so any thread may call it), drives imports and
exports with progress and cancel, and returns ``Changes`` after every write so every screen can
refresh from one notification. It never imports Qt.
"""

from __future__ import annotations

import contextlib
import os
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from reader import backups
from reader.backups import BackupInfo
from reader.domain.anchoring import reanchor_all
from reader.domain.article import (
    Article,
    ArticleDraft,
    ArticleSummary,
    Highlight,
    Revision,
)
from reader.domain.changes import Changes
from reader.domain.errors import (
    ExportError,
    FolioError,
    ImportFormatError,
    StorageError,
    StorageProblem,
)
from reader.domain.fetch import FetchItem, FetchReport, fill_article
from reader.domain.keys import keys_of
from reader.domain.merge import complete as merge_complete
from reader.domain.merge import merge_copies
from reader.domain.query import ListQuery, SearchResults, SortKey, View, parse_query
from reader.domain.report import ImportItem, ImportReport, Outcome
from reader.domain.text import clean_tags
from reader.domain.times import utc_now
from reader.fetching import FetchLimits, download
from reader.formats import registry
from reader.formats.export_options import ExportOptions, Layout
from reader.import_pipeline import Entry, defuse_draft, parse_inputs
from reader.inputs import Input, walk
from reader.outputs import NameAllocator, atomic_file, remove_stale_parts
from reader.render.html import body_text
from reader.storage import Store, storage_problem
from reader.storage import repository as repo
from reader.storage import search as fts
from reader.storage.repository import Counts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reader.storage import bulk

#: ``progress(done, total, label)``: how far a long job is.
Progress = Callable[[int, int, str], None]
#: Articles written per transaction during an import (a crash loses at most one batch).
#: Every commit writes again the pages of the list indexes and the full-text index that the
#: batch touched; at 100,000 articles batches of 500 spent half as long again committing.
IMPORT_BATCH = 1000
#: Articles read per query while exporting.
EXPORT_CHUNK = 200

__all__ = [
    "BackupInfo",
    "Changes",
    "Counts",
    "ExportOptions",
    "ExportResult",
    "FormatInfo",
    "Layout",
    "Library",
    "Progress",
]


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """An importer or exporter as the GUI's dialogs list it."""

    name: str
    label: str
    extensions: tuple[str, ...]
    multi_file: bool = False
    #: For an exporter: the layouts it offers, its default first.
    layouts: tuple[Layout, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportResult:
    files: tuple[str, ...]
    articles: int
    cancelled: bool = False


def _never() -> bool:
    return False


class Library:
    """An open library file. Safe to call from any thread: each call opens its own session."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._write_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        daily_backup: bool = True,
        allow_damaged: bool = False,
        defer_check_above: int | None = None,
    ) -> Library:
        """Open (creating it if needed) the library at ``path``; LibraryOpenError if it can't.

        A schema upgrade is preceded by a backup; ``daily_backup`` also takes the day's backup
        now when it is due (the GUI takes it in the background instead, with backup_if_due).
        ``allow_damaged`` opens a damaged library read-only, to read and export what it can.
        ``defer_check_above`` (bytes) opens a larger library without waiting for its integrity
        check: ``verify`` runs it (the first write waits for it; see ``Store``).
        """
        target = Path(path)
        store = Store(
            target,
            read_only=read_only,
            before_migration=backups.before_migration(target),
            allow_damaged=read_only and allow_damaged,
            defer_check_above=defer_check_above,
        )
        library = cls(store)
        if daily_backup and not read_only:
            # A backup that cannot be made (full disk) must not stop the user opening the
            # library; it is tried again on the next open.
            with contextlib.suppress(StorageError):
                library.backup_if_due()
        return library

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    def close(self) -> None:
        self._store.close()

    @property
    def unverified(self) -> bool:
        """Whether the integrity check deferred at open (``defer_check_above``) is still due."""
        return self._store.unverified

    def verify(self) -> StorageError | None:
        """Run the integrity check deferred at open; the damage it found (the library is then
        read-only), or None. Reads the whole file: run it off the GUI thread."""
        return self._store.verify()

    @property
    def damaged(self) -> bool:
        """Whether the integrity check run after opening found the file damaged."""
        return self._store.damage is not None

    # ------------------------------------------------------------------ others' writes
    def external_changes(self) -> Changes:
        """What another program (or window) wrote since the last call: ``Changes(external=
        True)`` if anything, else an empty Changes. Cheap enough to poll on a timer."""
        if self._store.external_change():
            return Changes(external=True, tags=True)
        return Changes()

    # ------------------------------------------------------------------ backups
    def backups(self, *, count: bool = False) -> list[BackupInfo]:
        """This library's backups, newest first."""
        return backups.list_backups(self.path, count=count)

    @staticmethod
    def backups_of(path: str | os.PathLike[str], *, count: bool = False) -> list[BackupInfo]:
        """The backups of a library that may not open (for the open-problem dialog)."""
        return backups.list_backups(Path(path), count=count)

    def backup(self, output: str | os.PathLike[str] | None = None) -> BackupInfo:
        """Back the library up now (into its backup folder, or to ``output``)."""
        return backups.take(
            self.path, reason="manual", output=Path(output) if output is not None else None
        )

    def backup_if_due(self) -> BackupInfo | None:
        """Take the daily backup if the newest is a day old; an empty library needs none."""
        if self.read_only or not backups.due(self.path):
            return None
        if self.counts().all == 0 and self.counts().trash == 0:
            return None
        return backups.take(self.path, reason="daily")

    def restore_backup(self, backup: str | os.PathLike[str]) -> Changes:
        """Replace this library's content with a backup (checked first; the current state is
        backed up before). The library stays open on the restored content."""
        if self.read_only and not self.damaged:
            raise StorageError(
                "this library is open read-only; it cannot be restored",
                problem=StorageProblem.READ_ONLY,
            )
        with self._write_lock:
            self._store.close()
            try:
                backups.restore(Path(backup), self.path)
            finally:
                self._store = Store(self.path, before_migration=backups.before_migration(self.path))
        return Changes(external=True, tags=True)

    @staticmethod
    def restore_file(
        backup: str | os.PathLike[str], library: str | os.PathLike[str]
    ) -> tuple[BackupInfo | None, Path | None]:
        """Restore the library file at ``library`` from ``backup`` without opening it first
        (it may be damaged). Returns the backup taken of the library as it was, and where a
        library too damaged to back up was moved aside."""
        return backups.restore(Path(backup), Path(library))

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    def get(self, article_id: str) -> Article:
        """The article with this id (ArticleNotFoundError if there is none)."""
        with self._store.read() as s:
            return repo.get_article(s, article_id)

    def get_many(self, article_ids: Sequence[str]) -> list[Article]:
        with self._store.read() as s:
            return repo.get_articles(s, article_ids)

    def keys(self, query: ListQuery, *, cancelled: Callable[[], bool] | None = None) -> array[int]:
        """The row keys of every article ``query`` shows, in order (compact: 8 bytes a row).
        ``cancelled()`` turning true stops the read (QueryCancelled)."""
        with self._store.read() as s:
            return array("q", fts.ordered_keys(s, query, cancelled=cancelled))

    def first_keys(
        self, query: ListQuery, limit: int, *, cancelled: Callable[[], bool] | None = None
    ) -> tuple[array[int], bool]:
        """The first ``limit`` row keys ``query`` shows, in order (what a list paints first,
        read with ``LIMIT``: far cheaper than every key of a large view), and whether they
        are all of them."""
        with self._store.read() as s:
            keys = array("q", fts.ordered_keys(s, query, limit + 1, cancelled=cancelled))
        complete = len(keys) <= limit
        return (keys if complete else keys[:limit]), complete

    def summaries(self, keys: Sequence[int]) -> dict[int, ArticleSummary]:
        """List rows for row keys (the list model asks for a page at a time)."""
        with self._store.read() as s:
            return repo.summaries(s, keys)

    def key_of(self, article_id: str) -> int | None:
        with self._store.read() as s:
            return repo.pk_of(s, article_id)

    def keys_of(self, article_ids: Sequence[str]) -> dict[str, int]:
        with self._store.read() as s:
            return repo.pks_of(s, article_ids)

    def snippets(
        self, keys: Sequence[int], search: str, mark: tuple[str, str] = ("**", "**")
    ) -> dict[int, str]:
        """Body snippets with the matches of ``search`` marked, for these rows."""
        with self._store.read() as s:
            return fts.snippets(s, keys, parse_query(search), mark)

    def list_rows(self, query: ListQuery, *, limit: int | None = None) -> list[ArticleSummary]:
        """The rows of a list query (the command line's ``list``)."""
        keys = self.keys(query)
        if limit is not None:
            keys = keys[:limit]
        rows: list[ArticleSummary] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found = self.summaries(chunk)
            rows.extend(found[k] for k in chunk if k in found)
        return rows

    def search(
        self,
        text: str,
        *,
        limit: int = 50,
        offset: int = 0,
        mark: tuple[str, str] = ("**", "**"),
    ) -> SearchResults:
        """Ranked results for the search language, best first, with snippets."""
        q = parse_query(text)
        with self._store.read() as s:
            total, hits = fts.search(s, q, limit=limit, offset=offset, mark=mark)
        return SearchResults(total=total, hits=tuple(hits), query=q)

    def counts(self) -> Counts:
        with self._store.read() as s:
            return repo.counts(s)

    def tag_counts(self) -> list[tuple[str, int]]:
        with self._store.read() as s:
            return repo.tag_counts(s)

    def site_counts(self) -> list[tuple[str, int]]:
        with self._store.read() as s:
            return repo.site_counts(s)

    def tag_names(self) -> list[str]:
        with self._store.read() as s:
            return repo.all_tag_names(s)

    def tags_of(self, article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Each article's tags (the tag editor for a selection starts from them)."""
        with self._store.read() as s:
            return repo.tags_for(s, article_ids)

    def revisions(self, article_id: str) -> list[Revision]:
        """Earlier saved states of an article, newest first."""
        with self._store.read() as s:
            return repo.revisions(s, article_id)

    # ------------------------------------------------------------------ writing
    def add(self, draft: ArticleDraft) -> Changes:
        """Store a new article (``New article``, or a draft from anywhere)."""
        with self._store.write() as s:
            uid = repo.insert_article(s, draft, now=utc_now(), default_format="folio")
        return Changes(added=(uid,), tags=bool(draft.tags))

    def update(self, article: Article, *, force: bool = False) -> Changes:
        """Save the editable fields of ``article``, keeping the stored state as a revision.

        ``article.version`` must be the version the edit started from; if someone saved the
        article since, EditConflictError is raised (``force`` overwrites anyway).
        """
        with self._store.write() as s:
            before = repo.get_article(s, article.id)
            changed = repo.update_article(s, article, now=utc_now(), check_version=not force)
            if changed:
                self._reanchor(s, before, article.body)
        return Changes(updated=(article.id,), tags=True) if changed else Changes()

    @staticmethod
    def _reanchor(s: Session, before: Article, new_body: str) -> None:
        """Keep highlights on their passages when the body changed (and their indexed text
        in step): each is found again in the new text and re-cut to it; one that cannot be
        found is kept as it was, so no note is ever lost."""
        if not before.highlights or before.body == new_body:
            return
        moved, _lost = reanchor_all(before.highlights, body_text(new_body))
        if moved != before.highlights:
            repo.set_highlights(s, before.id, moved)

    def restore_revision(self, article_id: str, revision_id: int) -> Changes:
        """Make an earlier revision the current text again (the current one becomes a revision)."""
        with self._store.write() as s:
            current = repo.get_article(s, article_id)
            found = [r for r in repo.revisions(s, article_id) if r.id == revision_id]
            if not found:
                raise FolioError(f"article {article_id} has no revision {revision_id}")
            fields = dict(found[0].fields)
            fields["tags"] = clean_tags(fields.get("tags"))
            restored = replace(current, **fields)  # type: ignore[arg-type]
            repo.update_article(s, restored, now=utc_now())
            self._reanchor(s, current, restored.body)
        return Changes(updated=(article_id,), tags=True)

    def set_state(
        self,
        article_ids: Sequence[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        archived: bool | None = None,
    ) -> Changes:
        """Mark articles read or unread, starred, archived."""
        with self._store.write() as s:
            done = repo.set_state(s, article_ids, read=read, starred=starred, archived=archived)
        return Changes(updated=tuple(done))

    def set_progress(self, article_id: str, progress: float) -> Changes:
        """Remember how far the user has read (0..1)."""
        with self._store.write() as s:
            done = repo.set_state(s, [article_id], progress=progress)
        return Changes(updated=tuple(done), progress_only=True)

    def tag(
        self, article_ids: Sequence[str], *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> Changes:
        with self._store.write() as s:
            done = repo.set_tags_for(s, article_ids, add, remove)
        return Changes(updated=tuple(done), tags=True)

    def rename_tag(self, old: str, new: str) -> Changes:
        """Rename a tag everywhere; a name another tag has merges the two."""
        with self._store.write() as s:
            done = repo.rename_tag(s, old, new)
        return Changes(updated=tuple(done), tags=True)

    def delete_tag(self, name: str) -> Changes:
        """Take a tag off every article (the articles stay)."""
        with self._store.write() as s:
            done = repo.delete_tag(s, name)
        return Changes(updated=tuple(done), tags=True)

    # ------------------------------------------------------------------ highlights
    def add_highlight(self, article_id: str, highlight: Highlight) -> Changes:
        """Keep a passage the user marked (searchable with its note at once)."""
        with self._store.write() as s:
            current = repo.get_article(s, article_id)
            repo.set_highlights(s, article_id, (*current.highlights, highlight))
        return Changes(updated=(article_id,))

    def update_highlight(self, article_id: str, highlight: Highlight) -> Changes:
        """Change a highlight's note or colour (matched by id)."""
        with self._store.write() as s:
            current = repo.get_article(s, article_id)
            if not any(h.id == highlight.id for h in current.highlights):
                raise FolioError(f"article {article_id} has no highlight {highlight.id}")
            repo.set_highlights(
                s,
                article_id,
                tuple(highlight if h.id == highlight.id else h for h in current.highlights),
            )
        return Changes(updated=(article_id,))

    def remove_highlight(self, article_id: str, highlight_id: str) -> Changes:
        with self._store.write() as s:
            current = repo.get_article(s, article_id)
            kept = tuple(h for h in current.highlights if h.id != highlight_id)
            if len(kept) == len(current.highlights):
                return Changes()
            repo.set_highlights(s, article_id, kept)
        return Changes(updated=(article_id,))

    def trash(self, article_ids: Sequence[str]) -> Changes:
        """Move articles to the Trash (restorable)."""
        with self._store.write() as s:
            done = repo.trash(s, article_ids, now=utc_now())
        return Changes(trashed=tuple(done), tags=bool(done))

    def restore(self, article_ids: Sequence[str]) -> Changes:
        """Bring articles back from the Trash."""
        with self._store.write() as s:
            done = repo.restore(s, article_ids)
        return Changes(restored=tuple(done), tags=bool(done))

    def purge(self, article_ids: Sequence[str]) -> Changes:
        """Delete articles for good."""
        with self._store.write() as s:
            done = repo.purge(s, article_ids)
            repo.delete_unused_tags(s)
        return Changes(purged=tuple(done), tags=bool(done))

    def empty_trash(self) -> Changes:
        with self._store.write() as s:
            ids = repo.trashed_ids(s)
            done = repo.purge(s, ids)
            repo.delete_unused_tags(s)
        return Changes(purged=tuple(done), tags=bool(done))

    # ------------------------------------------------------------------ import
    def import_paths(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        format: str | None = None,
        tags: Sequence[str] = (),
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = _never,
    ) -> tuple[ImportReport, Changes]:
        """Import files and folders; every input ends in the report, imported, duplicate or
        failed with its reason. Work is committed in batches; ``cancelled()`` is checked
        between files, and what finished before it stays imported."""
        if format:
            registry.importer(format)  # an unknown format is the caller's error, before any work
        extra_tags = clean_tags(list(tags))
        inputs = list(walk(paths))
        # Per input, its report lines: filled as files fail or their batch is written, read
        # out in input order at the end.
        results: list[list[ImportItem]] = [[] for _ in inputs]
        added: list[str] = []
        updated: list[str] = []
        was_cancelled = False
        pending: list[tuple[int, Input, tuple[Entry, ...]]] = []
        pending_count = 0

        stopped: StorageError | None = None

        def flush() -> None:
            nonlocal pending, pending_count, stopped
            if pending:
                try:
                    self._store_batch(pending, extra_tags, results, added, updated)
                except StorageError as exc:
                    # The disk filled up (or the file went read-only, or is damaged): this
                    # batch was rolled back whole, the batches before it stay, and every input
                    # not stored says why.
                    stopped = exc
                    for position, source, _parsed in pending:
                        results[position].append(
                            ImportItem(source.name, Outcome.FAILED, error=f"not stored: {exc}")
                        )
            pending, pending_count = [], 0

        parsed_inputs = parse_inputs(inputs, format or None, cancelled=cancelled)
        try:
            for n, (source, parsed) in enumerate(zip(inputs, parsed_inputs, strict=False)):
                if stopped is not None:
                    results[n].append(
                        ImportItem(source.name, Outcome.FAILED, error=f"not imported: {stopped}")
                    )
                    continue
                if cancelled():
                    was_cancelled = True
                    break
                if progress is not None:
                    progress(n, len(inputs), source.name)
                if parsed.failure is not None:
                    results[n].append(ImportItem(source.name, Outcome.FAILED, error=parsed.failure))
                    continue
                if not parsed.entries:
                    results[n].append(
                        ImportItem(source.name, Outcome.FAILED, error="the file holds no articles")
                    )
                    continue
                pending.append((n, source, parsed.entries))
                pending_count += len(parsed.entries)
                if pending_count >= IMPORT_BATCH:
                    flush()
        finally:
            parsed_inputs.close()
        flush()
        if progress is not None and not was_cancelled:
            progress(len(inputs), len(inputs), "")
        items = tuple(item for per_input in results for item in per_input)
        report = ImportReport(items=items, cancelled=was_cancelled, files=len(inputs))
        changes = Changes(added=tuple(added), updated=tuple(updated), tags=bool(added or updated))
        return report, changes

    def _store_batch(
        self,
        batch: list[tuple[int, Input, tuple[Entry, ...]]],
        extra_tags: tuple[str, ...],
        results: list[list[ImportItem]],
        added: list[str],
        updated: list[str],
    ) -> None:
        """Write several files' articles in one transaction. The whole batch goes in at once;
        should that fail, it is written again a file at a time, each in a savepoint, so a file
        that fails leaves nothing behind and the others still go in."""
        now = utc_now()
        outcome: list[tuple[int, _FileOutcome]] = []
        with self._write_lock, self._store.write() as s:
            from reader.storage.bulk import ImportWriter

            writer = ImportWriter(s, now=now)
            writer.look_up(
                e for _n, _src, entries in batch for e in entries if isinstance(e, tuple)
            )
            start = writer.mark()
            try:
                with s.begin_nested():
                    for position, source, entries in batch:
                        outcome.append(
                            (position, self._plan_file(s, writer, source, entries, extra_tags, now))
                        )
                    writer.flush()
            except Exception as exc:
                if storage_problem(exc) is not None:
                    raise  # the whole batch rolls back; import_paths reports it
                outcome = []
                writer.reset(start)
                for position, source, entries in batch:
                    state = writer.mark()
                    try:
                        with s.begin_nested():
                            done = self._plan_file(s, writer, source, entries, extra_tags, now)
                            writer.flush()
                    except Exception as exc:
                        if storage_problem(exc) is not None:
                            raise
                        writer.reset(state)
                        done = _FileOutcome([_store_failure(source, exc)])
                    outcome.append((position, done))
        # Only once the transaction has committed do these articles count as imported.
        for position, done in outcome:
            results[position].extend(done.items)
            added.extend(done.added)
            updated.extend(done.updated)

    def _plan_file(
        self,
        s: Session,
        writer: bulk.ImportWriter,
        source: Input,
        entries: tuple[Entry, ...],
        extra_tags: tuple[str, ...],
        now: datetime,
    ) -> _FileOutcome:
        """The report lines of one file, its articles handed to the writer, duplicates set
        aside (and a saved link completed by a copy that brings its text)."""
        many = len(entries) > 1
        done = _FileOutcome()
        plain = [e[0] if isinstance(e, tuple) else e for e in entries]
        # Copies of one article within a file: only a file of many items can hold them, and
        # looking for them hashes every text again.
        merged, copy_of = merge_copies(plain) if many else ({}, {})
        stored_as: dict[int, tuple[Outcome, str]] = {}
        for index, entry in enumerate(entries, 1):
            where = f"item {index}" if many else None
            if index - 1 in copy_of:
                outcome, first_id = stored_as[copy_of[index - 1]]
                done.items.append(
                    ImportItem(
                        source.name,
                        Outcome.DUPLICATE if outcome is Outcome.DUPLICATE else Outcome.MERGED,
                        title=getattr(plain[index - 1], "title", ""),
                        article_id=first_id,
                        item=where,
                    )
                )
                continue
            if isinstance(entry, ImportFormatError):
                done.items.append(
                    ImportItem(
                        source.name,
                        Outcome.FAILED,
                        error=entry.reason,
                        item=entry.location or where,
                    )
                )
                continue
            draft, keys = entry
            if index - 1 in merged:
                draft = merged[index - 1]
                keys = keys_of(draft)
            if extra_tags:
                draft = replace(draft, tags=clean_tags(draft.tags + extra_tags))
            duplicate = writer.duplicate_of(draft, keys)
            if duplicate:
                stored_as[index - 1] = (Outcome.DUPLICATE, duplicate)
                note = None
                if draft.highlights or (draft.body.strip() and writer.is_link_only(duplicate)):
                    writer.flush()  # the copy may complete an article of this very batch
                    note = self._complete_duplicate(s, duplicate, draft, now)
                if note:
                    done.updated.append(duplicate)
                done.items.append(
                    ImportItem(
                        source.name,
                        Outcome.DUPLICATE,
                        title=draft.title,
                        article_id=duplicate,
                        item=where,
                        note=note,
                    )
                )
                continue
            uid = writer.plan(draft, keys, source.name)
            stored_as[index - 1] = (Outcome.IMPORTED, uid)
            done.added.append(uid)
            done.items.append(
                ImportItem(
                    source.name, Outcome.IMPORTED, title=draft.title, article_id=uid, item=where
                )
            )
        return done

    @staticmethod
    def _complete_duplicate(
        s: Session, article_id: str, draft: ArticleDraft, now: datetime
    ) -> str | None:
        """Give a saved link the text a later import brings for it (and highlights it lacks);
        what it gained, or None."""
        current = repo.get_article(s, article_id)
        completed = merge_complete(current, draft)
        if completed is None:
            return None
        article, gained = completed
        if article.body != current.body:
            repo.update_article(s, article, now=now)
        if article.highlights != current.highlights:
            # Highlights are not among the fields a revision keeps; they are stored apart.
            repo.set_highlights(s, article_id, article.highlights)
        return gained

    # ------------------------------------------------------------------ fetch content
    def pending_ids(self) -> list[str]:
        """Every article (not in the Trash) that is only a link so far, oldest first."""
        return self.export_ids(query="is:pending")

    def fetch(
        self,
        article_ids: Sequence[str] | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = _never,
        limits: FetchLimits | None = None,
    ) -> tuple[FetchReport, Changes]:
        """Download each article's page and fill the article in with it ("Fetch content").

        ``None`` fetches every article still waiting for its content. Each article is saved
        on its own as soon as its page is read (a revision keeps what it was), so a cancel or
        a failure keeps what finished. Downloads run outside any transaction.
        """
        ids = list(article_ids) if article_ids is not None else self.pending_ids()
        items: list[FetchItem] = []
        updated: list[str] = []
        was_cancelled = False
        for n, article_id in enumerate(ids):
            if cancelled():
                was_cancelled = True
                break
            try:
                article = self.get(article_id)
            except FolioError as exc:
                items.append(FetchItem(article_id, "", None, str(exc)))
                continue
            if progress is not None:
                progress(n, len(ids), article.title)
            error = self._fetch_one(article, limits, cancelled)
            if error == "cancelled" and cancelled():
                was_cancelled = True
                break
            items.append(FetchItem(article.id, article.title, article.url, error))
            if error is None:
                updated.append(article.id)
        if progress is not None and not was_cancelled:
            progress(len(ids), len(ids), "")
        report = FetchReport(items=tuple(items), cancelled=was_cancelled)
        return report, Changes(updated=tuple(updated))

    def _fetch_one(
        self, article: Article, limits: FetchLimits | None, cancelled: Callable[[], bool]
    ) -> str | None:
        """Fetch and save one article; the reason it failed, or None."""
        if not article.url:
            return "the article has no link to fetch"
        try:
            page = download(article.url, limits=limits, cancelled=cancelled)
            fmt = registry.importer(page.importer)
            parsed = fmt.parse(page.saved(), name=page.url)
            found = [d for d in parsed if isinstance(d, ArticleDraft)]
        except FolioError as exc:
            return str(exc)
        except RecursionError:
            return "the page is nested too deeply to read"
        except Exception as exc:  # an importer bug must not stop the other articles
            return f"the page could not be read ({type(exc).__name__}: {exc})"[:300]
        if not found or not found[0].body.strip():
            return "no article text was found on the page"
        try:
            with self._write_lock, self._store.write() as s:
                current = repo.get_article(s, article.id)
                if current.version != article.version:
                    return "the article was changed while its page was being fetched"
                repo.update_article(s, fill_article(current, defuse_draft(found[0])), now=utc_now())
        except FolioError as exc:
            return str(exc)
        return None

    # ------------------------------------------------------------------ formats
    @staticmethod
    def import_formats() -> list[FormatInfo]:
        return [FormatInfo(f.name, f.label, f.extensions) for f in registry.importers()]

    @staticmethod
    def export_formats() -> list[FormatInfo]:
        return [
            FormatInfo(f.name, f.label, (f.extension,), f.multi_file, f.layouts)
            for f in registry.exporters()
        ]

    # ------------------------------------------------------------------ export
    def export_ids(
        self, *, ids: Sequence[str] | None = None, query: str | None = None
    ) -> list[str]:
        """The ids an export covers: the given ids, a search's results, or the whole library
        (Trash excluded), in list order."""
        if ids is not None:
            return list(ids)
        lq = ListQuery(view=View.ALL, search=query or "", sort=SortKey.ADDED, descending=False)
        keys = self.keys(lq)
        out: list[str] = []
        for start in range(0, len(keys), 900):
            chunk = keys[start : start + 900]
            found = self.summaries(chunk)
            out.extend(found[k].id for k in chunk if k in found)
        return out

    def iter_articles(
        self, article_ids: Sequence[str], *, revisions: bool = False
    ) -> Iterator[Article]:
        """Full articles for ids, read a chunk at a time (bounded memory for big exports);
        with ``revisions``, each carries its saved revisions."""
        for start in range(0, len(article_ids), EXPORT_CHUNK):
            chunk = article_ids[start : start + EXPORT_CHUNK]
            with self._store.read() as s:  # the articles and their revisions in one snapshot
                articles = repo.get_articles(s, chunk)
                found = repo.revisions_of(s, chunk) if revisions else {}
            yield from (replace(a, revisions=found[a.id]) if a.id in found else a for a in articles)

    def export(
        self,
        format: str,
        output: str | os.PathLike[str],
        *,
        ids: Sequence[str] | None = None,
        query: str | None = None,
        options: ExportOptions | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = _never,
    ) -> ExportResult:
        """Write articles to ``output``: a file for the one-file layout, else a folder that
        gets a file per article. Every file is written atomically; names come from titles,
        made safe and unique, and never point outside ``output``."""
        try:
            fmt = registry.exporter(format)
        except ValueError as exc:
            raise ExportError(str(exc)) from exc
        target = Path(output)
        opts = replace(options or ExportOptions(), layout=_layout_for(fmt, options, target))
        chosen = self.export_ids(ids=ids, query=query)
        if not chosen:
            raise ExportError("nothing to export: no articles were chosen")
        total = len(chosen)
        step = max(1, total // 200)
        state = {"done": 0}

        def counted(articles: Iterable[Article]) -> Iterator[Article]:
            for article in articles:
                if cancelled():
                    raise _Cancelled
                yield article
                state["done"] += 1
                if progress is not None and (state["done"] % step == 0 or state["done"] == total):
                    progress(state["done"], total, article.title)

        written: list[str] = []
        articles = counted(self.iter_articles(chosen, revisions=opts.revisions))
        try:
            if opts.layout is Layout.ONE_FILE:
                assert fmt.write is not None
                if target.is_dir():
                    raise ExportError(f"{target} is a folder; give a file name for {fmt.label}")
                _clean_parts(target.parent, set(), prefix=target.name)
                with atomic_file(target) as stream:
                    fmt.write(articles, stream, opts)
                written.append(str(target))
            else:
                written = self._export_files(fmt, target, opts, articles)
        except _Cancelled as stop:
            return ExportResult(files=tuple(stop.written), articles=state["done"], cancelled=True)
        except OSError as exc:
            raise ExportError(f"cannot write {exc.filename or target}: {exc.strerror}") from exc
        return ExportResult(files=tuple(written), articles=state["done"])

    @staticmethod
    def _export_files(
        fmt: registry.ExportFormat,
        target: Path,
        options: ExportOptions,
        articles: Iterator[Article],
    ) -> list[str]:
        """A file per article (and whatever else the format adds) into the folder ``target``."""
        assert fmt.files is not None
        if target.exists() and not target.is_dir():
            raise ExportError(f"{target} is a file; {fmt.label} export needs a folder")
        target.mkdir(parents=True, exist_ok=True)
        names = NameAllocator(target)
        issued: set[str] = set()
        cleaned: set[Path] = set()
        written: list[str] = []

        def namer(suggested: str, extension: str, folder: Sequence[str]) -> str:
            try:
                path = names.path_for(suggested, extension, subfolder=folder)
            except ValueError as exc:
                raise ExportError(str(exc)) from exc
            relative = names.relative(path)
            issued.add(relative)
            return relative

        try:
            for relative, data in fmt.files(articles, options, namer):
                if relative not in issued:
                    raise ExportError(
                        f"the {fmt.name} exporter chose its own file name {relative!r}"
                    )
                path = names.folder / relative
                _clean_parts(path.parent, cleaned)
                with atomic_file(path) as stream:
                    stream.write(data)
                written.append(str(target / relative))
        except _Cancelled as stop:
            stop.written = written
            raise
        return written


def _layout_for(fmt: registry.ExportFormat, options: ExportOptions | None, target: Path) -> Layout:
    """The layout asked for, else the one ``target`` implies, else the format's default."""
    offered = fmt.layouts
    asked = options.layout if options is not None else None
    if asked is not None:
        if asked not in offered:
            ways = ", ".join(layout.label.lower() for layout in offered)
            raise ExportError(f"{fmt.label} cannot be exported as {asked.label.lower()} ({ways})")
        return asked
    if len(offered) > 1:
        if target.is_dir():
            return next(layout for layout in offered if layout is not Layout.ONE_FILE)
        if Layout.ONE_FILE in offered and target.suffix.casefold() == f".{fmt.extension}":
            return Layout.ONE_FILE
    return offered[0]


def _clean_parts(folder: Path, done: set[Path], *, prefix: str = "") -> None:
    """Remove what an interrupted export left in ``folder`` (once per folder)."""
    if folder in done:
        return
    done.add(folder)
    remove_stale_parts(folder, prefix=prefix)


@dataclass(slots=True)
class _FileOutcome:
    """What one file of an import came to: its report lines, new and completed articles."""

    items: list[ImportItem] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _store_failure(source: Input, exc: Exception) -> ImportItem:
    return ImportItem(
        source.name,
        Outcome.FAILED,
        error=f"could not be stored ({type(exc).__name__}: {exc})"[:300],
    )


class _Cancelled(Exception):
    """Raised through an exporter when the user cancels; carries the files already written."""

    def __init__(self) -> None:
        super().__init__("cancelled")
        self.written: list[str] = []
