"""case clocks: the cache `deadlines` reads (rebuilt from the events for existing cases)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_clock",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("party_window", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("warn_from", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_case_clock_case_id_cases")),
        sa.PrimaryKeyConstraint("case_id", "rule", name=op.f("pk_case_clock")),
    )
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.create_index("ix_case_clock_met_on_due", ["met_on", "due"], unique=False)
    # Ledgers from before this revision: derive every case's clocks from its events.
    from sqlalchemy.orm import Session

    from caseledger.services.clocks import rebuild_all

    rebuild_all(Session(bind=op.get_bind()))


def downgrade() -> None:
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.drop_index("ix_case_clock_met_on_due")
    op.drop_table("case_clock")
