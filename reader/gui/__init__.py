"""The desktop app: the main window, its panes, models and dialogs (PySide6).

The GUI reaches the library only through ``reader.library.Library``.
"""
