"""The main window's action table: every command with its keys, and the menus, the shortcut
sheet's groups and the toolbar built from it. Menus carry the shortcuts, and the sheet reads
them from the same actions, so the two can never disagree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from reader.domain.query import SortKey
from reader.gui.content_fetch import ContentFetcher
from reader.gui.dialogs.export_dialog import SCOPE_SELECTION
from reader.gui.icons import icon

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


def make_action(
    w: MainWindow,
    text: str,
    slot: Callable[[], Any],
    shortcuts: Sequence[str | QKeySequence.StandardKey] = (),
    *,
    tip: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    action = QAction(text, w)
    keys: list[QKeySequence] = []
    for s in shortcuts:
        keys.append(QKeySequence(s))
    action.setShortcuts(keys)
    action.setShortcutContext(context)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    w.addAction(action)
    return action


def build_actions(w: MainWindow) -> None:
    """Every command of the window as a QAction with its keys (the window keeps them as
    ``act_*`` attributes)."""

    def a(
        text: str, slot: Callable[[], Any], shortcuts: Sequence[str | QKeySequence.StandardKey] = ()
    ) -> QAction:
        return make_action(w, text, slot, shortcuts)

    w.act_new = a("&New article", w.new_article, ["Ctrl+N"])
    w.act_import = a("&Import files…", w.import_files_dialog, ["Ctrl+I"])
    w.act_import_folder = a("Import &folder…", w.import_folder_dialog, ["Ctrl+Shift+I"])
    w.act_export = a("&Export…", w.export_dialog, ["Ctrl+Shift+E"])
    w.act_backup_now = a("&Back up now", w.backup_now)
    w.act_restore_backup = a("Restore from &backup…", w.restore_from_backup)
    w.act_quit = a("&Quit", w.close, [QKeySequence.StandardKey.Quit])
    w.act_undo_delete = a("&Undo move to Trash", w.undo_trash, ["Ctrl+Z"])
    w.act_undo_delete.setEnabled(False)
    w.act_edit = a("&Edit article", w.edit_article, ["E", "Ctrl+E"])
    w.act_save = a("&Save", w.save, [QKeySequence.StandardKey.Save])
    w.act_revert = a("&Revert", w.editor.revert)
    w.act_history = a("&History…", w.show_history, ["Ctrl+H"])
    w.act_leave = a("&Leave the form", w.leave_editor, ["Esc"])
    w.act_find = a("&Search", w.focus_search, ["/", "Ctrl+F"])
    w.act_next = a("&Next article", lambda: w.move_selection(1), ["J"])
    w.act_prev = a("&Previous article", lambda: w.move_selection(-1), ["K"])
    w.act_open = a("&Open", w.open_current, ["O", "Return", "Enter"])
    w.act_page_down = a("Page &down", lambda: w.page_reader(1), ["Space"])
    w.act_page_up = a("Page &up", lambda: w.page_reader(-1), ["Shift+Space"])
    w.act_read = a("Toggle &read", w.toggle_read, ["M"])
    w.act_star = a("Toggle &star", w.toggle_star, ["S"])
    w.act_archive = a("&Archive", w.toggle_archive, ["A"])
    w.act_tag = a("&Tag…", w.tag_selected, ["T"])
    w.act_delete = a("Move to &Trash", w.delete_selected, [QKeySequence.StandardKey.Delete])
    org = w.organizer
    w.act_mark_read = a("Mark as &read", lambda: org.set_state(read=True))
    w.act_mark_unread = a("Mark as &unread", lambda: org.set_state(read=False))
    w.act_star_on = a("S&tar", lambda: org.set_state(starred=True))
    w.act_star_off = a("U&nstar", lambda: org.set_state(starred=False))
    w.act_archive_on = a("Move to the &archive", lambda: org.set_state(archived=True))
    w.act_archive_off = a("Move &out of the archive", lambda: org.set_state(archived=False))
    w.act_export_selected = a(
        "E&xport selected…", lambda: w.export_dialog(initial_scope=SCOPE_SELECTION)
    )
    w.fetcher = ContentFetcher(w)
    w.act_fetch = w.fetcher.action
    w.bulk_actions = [
        w.act_mark_read,
        w.act_mark_unread,
        None,
        w.act_star_on,
        w.act_star_off,
        w.act_archive_on,
        w.act_archive_off,
        None,
        w.act_tag,
        w.act_fetch,
        w.act_export_selected,
        None,
        w.act_delete,
    ]
    w.sort_actions = {}
    sort_group = QActionGroup(w)
    for key, label in (
        (SortKey.ADDED, "Date &added"),
        (SortKey.PUBLISHED, "Date &published"),
        (SortKey.TITLE, "&Title"),
        (SortKey.AUTHOR, "A&uthor"),
        (SortKey.SITE, "&Site"),
        (SortKey.READING_TIME, "&Reading time"),
    ):
        act = QAction(label, w, checkable=True)
        act.triggered.connect(lambda _c=False, k=key: w.set_sort(k, w.query.descending))
        sort_group.addAction(act)
        w.sort_actions[key] = act
    w.act_sort_descending = QAction("&Descending (newest, longest, Z to A first)", w)
    w.act_sort_descending.setCheckable(True)
    w.act_sort_descending.triggered.connect(
        lambda checked=False: w.set_sort(
            w.query.sort if w.query.sort is not SortKey.RELEVANCE else SortKey.ADDED, checked
        )
    )
    w.act_restore = a("Restore from Trash", w.restore_selected)
    w.act_empty_trash = a("Empty Trash…", w.empty_trash)
    w.act_highlight = a("&Highlight the selection", w.highlighter.highlight_selection, ["H"])
    w.act_highlight_note = a(
        "Highlight with a &note…",
        lambda: w.highlighter.highlight_selection(with_note=True),
        ["Shift+H"],
    )
    w.act_highlights_panel = w.highlighter.dock.toggleViewAction()
    w.act_highlights_panel.setText("&Highlights panel")
    w.act_highlights_panel.setShortcut(QKeySequence("Ctrl+Shift+H"))
    w.addAction(w.act_highlights_panel)
    w.act_reader_settings = a("&Reading settings…", w.show_reader_settings, ["Ctrl+Shift+R"])
    w.act_bigger = a("&Larger text", lambda: w.zoom(1), ["Ctrl+=", "Ctrl++"])
    w.act_smaller = a("S&maller text", lambda: w.zoom(-1), ["Ctrl+-"])
    w.act_reset_size = a("&Default size", w.reset_zoom, ["Ctrl+0"])
    w.act_shortcuts = a("&Keyboard shortcuts", w.show_shortcuts, ["?"])
    w.act_about = a("&About Folio", w.show_about)
    w.theme_group = QActionGroup(w)
    w.theme_actions = {}
    for name, label in (
        ("system", "Follow the system"),
        ("light", "Light"),
        ("sepia", "Sepia"),
        ("dark", "Dark"),
    ):
        act = QAction(label, w, checkable=True)
        act.setData(name)
        act.triggered.connect(lambda _c=False, n=name: w.set_theme(n))
        w.theme_group.addAction(act)
        w.theme_actions[name] = act


def build_menus_and_toolbar(w: MainWindow) -> None:
    """The menu bar, the shortcut sheet's groups and the toolbar, from the actions."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    for act in (w.act_new, w.act_import, w.act_import_folder, w.act_export):
        file_menu.addAction(act)
    file_menu.addSeparator()
    file_menu.addAction(w.act_backup_now)
    file_menu.addAction(w.act_restore_backup)
    file_menu.addSeparator()
    file_menu.addAction(w.act_quit)
    edit_menu = bar.addMenu("&Edit")
    for act in (
        w.act_undo_delete,
        w.act_edit,
        w.act_save,
        w.act_revert,
        w.act_history,
        w.act_leave,
    ):
        edit_menu.addAction(act)
    edit_menu.addSeparator()
    edit_menu.addAction(w.act_find)
    art = bar.addMenu("&Article")
    for act in (
        w.act_next,
        w.act_prev,
        w.act_open,
        w.act_page_down,
        w.act_page_up,
    ):
        art.addAction(act)
    art.addSeparator()
    for act in (w.act_read, w.act_star, w.act_archive, w.act_tag, w.act_fetch):
        art.addAction(act)
    art.addSeparator()
    for act in (w.act_highlight, w.act_highlight_note):
        art.addAction(act)
    art.addSeparator()
    selected = art.addMenu("Selected a&rticles")
    for bulk in w.bulk_actions:
        if bulk is None:
            selected.addSeparator()
        else:
            selected.addAction(bulk)
    art.addSeparator()
    for act in (w.act_delete, w.act_restore, w.act_empty_trash):
        art.addAction(act)
    view = bar.addMenu("&View")
    view.addAction(w.act_highlights_panel)
    view.addSeparator()
    sort_menu = view.addMenu("&Sort by")
    for act in w.sort_actions.values():
        sort_menu.addAction(act)
    sort_menu.addSeparator()
    sort_menu.addAction(w.act_sort_descending)
    view.addSeparator()
    themes = view.addMenu("&Theme")
    for act in w.theme_actions.values():
        themes.addAction(act)
    view.addAction(w.act_reader_settings)
    for act in (w.act_bigger, w.act_smaller, w.act_reset_size):
        view.addAction(act)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(w.act_shortcuts)
    help_menu.addAction(w.act_about)
    w._menu_groups = [
        ("File", [w.act_new, w.act_import, w.act_import_folder, w.act_export]),
        (
            "Edit",
            [w.act_undo_delete, w.act_edit, w.act_save, w.act_history, w.act_leave, w.act_find],
        ),
        (
            "Article",
            [
                w.act_next,
                w.act_prev,
                w.act_open,
                w.act_page_down,
                w.act_page_up,
                w.act_read,
                w.act_star,
                w.act_archive,
                w.act_tag,
                w.act_fetch,
                w.act_delete,
                w.act_highlight,
                w.act_highlight_note,
            ],
        ),
        (
            "View",
            [
                w.act_highlights_panel,
                w.act_reader_settings,
                w.act_bigger,
                w.act_smaller,
                w.act_reset_size,
            ],
        ),
        ("Help", [w.act_shortcuts]),
    ]

    tools = QToolBar("Main")
    tools.setObjectName("mainToolbar")
    tools.setAccessibleName("Main toolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tools.setIconSize(QSize(18, 18))
    for act, name, label in (
        (w.act_new, "new", "New"),
        (w.act_import, "import", "Import"),
        (w.act_export, "export", "Export"),
        (w.act_edit, "edit", "Edit"),
        (w.act_star, "star", "Star"),
        (w.act_delete, "trash", "Trash"),
    ):
        act.setIcon(icon(name))
        act.setIconText(label)
        tools.addAction(act)
    tools.addSeparator()
    tools.addWidget(w.search_box)
    w.addToolBar(tools)
