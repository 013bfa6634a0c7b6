"""Images say whether the safety checker flagged them, so History can filter them (off: every older row is unflagged).

Its own branch from the history revision; the column is dropped in place on downgrade (SQLite 3.35+).

Revision ID: 0010_safety
Revises: 0003_history
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010_safety'
down_revision: str | None = '0003_history'
branch_labels: str | Sequence[str] | None = ('safety',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.add_column('images', sa.Column('flagged', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
	op.drop_column('images', 'flagged')
