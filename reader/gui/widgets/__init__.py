"""The main window's panes: the reader and the editing form."""
