"""Folio: a desktop reader and editor for articles, over a local SQLite library."""

__version__ = "0.1.0"
APP_NAME = "Folio"
