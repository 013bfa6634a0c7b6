"""Create the style_previews table: one card picture per style.

Its own branch from the initial revision that depends on the styles table, so taking the styles branch down takes
this one down first.

Revision ID: 0011_style_previews
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_style_previews'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = ('style_previews',)
depends_on: str | Sequence[str] | None = '0002_styles'


def upgrade() -> None:
	op.create_table(
		'style_previews',
		sa.Column('style_id', sa.Integer(), nullable=False),
		sa.Column('file_name', sa.String(length=128), nullable=False),
		sa.Column('updated_at', sa.DateTime(), nullable=False),
		sa.ForeignKeyConstraint(
			['style_id'],
			['styles.id'],
			name=op.f('fk_style_previews_style_id_styles'),
			ondelete='CASCADE',
		),
		sa.PrimaryKeyConstraint('style_id', name=op.f('pk_style_previews')),
	)


def downgrade() -> None:
	op.drop_table('style_previews')
