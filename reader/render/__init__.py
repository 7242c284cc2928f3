"""Rendering: an article's Markdown as sanitized HTML for the reader pane and exports.

Pure Python over markdown2 and nh3: no Qt, no database.
"""
