"""Alembic migrations of the center's database (``vr-center db upgrade``; ``serve`` runs them)."""
