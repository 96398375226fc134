"""initial schema: settings, staff, cases, officers, counters, the event chain and its head

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 16:47:30.480576
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=128), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=32), nullable=False),
    sa.Column('party_kind', sa.String(length=32), nullable=False),
    sa.Column('party_name', sa.String(length=256), nullable=False),
    sa.Column('party_id', sa.String(length=64), nullable=False),
    sa.Column('party_id_type', sa.String(length=64), nullable=False),
    sa.Column('violation', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('lead_on', sa.Date(), nullable=True),
    sa.Column('major', sa.String(length=32), nullable=True),
    sa.Column('campaign', sa.String(length=128), nullable=True),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_no', sa.String(length=128), nullable=True),
    sa.Column('fine_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('gains_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('case_no', name=op.f('uq_cases_case_no')),
    sa.UniqueConstraint('decision_no', name=op.f('uq_cases_decision_no')),
    sa.UniqueConstraint('year', 'seq', name='uq_case_year_seq')
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_filed_on'), ['filed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_party_id'), ['party_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)

    op.create_table('chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chain_head'))
    )
    op.create_table('counter',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_counter'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('roles', sa.String(length=64), nullable=False),
    sa.Column('cert_no', sa.String(length=64), nullable=True),
    sa.Column('cert_until', sa.Date(), nullable=True),
    sa.Column('legal_qualified', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('login', name=op.f('uq_staff_login'))
    )
    op.create_table('case_officer',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_officer_case_id_cases')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_case_officer_staff_id_staff')),
    sa.PrimaryKeyConstraint('case_id', 'staff_id', name=op.f('pk_case_officer'))
    )
    op.create_table('event',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.String(length=32), nullable=True),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('responsible', sa.String(length=64), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_event_case_id_cases')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_event')),
    sa.UniqueConstraint('hash', name=op.f('uq_event_hash'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_case_id_seq', ['case_id', 'seq'], unique=False)
        batch_op.create_index('ix_event_step_business_date', ['step', 'business_date'], unique=False)

    # The chain starts at the genesis hash; every write locks and moves this one row.
    chain_head = sa.table(
        "chain_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer),
        sa.column("hash", sa.String),
    )
    op.bulk_insert(chain_head, [{"id": 1, "seq": 0, "hash": "0" * 64}])



def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_step_business_date')
        batch_op.drop_index('ix_event_case_id_seq')

    op.drop_table('event')
    op.drop_table('case_officer')
    op.drop_table('staff')
    op.drop_table('setting')
    op.drop_table('counter')
    op.drop_table('chain_head')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_index(batch_op.f('ix_cases_party_id'))
        batch_op.drop_index(batch_op.f('ix_cases_filed_on'))
        batch_op.drop_index(batch_op.f('ix_cases_domain'))

    op.drop_table('cases')
