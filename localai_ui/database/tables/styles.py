"""The styles table: the user's presets and the shipped ones (builtin_key set, read-only), and their previews."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables.base import Base
from localai_ui.database.types import UTCDateTime


class StyleRow(Base):
	"""One style; builtin_hash is the content hash of the shipped version last seeded, so upgrades can refresh it."""

	__tablename__ = 'styles'

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	name: Mapped[str] = mapped_column(String(255), unique=True)
	category: Mapped[str] = mapped_column(String(64))
	prompt: Mapped[str] = mapped_column(Text)
	negative_prompt: Mapped[str] = mapped_column(Text)
	builtin_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
	builtin_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
	created_at: Mapped[datetime] = mapped_column(UTCDateTime)
	updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StylePreviewRow(Base):
	"""A style's card picture: a file in the data folder's style_previews/; it goes with its style (cascade)."""

	__tablename__ = 'style_previews'

	style_id: Mapped[int] = mapped_column(Integer, ForeignKey('styles.id', ondelete='CASCADE'), primary_key=True)
	file_name: Mapped[str] = mapped_column(String(128))
	updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
