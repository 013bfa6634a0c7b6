"""Runs say what kind they were (txt2img, img2img, inpaint, upscale) and, for an upscale, the picture it started from.

Rows written before this revision were all text to image, which the server default gives them. The columns are
dropped in place on downgrade (SQLite 3.35+), so the history branch's full-text triggers stay as they are.

Revision ID: 0007_upscale
Revises: 0003_history
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_upscale'
down_revision: str | None = '0003_history'
branch_labels: str | Sequence[str] | None = ('upscale',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
	op.add_column('generations', sa.Column('mode', sa.String(length=16), server_default='txt2img', nullable=False))
	op.add_column('generations', sa.Column('source', sa.Text(), nullable=True))


def downgrade() -> None:
	op.drop_column('generations', 'source')
	op.drop_column('generations', 'mode')
