"""History's pages jumped to by number at a million runs: each run stores how many images it has (image_count, kept
exact by triggers on images); the few runs with none or with several are in two small partial indexes, and the
prompts of the runs with none in their own small full-text index (generations_fts_no_images, kept by triggers).

A page deep in a search then starts at the run found by skipping runs on an index, less the runs with no image among
them (a count on the small indexes), plus the extra images of the runs with several, instead of reading every skipped
run's images. Its own branch from the history revision, which made the full-text index this one mirrors.

Revision ID: 0014_history_image_count
Revises: 0003_history
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014_history_image_count'
down_revision: str | None = '0003_history'
branch_labels: str | Sequence[str] | None = ('history_image_count',)
depends_on: str | Sequence[str] | None = None

ADD = 'UPDATE generations SET image_count = image_count + 1 WHERE id = new.generation_id;'
REMOVE = 'UPDATE generations SET image_count = image_count - 1 WHERE id = old.generation_id;'
# A run deleted with its images (ON DELETE CASCADE): the update touches no row, or a row about to go (tested).
TRIGGERS = {
	'images_count_insert': f'AFTER INSERT ON images BEGIN {ADD} END',
	'images_count_delete': f'AFTER DELETE ON images BEGIN {REMOVE} END',
	'images_count_move': (
		f'AFTER UPDATE OF generation_id ON images WHEN old.generation_id IS NOT new.generation_id BEGIN {REMOVE} {ADD} END'
	),
}
BACKFILL = (
	'UPDATE generations SET image_count = (SELECT count(*) FROM images WHERE images.generation_id = generations.id) '
	'WHERE id IN (SELECT generation_id FROM images)'
)
FILTERED = ['model_name', 'sampler', 'status']  # a deep page checks the few runs with no image by the index alone
# Contentless: a 'rebuild' cannot fill it with every run. Its own tokenizer is the run index's (0003_history).
NO_IMAGES_FTS = 'generations_fts_no_images'
CREATE_NO_IMAGES_FTS = (
	f"CREATE VIRTUAL TABLE {NO_IMAGES_FTS} USING fts5(prompt, negative_prompt, content='', "
	"tokenize='unicode61 remove_diacritics 2')"
)
UNLIST = (
	f"INSERT INTO {NO_IMAGES_FTS}({NO_IMAGES_FTS}, rowid, prompt, negative_prompt) SELECT 'delete', old.id, "
	'old.prompt, old.negative_prompt WHERE old.image_count = 0;'
)
LIST = (
	f'INSERT INTO {NO_IMAGES_FTS}(rowid, prompt, negative_prompt) SELECT new.id, new.prompt, new.negative_prompt '
	'WHERE new.image_count = 0;'
)
RUN_TRIGGERS = {
	'generations_no_images_insert': f'AFTER INSERT ON generations BEGIN {LIST} END',
	'generations_no_images_delete': f'AFTER DELETE ON generations BEGIN {UNLIST} END',
	'generations_no_images_update': (
		f'AFTER UPDATE OF image_count, prompt, negative_prompt ON generations BEGIN {UNLIST} {LIST} END'
	),
}
FILL_NO_IMAGES_FTS = (
	f'INSERT INTO {NO_IMAGES_FTS}(rowid, prompt, negative_prompt) '
	'SELECT id, prompt, negative_prompt FROM generations WHERE image_count = 0'
)


def upgrade() -> None:
	op.add_column('generations', sa.Column('image_count', sa.Integer(), server_default=sa.text('0'), nullable=False))
	op.execute(BACKFILL)
	op.create_index(
		'ix_generations_no_images',
		'generations',
		['id', 'image_count', *FILTERED],
		sqlite_where=sa.text('image_count = 0'),
	)
	op.create_index(
		'ix_generations_many_images', 'generations', ['id', 'image_count'], sqlite_where=sa.text('image_count > 1')
	)
	op.execute(CREATE_NO_IMAGES_FTS)
	op.execute(FILL_NO_IMAGES_FTS)
	for name, body in {**TRIGGERS, **RUN_TRIGGERS}.items():
		op.execute(f'CREATE TRIGGER {name} {body}')


def downgrade() -> None:
	for name in {**TRIGGERS, **RUN_TRIGGERS}:
		op.execute(f'DROP TRIGGER IF EXISTS {name}')
	op.execute(f'DROP TABLE IF EXISTS {NO_IMAGES_FTS}')
	op.drop_index('ix_generations_many_images', table_name='generations')
	op.drop_index('ix_generations_no_images', table_name='generations')
	op.drop_column('generations', 'image_count')
