"""History: favourite, thumbnail and missing-file columns on images; full-text search over prompts.

generations_fts is an external-content FTS5 table over generations.prompt/negative_prompt kept in step by triggers.

Revision ID: 0003_history
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003_history'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('history',)
depends_on: str | Sequence[str] | None = None

CREATE_FTS = (
	'CREATE VIRTUAL TABLE generations_fts USING fts5('
	"prompt, negative_prompt, content='generations', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)
FTS_DELETE = (
	"INSERT INTO generations_fts(generations_fts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, "
	'old.prompt, old.negative_prompt);'
)
FTS_INSERT = (
	'INSERT INTO generations_fts(rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);'
)
TRIGGERS = {
	'generations_fts_insert': f'AFTER INSERT ON generations BEGIN {FTS_INSERT} END',
	'generations_fts_delete': f'AFTER DELETE ON generations BEGIN {FTS_DELETE} END',
	'generations_fts_update': f'AFTER UPDATE OF prompt, negative_prompt ON generations BEGIN {FTS_DELETE} {FTS_INSERT} END',
}


def upgrade() -> None:
	op.add_column('images', sa.Column('favourite', sa.Boolean(), server_default=sa.false(), nullable=False))
	op.add_column('images', sa.Column('thumbnail_path', sa.Text(), nullable=True))
	op.add_column('images', sa.Column('file_missing', sa.Boolean(), server_default=sa.false(), nullable=False))
	op.execute(CREATE_FTS)
	for name, body in TRIGGERS.items():
		op.execute(f'CREATE TRIGGER {name} {body}')
	op.execute("INSERT INTO generations_fts(generations_fts) VALUES ('rebuild')")


def downgrade() -> None:
	for name in TRIGGERS:
		op.execute(f'DROP TRIGGER IF EXISTS {name}')
	op.execute('DROP TABLE IF EXISTS generations_fts')
	with op.batch_alter_table('images') as batch:
		batch.drop_column('file_missing')
		batch.drop_column('thumbnail_path')
		batch.drop_column('favourite')
