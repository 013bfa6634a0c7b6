"""Create the generations and images tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_table(
		'generations',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('status', sa.String(length=16), nullable=False),
		sa.Column('prompt', sa.Text(), nullable=False),
		sa.Column('negative_prompt', sa.Text(), nullable=False),
		sa.Column('model_name', sa.String(length=255), nullable=False),
		sa.Column('model_hash', sa.String(length=64), nullable=True),
		sa.Column('sampler', sa.String(length=64), nullable=False),
		sa.Column('schedule', sa.String(length=64), nullable=False),
		sa.Column('steps', sa.Integer(), nullable=False),
		sa.Column('cfg_scale', sa.Float(), nullable=False),
		sa.Column('width', sa.Integer(), nullable=False),
		sa.Column('height', sa.Integer(), nullable=False),
		sa.Column('seed', sa.Integer(), nullable=False),
		sa.Column('batch_count', sa.Integer(), nullable=False),
		sa.Column('batch_size', sa.Integer(), nullable=False),
		sa.Column('seeds', sa.Text(), nullable=False),
		sa.Column('request_json', sa.Text(), nullable=False),
		sa.Column('infotext', sa.Text(), nullable=False),
		sa.Column('error', sa.Text(), nullable=True),
		sa.Column('started_at', sa.DateTime(), nullable=False),
		sa.Column('finished_at', sa.DateTime(), nullable=True),
		sa.Column('it_per_s', sa.Float(), nullable=True),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_generations')),
	)
	op.create_index('ix_generations_started_at', 'generations', ['started_at'])
	op.create_index('ix_generations_status', 'generations', ['status'])
	op.create_table(
		'images',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('generation_id', sa.Integer(), nullable=False),
		sa.Column('path', sa.Text(), nullable=False),
		sa.Column('seed', sa.Integer(), nullable=False),
		sa.Column('index', sa.Integer(), nullable=False),
		sa.Column('width', sa.Integer(), nullable=False),
		sa.Column('height', sa.Integer(), nullable=False),
		sa.Column('created_at', sa.DateTime(), nullable=False),
		sa.ForeignKeyConstraint(
			['generation_id'],
			['generations.id'],
			name=op.f('fk_images_generation_id_generations'),
			ondelete='CASCADE',
		),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_images')),
		sa.UniqueConstraint('path', name=op.f('uq_images_path')),
	)
	op.create_index(op.f('ix_images_generation_id'), 'images', ['generation_id'])


def downgrade() -> None:
	op.drop_index(op.f('ix_images_generation_id'), table_name='images')
	op.drop_table('images')
	op.drop_index('ix_generations_status', table_name='generations')
	op.drop_index('ix_generations_started_at', table_name='generations')
	op.drop_table('generations')
