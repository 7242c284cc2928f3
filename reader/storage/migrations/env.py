"""Alembic's environment for Folio: always run on a connection the library hands over."""

from __future__ import annotations

from alembic import context

from reader.storage.models import Base
from reader.storage.schema import include_object


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Folio's migrations run on a connection given by the library")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
