"""The schema revision this program needs, kept apart from Alembic so a command need not load it.

A test asserts it equals the head of migrations/versions.
"""

SCHEMA_REVISION = "0006"
