"""signing keys and event signatures (A-4)

Staff get a registered public key; events get the signer's public key and the signature. Events
recorded before this revision keep neither and `verify` reports them as unsigned.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and a unique index: SQLite changes the tables in place, without the copy
    # batch mode makes (a copy of `staff`, which cases refer to, would need foreign keys off).
    op.add_column("staff", sa.Column("public_key", sa.String(64), nullable=True))
    op.create_index("uq_staff_public_key", "staff", ["public_key"], unique=True)
    op.add_column("event", sa.Column("signer_key", sa.String(64), nullable=True))
    op.add_column("event", sa.Column("signature", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_index("uq_staff_public_key", table_name="staff")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("signature")
        batch.drop_column("signer_key")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("public_key")
