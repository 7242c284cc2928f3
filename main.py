"""Folio's launcher: ``python main.py`` is the ``folio`` command."""

from reader.cli import main

raise SystemExit(main())
