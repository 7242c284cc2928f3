"""The main window: sidebar, article list, and the reader or the editing form.

Every write goes through the task runner's write pool and comes back as ``Changes``;
``apply_changes`` is the one place the window refreshes from (counts, tags, the list's rows,
the open article). Queries that may take long (the list's keys, counts) run in the read pool;
a page of list rows and one article are indexed lookups done when needed.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader import settings as S
from reader.domain.article import Article, ArticleDraft
from reader.domain.changes import Changes
from reader.domain.errors import EditConflictError, FolioError, QueryCancelled
from reader.domain.query import ListQuery, SortKey, View, parse_query
from reader.domain.report import ImportReport
from reader.gui import actions
from reader.gui.after_paint import AfterPaint
from reader.gui.content_fetch import ContentFetcher
from reader.gui.dialogs.conflict_dialog import ConflictChoice, ask_conflict
from reader.gui.dialogs.export_dialog import SCOPE_ALL, SCOPE_LIST, SCOPE_SELECTION, ExportDialog
from reader.gui.dialogs.prompts import UnsavedChoice, ask_unsaved, confirm, show_error
from reader.gui.dialogs.restore_dialog import choose_backup
from reader.gui.draft_recovery import DraftRecovery
from reader.gui.drafts import DraftStore
from reader.gui.highlighting import Highlighter
from reader.gui.history import History
from reader.gui.library_watch import LibraryWatch
from reader.gui.models.article_list import (
    COL_AUTHOR,
    COL_DATE,
    COL_SITE,
    COL_STATE,
    COL_TIME,
    COL_TITLE,
    SORT_KEYS,
    ArticleListModel,
    ListPage,
    first_page,
)
from reader.gui.models.article_list import PAGE as LIST_PAGE
from reader.gui.models.sidebar import Entry, EntryRole, SidebarModel, count_text
from reader.gui.organize import Organizer
from reader.gui.plain import plain_label
from reader.gui.prefetch import AHEAD as PREFETCH_AHEAD
from reader.gui.prefetch import Drawn, Prefetcher, draw, read_and_draw
from reader.gui.progress_task import run_with_progress
from reader.gui.reading import Reading
from reader.gui.tasks import Task, TaskControl, TaskRunner
from reader.gui.undo import UndoEntry, UndoStack
from reader.gui.widgets.article_delegate import ArticleDelegate
from reader.gui.widgets.article_table import ArticleTable
from reader.gui.widgets.editor_form import EditorForm
from reader.gui.widgets.message_bar import MessageBar
from reader.gui.widgets.reader_view import ReaderView
from reader.gui.widgets.trash_bar import TrashBar
from reader.library import ExportOptions, ExportResult, Layout, Library
from reader.settings import Settings

if TYPE_CHECKING:
    # The dialogs opened on demand are imported when first opened, not with the window.
    from reader.gui.dialogs.history_dialog import HistoryDialog
    from reader.gui.dialogs.import_report import ImportReportDialog
    from reader.gui.dialogs.reader_settings import ReaderSettingsDialog
    from reader.gui.dialogs.shortcuts import ShortcutSheet

SEARCH_DELAY_MS = 250
#: Reading this far through an article marks it read.
READ_AT = 0.95
#: A new view shows this many rows as soon as they are read; the rest follow.
FIRST_ROWS = LIST_PAGE


def _row_in(keys: Any, key: int | None) -> int | None:
    if key is None:
        return None
    try:
        return int(keys.index(key))
    except ValueError:
        return None


def _row_to_select(keys: Any, kept: int | None, complete: bool, old_row: int) -> int | None:
    """The row a new view selects among its first rows, as ``_install_keys`` picks it: the
    kept article's; none yet when it may lie further down; else the row at the same place."""
    row = _row_in(keys, kept)
    if row is not None or not len(keys):
        return row
    if kept is not None and not complete:
        return None
    return min(max(old_row, 0), len(keys) - 1)


def _rows_shown(count: int, top: int, row: int | None, screen: int) -> list[int]:
    """The rows a new view can show first: a screenful from ``top`` (where the list stays
    scrolled to), and a screenful ending just past ``row`` (where selecting it scrolls to)."""
    shown = set(range(top, min(count, top + screen)))
    if row is not None:
        shown.update(range(max(0, row + 2 - screen), min(count, row + 2)))
    return sorted(shown)


class SearchBox(QLineEdit):
    """The toolbar's search field; Esc clears it and gives the list the focus back."""

    escaped = Signal()

    def event(self, event: QEvent) -> bool:
        # Esc ("leave the form") and Enter ("open") are the window's keys elsewhere; in the
        # box Esc clears the search and Enter runs it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    library_changed = Signal(object)
    #: The list shows its new view (its first rows at least).
    list_refreshed = Signal()
    #: The list holds every row of its view.
    list_completed = Signal()
    counts_refreshed = Signal()
    article_shown = Signal(str)
    article_saved = Signal(str)
    import_finished = Signal(object)
    export_finished = Signal(object)
    restored = Signal(str)

    # The action table (actions.py) gives the window these.
    act_about: QAction
    act_archive: QAction
    act_bigger: QAction
    act_delete: QAction
    act_edit: QAction
    act_empty_trash: QAction
    act_highlight: QAction
    act_reader_settings: QAction
    act_mark_read: QAction
    act_mark_unread: QAction
    act_star_on: QAction
    act_star_off: QAction
    act_archive_on: QAction
    act_archive_off: QAction
    act_export_selected: QAction
    act_fetch: QAction
    fetcher: ContentFetcher
    act_sort_descending: QAction
    sort_actions: dict[SortKey, QAction]
    bulk_actions: list[QAction | None]
    act_history: QAction
    act_highlight_note: QAction
    act_highlights_panel: QAction
    act_export: QAction
    act_backup_now: QAction
    act_restore_backup: QAction
    act_find: QAction
    act_import: QAction
    act_import_folder: QAction
    act_leave: QAction
    act_new: QAction
    act_next: QAction
    act_open: QAction
    act_page_down: QAction
    act_page_up: QAction
    act_prev: QAction
    act_quit: QAction
    act_read: QAction
    act_reset_size: QAction
    act_restore: QAction
    act_revert: QAction
    act_save: QAction
    act_shortcuts: QAction
    act_smaller: QAction
    act_star: QAction
    act_tag: QAction
    act_undo_delete: QAction
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]
    _menu_groups: list[tuple[str, list[QAction]]]

    def __init__(
        self,
        library: Library,
        settings: Settings | None = None,
        runner: TaskRunner | None = None,
        drafts: DraftStore | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.runner = runner or TaskRunner(self)
        self.runner.task_failed.connect(self._on_task_failed)
        self.setObjectName("mainWindow")
        # Qt shows "[*]" as a modified marker only while the window is modified.
        self.setWindowTitle(f"{library.path.name}[*] — {APP_NAME}")
        self.setAcceptDrops(True)
        self._query = ListQuery(
            sort=self._sort_from_settings(), descending=self.settings.get(S.SORT_DESCENDING)
        )
        self._explicit_sort = False
        self._sidebar_after_counts: Entry | None = None
        self._list_generation = 0
        self._current_id: str | None = None
        self._select_after_reload: str | None = None
        self.undo_stack = UndoStack(self)
        self.undo_stack.changed.connect(self._on_undo_stack_changed)
        self._switching = False
        self._last_action = ""
        self._counts_text = ""
        self._verifying = False
        #: The article to select once every row of the view is known (key, old row).
        self._pending_select: tuple[int, int] | None = None
        #: The reads of the list's view still running (cancelled when another view is asked).
        self._list_tasks: list[Task] = []
        #: Read-only because the check after opening found the file damaged (until restored).
        self._damaged = False
        self.last_report_dialog: ImportReportDialog | None = None
        self.export_progress: QProgressDialog | None = None
        #: Saves that met a newer version saved elsewhere (each one asked the user).
        self.conflicts_seen = 0
        self._build_panes()
        self.highlighter = Highlighter(self)
        self.organizer = Organizer(self)
        self.history = History(self)
        self.reading = Reading(self)
        self.drafts = DraftRecovery(self, drafts or DraftStore(library.path))
        self._build_actions()
        self._build_menus_and_toolbar()
        self._restore_layout()
        self._set_tab_order()
        self._update_sort_indicator()
        self.refresh_all()
        # Another program (``folio import``, a second window) may write to the library too.
        self.watch = LibraryWatch(self.library, self.runner, self)
        self.watch.changed_elsewhere.connect(self._on_watch_changed_elsewhere)
        if self._damaged:
            pass  # already read-only, with the way out offered (_on_found_damaged)
        elif library.read_only:
            self._enter_read_only()
        else:
            self.drafts.offer()

    # ================================================================ construction
    def _build_panes(self) -> None:
        self.sidebar_model = SidebarModel(self)
        self.sidebar = QTreeView()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Library sections")
        self.sidebar.setModel(self.sidebar_model)
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setRootIsDecorated(False)
        self.sidebar.setIndentation(12)
        self.sidebar.expandAll()
        self.sidebar.header().setStretchLastSection(False)
        self.sidebar.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sidebar.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar.setStyleSheet("QTreeView#sidebar::item { padding: 3px 4px; }")
        self.sidebar.setFrameShape(QTreeView.Shape.NoFrame)
        self.sidebar.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sidebar.setCurrentIndex(self.sidebar_model.index_of(Entry("view", View.ALL.value)))
        self.sidebar.selectionModel().currentChanged.connect(self._on_sidebar_current_changed)

        self.list_model = ArticleListModel(self.library, self)
        self.list_model.sort_requested.connect(self._on_list_sort_requested)
        self.list_view = ArticleTable()
        self.list_view.setObjectName("articleList")
        self.list_view.setAccessibleName("Articles")
        self.list_view.setModel(self.list_model)
        self.list_delegate = ArticleDelegate(self.list_view)
        self.list_view.setItemDelegateForColumn(COL_TITLE, self.list_delegate)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setShowGrid(False)
        self.list_view.setWordWrap(False)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.verticalHeader().hide()
        self.list_view.verticalHeader().setDefaultSectionSize(self._row_height(searching=False))
        self.list_view.setFrameShape(QTableView.Shape.NoFrame)
        # Tab moves on to the reader, not from cell to cell.
        self.list_view.setTabKeyNavigation(False)
        header = self.list_view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_STATE, 34)
        header.resizeSection(COL_AUTHOR, 112)
        header.resizeSection(COL_SITE, 100)
        header.resizeSection(COL_DATE, 92)
        header.resizeSection(COL_TIME, 56)
        header.setSectionHidden(COL_SITE, True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._on_header_clicked)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.list_view.doubleClicked.connect(lambda _i: self.edit_article())
        self._list_painted = AfterPaint(self.list_view.viewport())
        #: While a new view is installed, the article it selects is shown once the list has
        #: painted its first rows (``_reader_pending`` until then): the list's paint does not
        #: wait for the reader's page to be laid out and painted.
        self._reader_after_list = False
        self._reader_pending: str | None = None
        self._reader_stale = False
        #: Bumped by every new view: a page drawn for an older one is not shown.
        self._reader_round = 0
        self._reader_drawing: int | None = None
        #: The list query whose rows the list holds.
        self._installed_query: ListQuery | None = None

        self.reader = ReaderView()
        self.prefetch = Prefetcher(self.library, self.runner, self.reader)
        self.reader.setTabChangesFocus(True)
        self.reader.progress_changed.connect(self._on_reader_progress_changed)
        self.reader.image_loaded.connect(lambda _url: self.say("Loaded the image"))
        self.reader.image_failed.connect(
            lambda _url, reason: self.say(f"The image was not loaded: {reason}")
        )
        self.editor = EditorForm()
        self.editor.save_requested.connect(self.save)
        self.editor.close_requested.connect(self.leave_editor)
        self.editor.history_requested.connect(self.show_history)
        self.editor.dirty_changed.connect(self._on_editor_dirty_changed)
        self.right = QStackedWidget()
        self.right.setObjectName("rightPane")
        self.right.addWidget(self.reader)
        self.right.addWidget(self.editor)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.trash_bar = TrashBar()
        self.trash_bar.restore_button.clicked.connect(self.restore_selected)
        self.trash_bar.empty_button.clicked.connect(self.empty_trash)
        list_pane = QWidget()
        list_pane.setObjectName("listPane")
        list_column = QVBoxLayout(list_pane)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.setSpacing(0)
        list_column.addWidget(self.trash_bar)
        list_column.addWidget(self.list_view, 1)
        self.splitter.addWidget(list_pane)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([190, 470, 740])
        self.message_bar = MessageBar()
        central = QWidget()
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.search_box = SearchBox()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            'Search   words  "a phrase"  -word  tag:  author:  site:  is:unread  before:2020'
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._apply_search)
        self.search_box.escaped.connect(self.list_view.setFocus)

        self.status_label = plain_label(QLabel(""))
        self.status_label.setObjectName("statusCounts")
        self.status_label.setAccessibleName("Status")
        self.statusBar().addWidget(self.status_label, 1)

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcuts: Sequence[str | QKeySequence.StandardKey] = (),
        *,
        tip: str = "",
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        return actions.make_action(self, text, slot, shortcuts, tip=tip, context=context)

    def _build_actions(self) -> None:
        actions.build_actions(self)

    def _build_menus_and_toolbar(self) -> None:
        actions.build_menus_and_toolbar(self)

    def _set_tab_order(self) -> None:
        """Tab goes search box, sidebar, list, reader, then the highlights panel."""
        chain = [
            self.search_box,
            self.sidebar,
            self.list_view,
            self.reader,
            self.highlighter.panel.list,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _restore_layout(self) -> None:
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1400, 860)
        state = self.settings.get(S.WINDOW_STATE)
        if state:
            self.restoreState(state)
        splitter = self.settings.get(S.MAIN_SPLITTER)
        if splitter:
            self.splitter.restoreState(splitter)
        editor_split = self.settings.get(S.EDITOR_SPLITTER)
        if editor_split:
            self.editor.splitter.restoreState(editor_split)
        theme_name = self.settings.get(S.THEME)
        self.theme_actions.get(theme_name, self.theme_actions["system"]).setChecked(True)
        self.reader.set_theme(theme_name)
        self.reader.set_font(
            self.settings.get(S.FONT_FAMILY) or None, self.settings.get(S.FONT_SIZE)
        )
        self.reader.set_line_width(self.settings.get(S.LINE_WIDTH))
        self.editor.set_theme(self.reader.theme_name())

    def _save_layout(self) -> None:
        self.settings.set(S.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(S.WINDOW_STATE, bytes(self.saveState().data()))
        self.settings.set(S.MAIN_SPLITTER, bytes(self.splitter.saveState().data()))
        self.settings.set(S.EDITOR_SPLITTER, bytes(self.editor.splitter.saveState().data()))
        self.settings.set(S.SORT_KEY, self._query.sort.value)
        self.settings.set(S.SORT_DESCENDING, self._query.descending)
        self.settings.sync()

    def _sort_from_settings(self) -> SortKey:
        try:
            key = SortKey(self.settings.get(S.SORT_KEY))
        except ValueError:
            key = SortKey.ADDED
        return SortKey.ADDED if key is SortKey.RELEVANCE else key

    # ================================================================ refreshing
    def refresh_all(self) -> None:
        self.refresh_counts()
        self.reload_list()

    def refresh_counts(self) -> None:
        lib = self.library

        def work(_c: TaskControl) -> tuple[Any, Any, Any]:
            return lib.counts(), lib.tag_counts(), lib.site_counts()

        self.runner.submit(work, name="counts", on_done=self._on_counts_loaded)

    def _on_counts_loaded(self, result: tuple[Any, Any, Any]) -> None:
        counts, tags, sites = result
        self.sidebar_model.set_counts(counts)
        self.sidebar_model.set_tags(tags)
        self.sidebar_model.set_sites(sites)
        self.sidebar.expandAll()
        self._keep_sidebar_entry()
        self.editor.set_tag_names([name for name, _n in tags])
        self._counts_text = (
            f"{count_text(counts.all)} article{'s' if counts.all != 1 else ''}"
            f" · {count_text(counts.unread)} unread"
        )
        self._update_status()
        self.counts_refreshed.emit()

    def _keep_sidebar_entry(self) -> None:
        """After the tags and sources were refilled: keep (or, for a renamed tag, follow) the
        entry the list shows; fall back to All when it is gone (deleted, merged away)."""
        wanted, self._sidebar_after_counts = self._sidebar_after_counts, None
        if wanted is None and self._query.tag is not None:
            wanted = Entry("tag", self._query.tag)
        elif wanted is None and self._query.site is not None:
            wanted = Entry("site", self._query.site)
        if wanted is None:
            return
        index = self.sidebar_model.index_of(wanted)
        if not index.isValid():
            self.select_sidebar(Entry("view", View.ALL.value))
        elif self.sidebar.currentIndex() != index:
            self.sidebar.setCurrentIndex(index)

    def _update_status(self) -> None:
        text = self._counts_text
        if self._query.search:
            shown = self.list_model.rowCount()
            more = "" if self.list_model.complete else "+"
            text = f"{shown}{more} match{'es' if shown != 1 or more else ''} · " + text
        if self._last_action:
            text += f" · {self._last_action}"
        self.status_label.setText(text)

    def say(self, message: str) -> None:
        """Report what just happened in the status bar (it stays until the next action)."""
        self._last_action = message
        self._update_status()

    def _row_height(self, *, searching: bool) -> int:
        """A list row's height: a second line for the matching passage while searching."""
        line = self.list_view.fontMetrics().height()
        return line * 2 + 12 if searching else line + 14

    def _rows_on_screen(self, *, searching: bool) -> int:
        """How many rows the list can show at once: as many as the screen is tall (the window
        may not have its size yet), plus one partly shown."""
        screen = self.screen()
        tall = max(
            self.list_view.viewport().height(),
            screen.availableGeometry().height() if screen is not None else 0,
        )
        return tall // self._row_height(searching=searching) + 2

    def reload_list(self, *, select_id: str | None = None) -> None:
        """Ask for the current view's rows again; keeps (or moves to) the selected article.

        Two reads off the GUI thread: the view's first rows (``LIMIT``ed, a few milliseconds)
        are shown as soon as they are known, then every row key of the view is appended. A
        reload asked for in between makes both answers of the older one be ignored."""
        self._list_generation += 1
        generation = self._list_generation
        # An older view's reads still running are no longer wanted: they stop, and so does
        # reading ahead beside its article.
        for task in self._list_tasks:
            task.cancel()
        self.prefetch.stop_reading()
        self._list_tasks = []
        query = self._query
        if select_id is not None:
            self._select_after_reload = select_id
        keep = self._select_after_reload or self._current_id
        lib = self.library
        search = query.search if query.parsed.has_text else ""
        old_row = self.list_view.currentIndex().row()
        on_screen_rows = self._rows_on_screen(searching=bool(search))
        # The same view read again stays scrolled where it is; another starts at the top.
        top = max(0, self.list_view.rowAt(0)) if query == self._installed_query else 0

        def work(c: TaskControl) -> Any:
            # Everything the new view shows first is read here, off the GUI thread.
            head, complete = lib.first_keys(query, FIRST_ROWS, cancelled=c.cancelled)
            kept = lib.key_of(keep) if keep is not None else None
            row = _row_to_select(head, kept, complete, old_row)
            # The rows on screen, and the one to select, so that painting them reads nothing;
            # the rest come with the view's other rows (``_load_rest``) or, in a short view,
            # when they are scrolled to. (The article it selects is read and drawn once the
            # list has painted them.)
            shown = _rows_shown(len(head), top, row, on_screen_rows)
            page = first_page(lib, [head[i] for i in shown], search)
            return head, page, keep, kept, complete

        def done(result: Any) -> None:
            if generation != self._list_generation:
                return
            *shown, complete = result
            self._install_keys(shown, query, complete=complete)
            if not complete:
                kept, read = result[3], frozenset(result[1].summaries)

                def rest() -> None:
                    if generation == self._list_generation:
                        self._load_rest(generation, query, kept, search, read)

                # The view's other rows are read once its first rows are on screen.
                self._list_painted.call(rest)

        self._submit_list_read(work, done)

    def _submit_list_read(
        self, work: Callable[[TaskControl], Any], done: Callable[[Any], None]
    ) -> None:
        def failed(exc: BaseException) -> None:
            if not isinstance(exc, QueryCancelled):
                self._on_task_failed("list", exc)

        task = self.runner.submit(work, name="list", on_done=done, on_error=failed)
        if not task.done:
            self._list_tasks.append(task)
            task.ended.connect(
                lambda: self._list_tasks.remove(task) if task in self._list_tasks else None
            )

    def _load_rest(
        self,
        generation: int,
        query: ListQuery,
        kept: int | None,
        search: str,
        read: frozenset[int],
    ) -> None:
        """Every row key of a view whose rows ``read`` (row keys) are shown, with the rest of
        its first page (and the page of the article kept selected, when it lies further down).
        When the row to select waits for them (``_pending_select``), its article is read and
        drawn here too."""
        lib = self.library
        pending = self._pending_select
        on_screen = self.reader.article
        params = replace(self.reader.page_params(), images=frozenset())
        drawn_as = self.prefetch.generation

        def work(c: TaskControl) -> Any:
            keys = lib.keys(query, cancelled=c.cancelled)
            row = _row_in(keys, kept)
            if row is None and pending is not None:
                row = _row_to_select(keys, None, True, pending[1])
            around = first_page(lib, [k for k in keys[:FIRST_ROWS] if k not in read], search)
            if row is not None and row >= FIRST_ROWS:
                start = (row // LIST_PAGE) * LIST_PAGE
                further = first_page(lib, keys[start : start + LIST_PAGE], search)
                around = ListPage(
                    {**around.summaries, **further.summaries},
                    {**around.snippets, **further.snippets},
                )
            drawn = None
            if pending is not None and row is not None:
                summary = lib.summaries([keys[row]]).get(keys[row])
                if summary is not None and (on_screen is None or summary.id != on_screen.id):
                    drawn = read_and_draw(lib, summary.id, params)
            return keys, around, drawn

        def done(result: Any) -> None:
            if generation != self._list_generation:
                return
            keys, around, drawn = result
            if drawn is not None:
                self.prefetch.offer(drawn, drawn_as)
            self._complete_keys(keys, around)

        self._submit_list_read(work, done)

    def _install_keys(self, result: Any, query: ListQuery, *, complete: bool = True) -> None:
        keys, page, looked_up, looked_up_key = result
        old_row = self.list_view.currentIndex().row()
        keep = self._select_after_reload or self._current_id
        self._select_after_reload = None
        self._switching = True
        try:
            searching = query.parsed.has_text
            self.list_model.set_keys(
                keys,
                search=query.search if searching else "",
                first_page=page,
                complete=complete,
            )
            self.list_view.verticalHeader().setDefaultSectionSize(
                self._row_height(searching=searching)
            )
            if query != self._installed_query:
                # Another view starts at its top (or where its selected row is).
                self.list_view.scrollToTop()
            self._installed_query = query
        finally:
            self._switching = False
        key = None
        if keep is not None:
            key = looked_up_key if keep == looked_up else self.library.key_of(keep)
        row = self.list_model.row_of_key(key) if key is not None else None
        self._pending_select = None
        if row is None and key is not None and not complete:
            # The kept article may be further down: chosen once every row is known.
            self._pending_select = (key, old_row)
        else:
            self._reader_after_list = True
            try:
                self._select_kept(key, old_row)
            finally:
                self._reader_after_list = False
        self._reader_round += 1
        self._reader_stale = True
        generation = self._list_generation

        def catch_up() -> None:
            # Not for a view already replaced by another: that one's article is shown instead.
            if generation == self._list_generation:
                self._catch_up_reader()

        self._list_painted.call(catch_up)
        self._update_status()
        self.list_refreshed.emit()
        if complete:
            self.list_completed.emit()
        self._verify_library()

    def _select_kept(self, key: int | None, old_row: int) -> None:
        """Select the kept article's row, else the row at the same place, else nothing: the
        rule the list's read draws the article by (``_row_to_select``)."""
        row = _row_to_select(self.list_model.keys(), key, True, old_row)
        if row is not None:
            self.select_row(row)
        elif not self.editor.is_new:
            self._show_nothing()

    def _complete_keys(self, keys: Any, around: ListPage | None) -> None:
        """Every row of the view, after its first rows (``reload_list``)."""
        self._switching = True
        try:
            kept_rows = self.list_model.complete_keys(keys)
            if around is not None:
                self.list_model.add_page(around)
        finally:
            self._switching = False
        pending, self._pending_select = self._pending_select, None
        if pending is not None and self.list_view.currentIndex().isValid():
            pass  # a row was chosen among the first ones meanwhile: it stays chosen
        elif pending is not None:
            key, old_row = pending
            self._select_kept(key, old_row)
        elif not kept_rows and self._current_id is not None:
            # The view changed between the two reads: keep the article shown selected.
            self._select_kept(self.library.key_of(self._current_id), 0)
        self._update_status()
        self.list_completed.emit()

    def _verify_library(self) -> None:
        """The integrity check a large library opened without (``Library.verify``): run once
        the first rows are on screen, in the background; writes wait for it."""
        if self._verifying or not self.library.unverified:
            return
        self._verifying = True
        lib = self.library

        def work(_c: TaskControl) -> Any:
            return lib.verify()

        def done(damage: Any) -> None:
            if damage is not None:
                self._on_found_damaged(damage)

        self.runner.submit(work, name="integrity check", long=True, on_done=done)

    def _on_found_damaged(self, damage: FolioError) -> None:
        """The check after opening found the file damaged: nothing more is written to it;
        what can be read stays readable, and a backup can be restored."""
        self._damaged = True
        self._enter_read_only()
        self.act_restore_backup.setEnabled(True)
        self.setWindowTitle(f"{self.library.path.name} (damaged, read-only) — {APP_NAME}")
        self.say("The library is damaged: opened read-only")
        self.message_bar.show_message(
            f"{damage} It is open read-only: export what you need, or restore a backup.",
            [("Restore from backup…", self.restore_from_backup)],
        )

    def apply_changes(self, changes: Changes) -> None:
        """Refresh everything a write touched. The one place screens update from."""
        self.library_changed.emit(changes)
        if not changes:
            return
        self.prefetch.forget(changes.touched or None)
        if changes.progress_only:
            self.list_model.invalidate(changes.updated)
            return
        self.refresh_counts()
        if changes.membership or self._query.search or self._query.view is not View.ALL:
            self.reload_list()
        else:
            self.list_model.invalidate(changes.updated)
        if self._current_id and (changes.external or self._current_id in changes.updated):
            self._reload_current()

    def _on_watch_changed_elsewhere(self, changes: Changes) -> None:
        self.say("Updated with changes made outside this window")
        self.apply_changes(changes)

    def _reload_current(self) -> None:
        if self._current_id is None:
            return
        try:
            article = self.library.get(self._current_id)
        except FolioError:
            return
        self.reader.show_article(article, search_terms=self._search_terms())
        if (
            self.right.currentWidget() is self.editor
            and not self.editor.is_dirty
            and not self.editor.is_new
        ):
            self.editor.load(article)

    # ================================================================ selection and reading
    def viewing_trash(self) -> bool:
        return self._query.view is View.TRASH

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        ids = [self.list_model.article_id(r) for r in rows]
        out = [i for i in ids if i]
        if not out and self._current_id:
            out = [self._current_id]
        return out

    def current_article(self) -> Article | None:
        self._catch_up_reader(now=True)
        return self.reader.article

    def select_row(self, row: int) -> None:
        index = self.list_model.index(row, COL_TITLE)
        self.list_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.scrollTo(index)
        if not self._reader_after_list:
            # Chosen on purpose: shown now, not once the list has painted.
            self._catch_up_reader(now=True)

    def select_article(self, article_id: str) -> bool:
        key = self.library.key_of(article_id)
        row = self.list_model.row_of_key(key) if key is not None else None
        if row is None:
            return False
        self.select_row(row)
        return True

    def move_selection(self, step: int) -> None:
        count = self.list_model.rowCount()
        if not count:
            return
        row = self.list_view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.select_row(row)

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._switching:
            return
        article_id = self.list_model.article_id(current.row()) if current.isValid() else None
        if article_id == self._current_id and article_id is not None:
            return
        if not self._resolve_unsaved():
            # Stay on the article being edited.
            self._switching = True
            try:
                self.list_view.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                self._switching = False
            return
        if article_id is None:
            self._show_nothing()
            return
        self.show_article(article_id)

    def show_article(self, article_id: str) -> None:
        if self._reader_after_list and self.right.currentWidget() is not self.editor:
            # A new view: its list paints first, and the reader follows (_catch_up_reader).
            self._current_id = article_id
            self._reader_pending = article_id
            return
        article = self.prefetch.take(article_id) or self._read_article(article_id)
        if article is None:
            return
        self._current_id = article.id
        if self.right.currentWidget() is self.editor:
            self.editor.load(article)
        self._reader_pending = None
        self._reader_stale = False
        self._show_in_reader(article)

    def _show_in_reader(self, article: Article) -> None:
        self.reader.show_article(article, search_terms=self._search_terms())
        self.article_shown.emit(article.id)
        row = self.list_view.currentIndex().row()
        if row >= 0:
            count = self.list_model.rowCount()
            around = [*range(row + 1, row + 1 + PREFETCH_AHEAD), row - 1]
            self.prefetch.around(self.list_model.article_id(r) for r in around if 0 <= r < count)

    def _catch_up_reader(self, *, now: bool = False) -> None:
        """Show the article a new view selected (unless another was chosen meanwhile), with
        the view's search marked. Its page is read and drawn off the GUI thread first, unless
        ``now`` (something needs the article at once)."""
        if not self._reader_stale:
            return
        target = self._reader_pending if self._reader_pending == self._current_id else None
        shown = self.reader.article
        terms = self._search_terms()
        params = replace(self.reader.page_params(), search_terms=terms)
        if target is None or (shown is not None and shown.id == target):
            # The article on screen stays: only its search marks may change.
            article, target = shown, None
        else:
            article = self.prefetch.take(target)
            params = replace(params, images=frozenset())
        wanted = target if target is not None else article.id if article is not None else None
        if not now and wanted is not None and not self.reader.has_page(article, params):
            if self._reader_drawing != self._reader_round:
                self._draw_for_reader(wanted, article, params)
            return
        self._reader_stale = False
        self._reader_pending = None
        if target is not None:
            article = article or self._read_article(target)
            if article is None:
                return
            self._show_in_reader(article)
        self.reader.set_search_terms(terms)

    def _read_article(self, article_id: str) -> Article | None:
        """The article read here and now (it was not read ahead); None, said, when it is gone."""
        try:
            return self.library.get(article_id)
        except FolioError as exc:
            self.say(str(exc))
            return None

    def _draw_for_reader(self, article_id: str, article: Article | None, params: Any) -> None:
        """Read (when not at hand) and draw the page the reader is about to show, off the GUI
        thread; then show it, unless the view changed again meanwhile."""
        lib = self.library
        round_ = self._reader_round
        drawn_as = self.prefetch.generation
        self._reader_drawing = round_

        def work(_c: TaskControl) -> Drawn | None:
            if article is None:
                return read_and_draw(lib, article_id, params)
            return draw(article, params)

        def done(drawn: Drawn | None) -> None:
            if round_ != self._reader_round:
                return
            if drawn is not None:
                self.prefetch.offer(drawn, drawn_as)
            self._catch_up_reader(now=True)

        def failed(_exc: BaseException) -> None:
            if round_ == self._reader_round:
                self._catch_up_reader(now=True)

        self.runner.submit(work, name="reader page", on_done=done, on_error=failed)

    @property
    def reader_caught_up(self) -> bool:
        """Whether the reader shows what the list selected (it follows a new view's paint)."""
        return not self._reader_stale

    def _show_nothing(self) -> None:
        self._current_id = None
        self._reader_pending = None
        self._reader_stale = False
        if self.right.currentWidget() is self.editor and not self.editor.is_new:
            self.right.setCurrentWidget(self.reader)
        empty = "No articles here yet. Import some with Ctrl+I, or drop files on the window."
        self.reader.show_placeholder(
            empty if not self.list_model.rowCount() else "Select an article to read it."
        )

    def _search_terms(self) -> tuple[str, ...]:
        return parse_query(self._query.search).highlight_terms if self._query.search else ()

    def open_current(self) -> None:
        if self._current_id:
            self.reader.setFocus()

    def page_reader(self, direction: int) -> None:
        bar = self.reader.verticalScrollBar()
        bar.setValue(bar.value() + direction * bar.pageStep())

    def _on_reader_progress_changed(self, article_id: str, progress: float) -> None:
        if self.library.read_only:
            return
        lib = self.library
        mark_read = (
            progress >= READ_AT and self.reader.article is not None and not self.reader.article.read
        )

        def work(_c: TaskControl) -> Changes:
            changes = lib.set_progress(article_id, progress)
            if mark_read:
                changes = changes | lib.set_state([article_id], read=True)
            return changes

        self.runner.submit(work, name="progress", write=True, on_done=self.apply_changes)

    # ================================================================ sidebar, search, sort
    def _on_sidebar_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(EntryRole) if current.isValid() else None
        if not isinstance(entry, Entry):
            return
        if entry.kind == "view":
            self._query = ListQuery(
                view=View(entry.value),
                search=self._query.search,
                sort=self._query.sort,
                descending=self._query.descending,
            )
        elif entry.kind == "tag":
            self._query = ListQuery(
                tag=entry.value,
                search=self._query.search,
                sort=self._query.sort,
                descending=self._query.descending,
            )
        else:
            self._query = ListQuery(
                site=entry.value,
                search=self._query.search,
                sort=self._query.sort,
                descending=self._query.descending,
            )
        self.trash_bar.setVisible(self._query.view is View.TRASH)
        self.reload_list()

    def select_sidebar(self, entry: Entry) -> None:
        index = self.sidebar_model.index_of(entry)
        if index.isValid():
            self.sidebar.setCurrentIndex(index)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Search now (as if typed into the box)."""
        self.search_box.setText(text)
        self._apply_search()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if text == self._query.search:
            return
        sort, descending = self._query.sort, self._query.descending
        if text and not self._explicit_sort:
            sort, descending = SortKey.RELEVANCE, False
        elif not text and sort is SortKey.RELEVANCE:
            sort, descending = self._sort_from_settings(), self.settings.get(S.SORT_DESCENDING)
        self._query = ListQuery(
            view=self._query.view,
            tag=self._query.tag,
            site=self._query.site,
            search=text,
            sort=sort,
            descending=descending,
        )
        self._update_sort_indicator()
        self.reload_list()

    def _on_header_clicked(self, section: int) -> None:
        key = SORT_KEYS[section] if 0 <= section < len(SORT_KEYS) else None
        if key is None:
            self._update_sort_indicator()
            return
        sort = SortKey(key)
        if sort is self._query.sort:
            descending = not self._query.descending
        else:
            # Dates and lengths read best newest or longest first; names A to Z.
            descending = sort in (SortKey.ADDED, SortKey.PUBLISHED, SortKey.READING_TIME)
        self.set_sort(sort, descending)

    def _on_list_sort_requested(self, key: str, descending: bool) -> None:
        self.set_sort(SortKey(key), descending)

    def set_sort(self, sort: SortKey, descending: bool) -> None:
        """Order the list (remembered; while searching it overrides best-match order)."""
        if self._query.search:
            self._explicit_sort = sort is not SortKey.RELEVANCE
        if sort is not SortKey.RELEVANCE:
            self.settings.set(S.SORT_KEY, sort.value)
            self.settings.set(S.SORT_DESCENDING, descending)
        changed = sort is not self._query.sort or descending != self._query.descending
        self._query = ListQuery(
            view=self._query.view,
            tag=self._query.tag,
            site=self._query.site,
            search=self._query.search,
            sort=sort,
            descending=descending,
        )
        self._update_sort_indicator()
        if changed:
            self.reload_list()

    def _update_sort_indicator(self) -> None:
        sort = self._query.sort
        column = SORT_KEYS.index(sort.value) if sort.value in SORT_KEYS else -1
        order = (
            Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
        )
        self.list_view.horizontalHeader().setSortIndicator(column, order)
        for key, act in getattr(self, "sort_actions", {}).items():
            act.setChecked(key is sort)
        if hasattr(self, "act_sort_descending"):
            self.act_sort_descending.setChecked(self._query.descending)

    @property
    def query(self) -> ListQuery:
        return self._query

    # ================================================================ editing
    def edit_article(self) -> None:
        if self.right.currentWidget() is self.editor:
            self.editor.focus_body()
            return
        article = self.current_article()
        if article is None:
            return
        self.editor.load(article)
        self.editor.set_theme(self.reader.theme_name())
        self.right.setCurrentWidget(self.editor)
        self.editor.focus_title() if article.title_inferred else self.editor.focus_body()

    def new_article(self) -> None:
        if not self._resolve_unsaved():
            return
        self.editor.load_new()
        self.editor.set_theme(self.reader.theme_name())
        self.right.setCurrentWidget(self.editor)
        self.editor.focus_title()

    def leave_editor(self) -> None:
        if self.right.currentWidget() is not self.editor:
            return
        if not self._resolve_unsaved():
            return
        self.right.setCurrentWidget(self.reader)
        if self.editor.is_new:
            self.editor.load_new()
        self.list_view.setFocus()

    def _on_editor_dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)

    def resolve_unsaved(self) -> bool:
        """Before the form's content is replaced: save, discard or cancel. False = cancel."""
        return self._resolve_unsaved()

    def _resolve_unsaved(self) -> bool:
        """Before the form's content is replaced: save, discard or cancel. False = cancel."""
        if self.right.currentWidget() is not self.editor or not self.editor.is_dirty:
            return True
        choice = ask_unsaved(self, self.editor.title_text())
        if choice is UnsavedChoice.CANCEL:
            return False
        if choice is UnsavedChoice.SAVE:
            return self.save(wait=True)
        self.editor.revert()
        return True

    def save(self, *, wait: bool = False) -> bool:
        """Save the form. Returns False when the form has a problem to fix first.

        ``wait`` saves before returning (used when the form is about to be replaced)."""
        if self.right.currentWidget() is not self.editor:
            return True
        problem = self.editor.validate()
        if problem:
            self.editor.show_error(problem)
            return False
        lib = self.library
        if self.editor.is_new:
            draft = self.editor.new_draft()

            def add() -> tuple[Changes, Article]:
                changes = lib.add(draft)
                return changes, lib.get(changes.added[0])

            return self._run_save(add, wait)
        if not self.editor.is_dirty:
            return True
        edited = self.editor.edited_article()

        def update() -> tuple[Changes, Article]:
            changes = lib.update(edited)
            return changes, lib.get(edited.id)

        return self._run_save(update, wait)

    def _run_save(self, fn: Callable[[], tuple[Changes, Article]], wait: bool) -> bool:
        if wait:
            try:
                result = fn()
            except FolioError as exc:
                self._on_save_failed(exc)
                return False
            self._on_saved(result)
            return True
        self.runner.submit(
            lambda _c: fn(),
            name="save",
            write=True,
            on_done=self._on_saved,
            on_error=self._on_save_failed,
        )
        return True

    def _on_saved(self, result: tuple[Changes, Article]) -> None:
        changes, article = result
        was_new = bool(changes.added)
        if self.right.currentWidget() is self.editor and (
            (was_new and self.editor.is_new)
            or (self.editor.article is not None and self.editor.article.id == article.id)
        ):
            self.editor.mark_saved(article)
        if self._current_id == article.id or was_new:
            self._current_id = article.id
            self.reader.show_article(article, search_terms=self._search_terms())
        self.say(f"Saved “{article.title}”")
        self.article_saved.emit(article.id)
        if was_new:
            self._select_after_reload = article.id
        self.apply_changes(changes)

    def _on_save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, EditConflictError) and self.editor.article is not None:
            self._resolve_conflict(exc)
        else:
            self.editor.show_error(f"Could not save: {exc}")

    def _resolve_conflict(self, exc: EditConflictError) -> None:
        """Someone saved the article since this edit began: ask which version to keep."""
        try:
            theirs = self.library.get(exc.article_id)
        except FolioError as err:
            self.editor.show_error(f"Could not save: {err}")
            return
        mine = self.editor.edited_article()
        self.conflicts_seen += 1
        choice = ask_conflict(self, mine, theirs)
        lib = self.library
        if choice is ConflictChoice.KEEP_MINE:
            # Based on their version now, so theirs becomes a revision; if it moved again
            # meanwhile, the question is asked again.
            rebased = replace(mine, version=theirs.version)

            def overwrite() -> tuple[Changes, Article]:
                changes = lib.update(rebased)
                return changes, lib.get(rebased.id)

            self._run_save(overwrite, wait=False)
        elif choice is ConflictChoice.KEEP_THEIRS:
            self.editor.load(theirs)
            self.reader.show_article(theirs, search_terms=self._search_terms())
            self.say(f"Kept the version of “{theirs.title}” saved elsewhere")
        elif choice is ConflictChoice.KEEP_BOTH:
            copy = _copy_draft(mine)
            self.editor.load(theirs)
            self.reader.show_article(theirs, search_terms=self._search_terms())

            def add(_c: TaskControl) -> Changes:
                return lib.add(copy)

            def added(changes: Changes) -> None:
                self.say(f"Kept both: your edit is saved as “{copy.title}”")
                if changes.added:
                    self._select_after_reload = changes.added[0]
                self.apply_changes(changes)

            self.runner.submit(add, name="save copy", write=True, on_done=added)
        else:
            self.editor.show_error(
                "Not saved: this article was changed elsewhere. Save again to choose what to keep."
            )

    def ask(self, title: str, text: str, action: str) -> bool:
        """A yes/no question whose yes button says what it does."""
        return confirm(self, title, text, action)

    def follow_tag(self, name: str) -> None:
        """The tag shown in the list is being renamed: show it under its new name."""
        self._sidebar_after_counts = Entry("tag", name)

    # ================================================================ history
    def show_history(self) -> HistoryDialog | None:
        """The open article's saved versions, compared with the current text."""
        return self.history.show()

    @property
    def history_dialog(self) -> HistoryDialog | None:
        return self.history.dialog

    # ================================================================ state, tags, Trash
    def _write(self, fn: Callable[[], Changes], message: str = "") -> None:
        self.write_then(fn, message)

    def write_then(
        self,
        fn: Callable[[], Changes],
        message: str = "",
        then: Callable[[Changes], object] | None = None,
    ) -> None:
        """Run a library write on the write pool, then say ``message``, refresh, and call
        ``then`` with what changed."""

        def work(_c: TaskControl) -> Changes:
            return fn()

        def done(changes: Changes) -> None:
            if message:
                self.say(message)
            self.apply_changes(changes)
            if then is not None:
                then(changes)

        self.runner.submit(work, name="write", write=True, on_done=done)

    def _first_summary(self) -> Any:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        row = rows[0] if rows else self.list_view.currentIndex().row()
        return self.list_model.summary(row) if row >= 0 else None

    def toggle_read(self) -> None:
        first, ids = self._first_summary(), self.selected_ids()
        if first is None or not ids:
            return
        value = not first.read
        self._write(
            lambda: self.library.set_state(ids, read=value),
            f"Marked {len(ids)} {'read' if value else 'unread'}",
        )

    def toggle_star(self) -> None:
        first, ids = self._first_summary(), self.selected_ids()
        if first is None or not ids:
            return
        value = not first.starred
        self._write(
            lambda: self.library.set_state(ids, starred=value),
            f"{'Starred' if value else 'Unstarred'} {len(ids)}",
        )

    def toggle_archive(self) -> None:
        first, ids = self._first_summary(), self.selected_ids()
        if first is None or not ids:
            return
        value = not first.archived
        self._write(
            lambda: self.library.set_state(ids, archived=value),
            f"{'Archived' if value else 'Moved out of the archive'}: {len(ids)}",
        )

    def tag_selected(self) -> None:
        self.organizer.tag_selection()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if self._query.view is View.TRASH:
            n = len(ids)
            if confirm(
                self,
                "Delete for good",
                f"Delete {n} article{'s' if n != 1 else ''} for good? This cannot be undone.",
                "Delete",
            ):
                self._write(lambda: self.library.purge(ids), f"Deleted {n} for good")
            return
        if self._current_id in ids and self.right.currentWidget() is self.editor:
            if not self._resolve_unsaved():
                return
            self.right.setCurrentWidget(self.reader)
        lib = self.library

        def work(_c: TaskControl) -> Changes:
            return lib.trash(ids)

        def done(changes: Changes) -> None:
            if changes.trashed:
                trashed = changes.trashed
                n = len(trashed)
                self.undo_stack.push(
                    UndoEntry(
                        "move to Trash",
                        lambda: lib.restore(trashed),
                        done_message=f"Restored {n} article{'s' if n != 1 else ''}",
                    )
                )
                self.say(f"Moved {n} article{'s' if n != 1 else ''} to Trash (Ctrl+Z to undo)")
            self.apply_changes(changes)

        self.runner.submit(work, name="trash", write=True, on_done=done)

    def undo_trash(self) -> None:
        """Undo the newest undoable write (a move to the Trash, a removed highlight)."""
        entry = self.undo_stack.pop()
        if entry is None:
            return

        def work(_c: TaskControl) -> Changes:
            return entry.undo()

        def done(changes: Changes) -> None:
            if entry.done_message:
                self.say(entry.done_message)
            if changes.restored:
                self._select_after_reload = changes.restored[0]
            self.apply_changes(changes)

        self.runner.submit(work, name="undo", write=True, on_done=done)

    def _on_undo_stack_changed(self) -> None:
        top = self.undo_stack.top()
        self.act_undo_delete.setEnabled(top is not None)
        self.act_undo_delete.setText(f"&Undo {top.label}" if top is not None else "&Undo")

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._write(lambda: self.library.restore(ids), f"Restored {len(ids)}")

    def empty_trash(self) -> None:
        n = self.sidebar_model.count_of(View.TRASH)
        if n and confirm(
            self, "Empty Trash", f"Delete the {n} articles in the Trash for good?", "Empty Trash"
        ):
            self._write(self.library.empty_trash, "Emptied the Trash")

    # ================================================================ import and export
    def import_files_dialog(self) -> None:
        exts = sorted({e for f in self.library.import_formats() for e in f.extensions} | {"zip"})
        pattern = " ".join(f"*.{e}" for e in exts)
        start = self.settings.get(S.LAST_IMPORT_DIR) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", start, f"Articles ({pattern});;All files (*)"
        )
        if paths:
            self.settings.set(S.LAST_IMPORT_DIR, str(Path(paths[0]).parent))
            self.import_paths(paths)

    def import_folder_dialog(self) -> None:
        start = self.settings.get(S.LAST_IMPORT_DIR) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", start)
        if folder:
            self.settings.set(S.LAST_IMPORT_DIR, folder)
            self.import_paths([folder])

    def import_paths(self, paths: Sequence[str]) -> None:
        """Import in the background with progress and Cancel, then show the report."""
        lib = self.library

        def work(c: TaskControl) -> tuple[ImportReport, Changes]:
            return lib.import_paths(paths, progress=c.progress, cancelled=c.cancelled)

        def done(result: tuple[ImportReport, Changes]) -> None:
            report, changes = result
            self.say(report.summary())
            if report.imported_ids:
                self._select_after_reload = report.imported_ids[0]
            self.apply_changes(changes)
            self.import_finished.emit(report)
            if report.failed or report.duplicates or len(report.items) > 1 or report.cancelled:
                self.show_report(report)

        self.say("Importing…")
        run_with_progress(
            self,
            self.runner,
            work,
            name="import",
            title="Import",
            text="Importing…",
            describe=lambda done, total, label: (
                f"Importing {Path(label).name} ({done + 1} of {total})"
            ),
            failure="The import stopped",
            on_done=done,
            write=True,
        )

    def show_report(self, report: ImportReport) -> ImportReportDialog:
        from reader.gui.dialogs.import_report import ImportReportDialog

        dialog = ImportReportDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_report_dialog = dialog
        dialog.open()
        return dialog

    def export_dialog(self, *, initial_scope: str = "") -> None:
        """File > Export (and the list's "Export selected…"): ask, then export."""
        dialog = ExportDialog(
            self.library.export_formats(),
            selected=len(self.selected_ids()),
            listed=self.list_model.rowCount(),
            total=self.sidebar_model.count_of(View.ALL),
            folder=self.settings.get(S.LAST_EXPORT_DIR),
            list_label="Search results" if self._query.search else "Articles in the list",
            initial_format=self.settings.get(S.LAST_EXPORT_FORMAT),
            initial_scope=initial_scope,
            parent=self,
        )
        accepted = dialog.exec() == ExportDialog.DialogCode.Accepted
        choice = dialog.choice() if accepted else None
        dialog.deleteLater()
        if choice is None:
            return
        target = Path(choice.target)
        if (
            choice.options.layout is Layout.ONE_FILE
            and target.is_file()
            and not confirm(self, "Export", f"Replace {target.name}?", "Replace")
        ):
            return
        self.settings.set(S.LAST_EXPORT_DIR, str(target.parent))
        self.settings.set(S.LAST_EXPORT_FORMAT, choice.format)
        self.export(choice.format, choice.target, scope=choice.scope, options=choice.options)

    def export(
        self,
        fmt: str,
        target: str,
        *,
        scope: str = SCOPE_SELECTION,
        options: ExportOptions | None = None,
    ) -> None:
        """Export in the background: the selection, the list as shown, or the whole library."""
        lib = self.library
        ids: list[str] | None
        if scope == SCOPE_SELECTION:
            ids = self.selected_ids()
        elif scope == SCOPE_LIST:
            # The list's ids are read in the background (a whole view's rows), from its keys,
            # or from the view's query while only its first rows are known.
            ids = []
            listed = self.list_model.keys() if self.list_model.complete else None
            list_query = self._query
        else:
            ids = None
        assert scope in (SCOPE_SELECTION, SCOPE_LIST, SCOPE_ALL)

        def work(c: TaskControl) -> ExportResult:
            if scope == SCOPE_LIST and ids is not None:
                keys = listed if listed is not None else lib.keys(list_query)
                for start in range(0, len(keys), 900):
                    chunk = keys[start : start + 900]
                    found = lib.summaries(chunk)
                    ids.extend(found[k].id for k in chunk if k in found)
            return lib.export(
                fmt, target, ids=ids, options=options, progress=c.progress, cancelled=c.cancelled
            )

        def done(result: ExportResult) -> None:
            noun = "article" if result.articles == 1 else "articles"
            state = " (cancelled)" if result.cancelled else ""
            self.say(f"Exported {result.articles} {noun} to {target}{state}")
            self.export_finished.emit(result)

        def track(dialog: QProgressDialog | None) -> None:
            self.export_progress = dialog

        self.say("Exporting…")
        run_with_progress(
            self,
            self.runner,
            work,
            name="export",
            title="Export",
            text="Exporting…",
            describe=lambda done, total, label: f"Exporting {done} of {total}: {label[:60]}",
            failure="The export failed",
            on_done=done,
            track=track,
        )

    # ---------------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ================================================================ view
    def set_theme(self, name: str) -> None:
        self.settings.set(S.THEME, name)
        if name in self.theme_actions:
            self.theme_actions[name].setChecked(True)
        self.reader.set_theme(name)
        self.editor.set_theme(self.reader.theme_name())

    def show_reader_settings(self) -> ReaderSettingsDialog:
        return self.reading.show_settings()

    def zoom(self, steps: int) -> None:
        size = self.reader.zoom(steps)
        self.settings.set(S.FONT_SIZE, size)
        self.say(f"Text size {size:g} pt")

    def reset_zoom(self) -> None:
        self.reader.set_font(self.settings.get(S.FONT_FAMILY) or None, S.FONT_SIZE.default)
        self.settings.set(S.FONT_SIZE, S.FONT_SIZE.default)

    def show_shortcuts(self) -> ShortcutSheet:
        from reader.gui.dialogs.shortcuts import ShortcutSheet

        sheet = ShortcutSheet(self._menu_groups, self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def show_about(self) -> None:
        from reader import __version__

        QMessageBox.about(
            self,
            "About Folio",
            f"<b>Folio {__version__}</b><p>Read, fix and keep articles.</p>"
            f"<p>Library: {self.library.path}</p>",
        )

    # ================================================================ backups
    def take_daily_backup(self) -> None:
        """The first open of the day backs the library up, in the background."""
        if self.library.read_only:
            return
        lib = self.library

        def work(_c: TaskControl) -> Any:
            return lib.backup_if_due()

        def failed(exc: BaseException) -> None:
            self.say(f"Today's backup could not be made: {exc}")

        self.runner.submit(work, name="daily backup", long=True, on_error=failed)

    def backup_now(self) -> None:
        lib = self.library

        def work(_c: TaskControl) -> Any:
            return lib.backup()

        def done(info: Any) -> None:
            self.say(f"Backed up to {info.path}")

        def failed(exc: BaseException) -> None:
            self.say(f"The backup failed: {exc}")

        self.runner.submit(work, name="backup", on_done=done, on_error=failed)

    def restore_from_backup(self) -> None:
        """File > Restore from backup: pick a backup, confirm, replace the library's content."""
        if (self.library.read_only and not self.library.damaged) or not self._resolve_unsaved():
            return
        chosen = choose_backup(self, self.library.backups(count=True), self.library.path)
        if chosen is None:
            return
        if not confirm(
            self,
            "Restore from backup",
            f"Replace the library with the backup {chosen.name}? The library as it is now is "
            "backed up first, so this can be undone.",
            "Restore",
        ):
            return
        lib = self.library

        def work(_c: TaskControl) -> Changes:
            return lib.restore_backup(chosen)

        def done(changes: Changes) -> None:
            if self.right.currentWidget() is self.editor:
                self.right.setCurrentWidget(self.reader)
            self._current_id = None
            if self._damaged and not self.library.read_only:
                self._damaged = False
                self._leave_read_only()
            self.say(f"Restored the library from {chosen.name}")
            self.apply_changes(changes)
            self.restored.emit(str(chosen))

        def failed(exc: BaseException) -> None:
            self.say(f"The restore failed: {exc}")
            show_error(self, "Restore from backup", f"The library was not restored: {exc}")

        self.runner.submit(work, name="restore", write=True, on_done=done, on_error=failed)

    #: Every action that writes to the library (switched off for a read-only library).
    WRITE_ACTIONS = (
        "act_new", "act_import", "act_import_folder", "act_edit", "act_save", "act_revert",
        "act_read", "act_mark_read", "act_mark_unread", "act_star", "act_star_on",
        "act_star_off", "act_archive", "act_archive_on", "act_archive_off", "act_tag",
        "act_fetch", "act_delete", "act_restore", "act_empty_trash", "act_undo_delete",
        "act_restore_backup", "act_highlight", "act_highlight_note",
    )  # fmt: skip

    def _enter_read_only(self) -> None:
        """A library opened read-only: everything that would write is switched off."""
        for name in self.WRITE_ACTIONS:
            act = getattr(self, name, None)
            if isinstance(act, QAction):
                act.setEnabled(False)
        for act in self.bulk_actions:
            if act is not None and act is not self.act_export_selected:
                act.setEnabled(False)
        self.setAcceptDrops(False)
        self.setWindowTitle(f"{self.library.path.name} (read-only) — {APP_NAME}")
        self.say("Opened read-only: nothing can be changed; export what you need")

    def _leave_read_only(self) -> None:
        """A damaged library was restored from a backup: it can be written again."""
        for name in self.WRITE_ACTIONS:
            act = getattr(self, name, None)
            if isinstance(act, QAction):
                act.setEnabled(True)
        for act in self.bulk_actions:
            if act is not None:
                act.setEnabled(True)
        self._on_undo_stack_changed()
        self.setAcceptDrops(True)
        self.setWindowTitle(f"{self.library.path.name}[*] — {APP_NAME}")
        self.message_bar.dismiss()

    # ================================================================ errors and closing
    def _on_task_failed(self, name: str, exc: BaseException) -> None:
        self.say(f"{name} failed: {exc}")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._resolve_unsaved():
            event.ignore()
            return
        self.watch.stop()
        self._save_layout()
        with contextlib.suppress(RuntimeError):
            self.runner.wait()
        event.accept()


def _copy_draft(article: Article) -> ArticleDraft:
    """A new article holding an edit that the user keeps beside the version saved elsewhere."""
    return ArticleDraft(
        title=f"{article.title or 'Untitled'} (my copy)",
        body=article.body,
        subtitle=article.subtitle,
        author=article.author,
        author_bio=article.author_bio,
        site_name=article.site_name,
        url=article.url,
        published_at=article.published_at,
        language=article.language,
        summary=article.summary,
        image_url=article.image_url,
        image_credit=article.image_credit,
        image_caption=article.image_caption,
        tags=article.tags,
        related=article.related,
    )
