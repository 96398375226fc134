"""clock names up to 16 characters (the hearing notice's clock is `N-3-notice`)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_clock") as batch:
        batch.alter_column("rule", type_=sa.String(16), existing_type=sa.String(8),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("case_clock") as batch:
        batch.alter_column("rule", type_=sa.String(8), existing_type=sa.String(16),
                           existing_nullable=False)
