"""Alembic revisions of the center's database schema, one module each, oldest first."""
