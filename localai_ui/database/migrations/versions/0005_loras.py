"""Create the loras table (the LoRA library; its own branch from the initial revision).

Revision ID: 0005_loras
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_loras'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('loras',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_table(
		'loras',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('name', sa.String(length=255), nullable=False),
		sa.Column('relative_path', sa.Text(), nullable=False),
		sa.Column('status', sa.String(length=16), nullable=False),
		sa.Column('problem', sa.Text(), nullable=True),
		sa.Column('size', sa.Integer(), nullable=False),
		sa.Column('mtime', sa.Float(), nullable=False),
		sa.Column('layout', sa.String(length=16), nullable=True),
		sa.Column('base', sa.String(length=16), nullable=False),
		sa.Column('cross_attention_dim', sa.Integer(), nullable=True),
		sa.Column('rank', sa.Integer(), nullable=True),
		sa.Column('trigger_words_json', sa.Text(), nullable=False),
		sa.Column('metadata_json', sa.Text(), nullable=False),
		sa.Column('sha256', sa.String(length=64), nullable=True),
		sa.Column('autov2', sa.String(length=10), nullable=True),
		sa.Column('addnet_hash', sa.String(length=12), nullable=True),
		sa.Column('preview_path', sa.Text(), nullable=True),
		sa.Column('added_at', sa.DateTime(), nullable=False),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_loras')),
		sa.UniqueConstraint('name', name=op.f('uq_loras_name')),
		sa.UniqueConstraint('relative_path', name=op.f('uq_loras_relative_path')),
	)


def downgrade() -> None:
	op.drop_table('loras')
