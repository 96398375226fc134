"""case tally: the year tally's read model (Y-1) per case and summed, built from the events

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_tally",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(length=16), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("campaign", sa.String(length=128), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("once", sa.Integer(), nullable=False),
        sa.Column("fine_fen", sa.BigInteger(), nullable=False),
        sa.Column("gains_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_case_tally_case_id_cases")),
        sa.PrimaryKeyConstraint("year", "case_id", "fact", "month", name=op.f("pk_case_tally")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_case_tally_case_id", "case_tally", ["case_id"], unique=False)
    op.create_table(
        "tally_total",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(length=16), nullable=False),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("campaign", sa.String(length=128), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("once", sa.BigInteger(), nullable=False),
        sa.Column("cases", sa.BigInteger(), nullable=False),
        sa.Column("fine_fen", sa.BigInteger(), nullable=False),
        sa.Column("gains_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("year", "month", "fact", "domain", "source", "campaign",
                                name=op.f("pk_tally_total")),
    )
    # Ledgers from before this revision: every case's rows from its events.
    from sqlalchemy.orm import Session

    from caseledger.services.tally import rebuild_all

    rebuild_all(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("tally_total")
    op.drop_index("ix_case_tally_case_id", table_name="case_tally")
    op.drop_table("case_tally")
