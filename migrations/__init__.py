"""Alembic environment for caseledger; ships in the wheel as `caseledger.migrations`."""
