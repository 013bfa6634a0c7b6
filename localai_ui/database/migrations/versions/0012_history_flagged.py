"""History's "flagged only" filter at a million images: a partial index of the flagged images, newest run first.

Only flagged rows are in it (the safety checker flags few), so the filter walks them alone. Its own branch from the
safety revision that added the column.

Revision ID: 0012_history_flagged
Revises: 0010_safety
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_history_flagged'
down_revision: str | None = '0010_safety'
branch_labels: str | Sequence[str] | None = ('history_flagged',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.create_index('ix_images_flagged', 'images', ['generation_id'], sqlite_where=sa.text('flagged IS 1'))


def downgrade() -> None:
	op.drop_index('ix_images_flagged', table_name='images')
