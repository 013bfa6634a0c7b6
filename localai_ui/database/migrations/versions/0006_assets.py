"""One asset table for every kind of model file: checkpoints and LoRAs move in, hashes and choices kept.

Merges the models and loras branches: their rows are copied into `assets` (so nothing is rehashed and the default
model, VAE choices and LoRA previews survive), then the two tables are dropped.

Revision ID: 0006_assets
Revises: 0004_models, 0005_loras
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_assets'
down_revision: str | Sequence[str] | None = ('0004_models', '0005_loras')
branch_labels: str | Sequence[str] | None = ('assets',)
depends_on: str | Sequence[str] | None = None

COPY_MODELS = """
INSERT INTO assets (kind, name, relative_path, format, family, status, problem, size, mtime, sha256, autov2,
	metadata_json, details_json, is_default, vae, last_used_at, added_at)
SELECT 'checkpoint', name, relative_path, format, COALESCE(architecture, 'unknown'), status, problem, size, mtime,
	sha256, autov2, metadata_json,
	CASE WHEN config IS NULL THEN '{}' ELSE json_object('config', config) END,
	is_default, vae, last_used_at, added_at
FROM models
"""
COPY_LORAS = """
INSERT INTO assets (kind, name, relative_path, format, family, status, problem, size, mtime, sha256, autov2,
	addnet_hash, metadata_json, details_json, is_default, preview_path, added_at)
SELECT 'lora', name, relative_path, 'safetensors', base, status, problem, size, mtime, sha256, autov2, addnet_hash,
	metadata_json,
	CASE WHEN layout IS NULL THEN '{}' ELSE json_object('layout', layout, 'rank', rank,
		'cross_attention_dim', cross_attention_dim, 'trigger_words', json(trigger_words_json)) END,
	0, preview_path, added_at
FROM loras
"""


def upgrade() -> None:
	op.create_table(
		'assets',
		sa.Column('id', sa.Integer(), nullable=False),
		sa.Column('kind', sa.String(length=16), nullable=False),
		sa.Column('name', sa.String(length=255), nullable=False),
		sa.Column('relative_path', sa.Text(), nullable=False),
		sa.Column('format', sa.String(length=16), nullable=False),
		sa.Column('family', sa.String(length=16), nullable=False),
		sa.Column('status', sa.String(length=16), nullable=False),
		sa.Column('problem', sa.Text(), nullable=True),
		sa.Column('size', sa.Integer(), nullable=False),
		sa.Column('mtime', sa.Float(), nullable=False),
		sa.Column('sha256', sa.String(length=64), nullable=True),
		sa.Column('autov2', sa.String(length=10), nullable=True),
		sa.Column('addnet_hash', sa.String(length=12), nullable=True),
		sa.Column('metadata_json', sa.Text(), nullable=False),
		sa.Column('details_json', sa.Text(), nullable=False),
		sa.Column('is_default', sa.Boolean(), nullable=False),
		sa.Column('vae', sa.Text(), nullable=True),
		sa.Column('preview_path', sa.Text(), nullable=True),
		sa.Column('last_used_at', sa.DateTime(), nullable=True),
		sa.Column('added_at', sa.DateTime(), nullable=False),
		sa.PrimaryKeyConstraint('id', name=op.f('pk_assets')),
		sa.UniqueConstraint('kind', 'name', name='uq_assets_kind_name'),
		sa.UniqueConstraint('kind', 'relative_path', name='uq_assets_kind_relative_path'),
	)
	op.create_index('ix_assets_kind_status', 'assets', ['kind', 'status'])
	op.execute(COPY_MODELS)
	op.execute(COPY_LORAS)
	op.drop_table('models')
	op.drop_table('loras')


def downgrade() -> None:
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
	op.execute(
		'INSERT INTO models (name, relative_path, format, architecture, config, status, problem, size, mtime, sha256, '
		'autov2, metadata_json, vae, is_default, last_used_at, added_at) '
		"SELECT name, relative_path, format, NULLIF(family, 'unknown'), json_extract(details_json, '$.config'), "
		'status, problem, size, mtime, sha256, autov2, metadata_json, vae, is_default, last_used_at, added_at '
		"FROM assets WHERE kind = 'checkpoint'"
	)
	op.execute(
		'INSERT INTO loras (name, relative_path, status, problem, size, mtime, layout, base, cross_attention_dim, rank, '
		'trigger_words_json, metadata_json, sha256, autov2, addnet_hash, preview_path, added_at) '
		"SELECT name, relative_path, status, problem, size, mtime, json_extract(details_json, '$.layout'), family, "
		"json_extract(details_json, '$.cross_attention_dim'), json_extract(details_json, '$.rank'), "
		"COALESCE(json_extract(details_json, '$.trigger_words'), '[]'), metadata_json, sha256, autov2, addnet_hash, "
		"preview_path, added_at FROM assets WHERE kind = 'lora'"
	)
	op.drop_index('ix_assets_kind_status', table_name='assets')
	op.drop_table('assets')
