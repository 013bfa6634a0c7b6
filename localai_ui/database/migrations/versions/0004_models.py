"""Create the models table (the model library; its own branch from the initial revision).

Revision ID: 0004_models
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_models'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('models',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_table(
		'models',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('name', sa.String(length=255), nullable=False),
		sa.Column('relative_path', sa.Text(), nullable=False),
		sa.Column('format', sa.String(length=16), nullable=False),
		sa.Column('architecture', sa.String(length=16), nullable=True),
		sa.Column('config', sa.String(length=16), nullable=True),
		sa.Column('status', sa.String(length=16), nullable=False),
		sa.Column('problem', sa.Text(), nullable=True),
		sa.Column('size', sa.Integer(), nullable=False),
		sa.Column('mtime', sa.Float(), nullable=False),
		sa.Column('sha256', sa.String(length=64), nullable=True),
		sa.Column('autov2', sa.String(length=10), nullable=True),
		sa.Column('metadata_json', sa.Text(), nullable=False),
		sa.Column('vae', sa.Text(), nullable=True),
		sa.Column('is_default', sa.Boolean(), nullable=False),
		sa.Column('last_used_at', sa.DateTime(), nullable=True),
		sa.Column('added_at', sa.DateTime(), nullable=False),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_models')),
		sa.UniqueConstraint('name', name=op.f('uq_models_name')),
		sa.UniqueConstraint('relative_path', name=op.f('uq_models_relative_path')),
	)


def downgrade() -> None:
	op.drop_table('models')
