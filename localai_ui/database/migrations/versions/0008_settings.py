"""Create the settings table: the user's saved defaults as key/value rows (its own branch from the initial revision).

Revision ID: 0008_settings
Revises: 0001
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_settings'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('settings',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_table(
		'settings',
		sa.Column('key', sa.String(length=64), nullable=False),
		sa.Column('value', sa.Text(), nullable=False),
		sa.Column('updated_at', sa.DateTime(), nullable=False),
		sa.PrimaryKeyConstraint('key', name=op.f('pk_settings')),
	)


def downgrade() -> None:
	op.drop_table('settings')
