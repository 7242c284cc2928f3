"""Dialogs: the import report, confirmations, the shortcut sheet."""
