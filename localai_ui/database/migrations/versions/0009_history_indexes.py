"""History at a million runs: indexes for the model, sampler and favourite filters, and the FTS vocabulary table.

The vocabulary (fts5vocab over generations_fts) lets a search spell a word's prefix out as the words it starts,
which FTS5 seeks instead of reading every run the word is in. Its own branch from the history revision.

Revision ID: 0009_history_indexes
Revises: 0003_history
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009_history_indexes'
down_revision: str | None = '0003_history'
branch_labels: str | Sequence[str] | None = ('history_indexes',)
depends_on: str | Sequence[str] | None = None

VOCABULARY = 'CREATE VIRTUAL TABLE generations_fts_vocab USING fts5vocab(generations_fts, instance)'


def upgrade() -> None:
	op.create_index('ix_generations_model_name', 'generations', ['model_name'])
	op.create_index('ix_generations_sampler', 'generations', ['sampler'])
	op.create_index('ix_images_favourite', 'images', ['favourite', 'generation_id'])
	op.execute(VOCABULARY)


def downgrade() -> None:
	op.execute('DROP TABLE IF EXISTS generations_fts_vocab')
	op.drop_index('ix_images_favourite', table_name='images')
	op.drop_index('ix_generations_sampler', table_name='generations')
	op.drop_index('ix_generations_model_name', table_name='generations')
