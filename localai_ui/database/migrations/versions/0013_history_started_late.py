"""History's date filters as id ranges: runs that started before an older-numbered run (imports) are marked late.

Runs are numbered as they start, except imports and edited start times. Marking every run that breaks the order
(started_late, kept by triggers) leaves the unmarked runs in start order, so a date range of any width is an id range
of unmarked runs (two seeks) plus the few late runs inside it (a partial index). Marking too many is only slower.
Its own branch from the history revision.

Revision ID: 0013_history_started_late
Revises: 0003_history
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013_history_started_late'
down_revision: str | None = '0003_history'
branch_labels: str | Sequence[str] | None = ('history_started_late',)
depends_on: str | Sequence[str] | None = None

# A run is late when an older-numbered run started after it, or a newer-numbered one before it.
OUT_OF_ORDER = (
	'EXISTS (SELECT 1 FROM generations INDEXED BY ix_generations_started_at '
	'WHERE started_at > new.started_at AND id < new.id) '
	'OR EXISTS (SELECT 1 FROM generations WHERE id > new.id AND +started_at < new.started_at)'
)
MARK = 'UPDATE generations SET started_late = 1 WHERE id = new.id;'
TRIGGERS = {
	'generations_started_late_insert': f'AFTER INSERT ON generations WHEN {OUT_OF_ORDER} BEGIN {MARK} END',
	'generations_started_late_update': f'AFTER UPDATE OF started_at ON generations WHEN {OUT_OF_ORDER} BEGIN {MARK} END',
}
# Every run that started before the latest start of the runs numbered below it (one pass in id order).
BACKFILL = (
	'UPDATE generations SET started_late = 1 WHERE id IN (SELECT id FROM (SELECT id, started_at, max(started_at) '
	'OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest FROM generations) '
	'WHERE started_at < latest)'
)


def upgrade() -> None:
	op.add_column('generations', sa.Column('started_late', sa.Boolean(), server_default=sa.false(), nullable=False))
	op.create_index(
		'ix_generations_started_late', 'generations', ['started_at'], sqlite_where=sa.text('started_late IS 1')
	)
	op.execute(BACKFILL)
	for name, body in TRIGGERS.items():
		op.execute(f'CREATE TRIGGER {name} {body}')


def downgrade() -> None:
	for name in TRIGGERS:
		op.execute(f'DROP TRIGGER IF EXISTS {name}')
	op.drop_index('ix_generations_started_late', table_name='generations')
	op.drop_column('generations', 'started_late')
