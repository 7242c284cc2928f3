"""Exporters: one module per format, each exporting ``FORMAT`` (see ``registry``)."""
