"""The hub's schema for SQLite and PostgreSQL: one Alembic script folder, two branches.

`hub` holds the hub store's tables (hub.db: devices, usage, heartbeats, evidence, the desk,
job claims); `staff` holds the staff side's (staff.db: accounts, sessions, figures, QR opens,
desk roles). On PostgreSQL both usually live in one database. hub.store.backend.migrate runs
them; a new table or column is a new revision file in versions/, never an edit of an old one.
"""
