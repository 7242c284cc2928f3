"""Bringing a library file's schema up to date with the Alembic migrations.

Opening an up-to-date library reads one row and never imports Alembic (it costs start-up time);
a new or older file is upgraded in one go. A file whose schema is newer than this Folio, or that
holds other tables and no Folio schema, is refused before anything is written to it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, inspect

from reader.domain.errors import LibraryOpenError, StorageProblem

#: The newest migration; a test checks it is Alembic's head.
HEAD_REVISION = "0004"
MIGRATIONS = Path(__file__).parent / "migrations"
#: Tables the migrations manage with their own SQL (the FTS5 index and its shadow tables).
FTS_TABLES = ("articles_fts",)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """For Alembic's comparisons: leave the FTS5 index to the migrations' own SQL."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLES))


def _alembic_config(connection: object) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    """Every revision the migrations know."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the file, or None for a file with no Folio schema."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise LibraryOpenError(
                    "this file is an SQLite database but not a Folio library",
                    problem=StorageProblem.NOT_FOLIO,
                )
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return str(row[0]) if row else None


def upgrade(
    engine: Engine, *, before_migration: Callable[[str | None], None] | None = None
) -> bool:
    """Upgrade the schema to the newest revision; return whether anything was migrated.

    ``before_migration(current)`` runs first when a migration is due (backups hook in there).
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return False
    if current is not None and current not in known_revisions():
        raise LibraryOpenError(
            f"this library was made by a newer version of Folio (schema {current}); "
            "update Folio to open it",
            problem=StorageProblem.NEWER,
        )
    if before_migration is not None:
        before_migration(current)
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]
        conn.commit()
    return True
