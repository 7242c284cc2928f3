"""File formats: one module per importer and exporter, and the registry that picks them.

Nothing here touches Qt, the database or the file system beyond the bytes it is handed.
"""
