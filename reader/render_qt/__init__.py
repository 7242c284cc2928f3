"""Exports drawn with Qt (PDF), outside ``reader.formats``, which may not import Qt.

Registered with the format registry as a plugin (the ``folio.exporters`` entry-point group in
pyproject.toml), so the library facade and the command line reach it by name like any other
exporter while neither of them imports Qt.
"""
