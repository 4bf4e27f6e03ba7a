"""Alembic's entry point: runs the revisions on the connection hub.store.backend.migrate hands
over (in `config.attributes["connection"]`, inside its transaction)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
