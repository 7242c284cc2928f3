"""Folio's launcher: ``python main.py`` is the ``folio`` command."""

from reader.cli import main

if __name__ == "__main__":  # a worker process of a large import loads this file again
    raise SystemExit(main())
