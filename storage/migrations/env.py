"""Alembic environment, driven from `storage.db.open_db`: the connection is passed in
`config.attributes`, so no alembic.ini or URL lives outside the service's config."""

from __future__ import annotations

from alembic import context

from storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the only entry point is storage.db
    raise RuntimeError("Lancez les migrations par storage.db.open_db(url).")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
