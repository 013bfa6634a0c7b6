"""Create the styles table (its own branch from the initial revision).

Revision ID: 0002_styles
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_styles'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('styles',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_table(
		'styles',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('name', sa.String(length=255), nullable=False),
		sa.Column('category', sa.String(length=64), nullable=False),
		sa.Column('prompt', sa.Text(), nullable=False),
		sa.Column('negative_prompt', sa.Text(), nullable=False),
		sa.Column('builtin_key', sa.String(length=128), nullable=True),
		sa.Column('builtin_hash', sa.String(length=64), nullable=True),
		sa.Column('created_at', sa.DateTime(), nullable=False),
		sa.Column('updated_at', sa.DateTime(), nullable=False),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_styles')),
		sa.UniqueConstraint('builtin_key', name=op.f('uq_styles_builtin_key')),
		sa.UniqueConstraint('name', name=op.f('uq_styles_name')),
	)


def downgrade() -> None:
	op.drop_table('styles')
