"""The articles Folio keeps, and the pure-Python rules about them.

Nothing here imports Qt, SQLAlchemy or any third-party package: the domain is shared by the
storage layer, the format modules, the renderer, the GUI and the command line.
"""
