"""The asset library table: every checkpoint, LoRA, embedding and VAE file the scans found, with cached hashes."""

from datetime import datetime

from sqlalchemy import Boolean, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables.base import Base
from localai_ui.database.types import UTCDateTime


class AssetRow(Base):
	"""One file (or diffusers folder) of one kind; (size, mtime) say whether the hashes still belong to the file.

	`details_json` holds what only that kind keeps (a LoRA's trigger words, a checkpoint's config), refreshed by every
	scan; `is_default`, `vae` and `preview_path` are the user's choices and survive scans.
	"""

	__tablename__ = 'assets'
	__table_args__ = (
		UniqueConstraint('kind', 'name', name='uq_assets_kind_name'),
		UniqueConstraint('kind', 'relative_path', name='uq_assets_kind_relative_path'),
		Index('ix_assets_kind_status', 'kind', 'status'),
	)

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	kind: Mapped[str] = mapped_column(String(16))
	name: Mapped[str] = mapped_column(String(255))
	relative_path: Mapped[str] = mapped_column(Text)
	format: Mapped[str] = mapped_column(String(16))
	family: Mapped[str] = mapped_column(String(16))
	status: Mapped[str] = mapped_column(String(16))
	problem: Mapped[str | None] = mapped_column(Text, nullable=True)
	size: Mapped[int] = mapped_column(Integer)
	mtime: Mapped[float] = mapped_column(Float)
	sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
	autov2: Mapped[str | None] = mapped_column(String(10), nullable=True)
	addnet_hash: Mapped[str | None] = mapped_column(String(12), nullable=True)
	metadata_json: Mapped[str] = mapped_column(Text)
	details_json: Mapped[str] = mapped_column(Text)
	is_default: Mapped[bool] = mapped_column(Boolean)
	vae: Mapped[str | None] = mapped_column(Text, nullable=True)
	preview_path: Mapped[str | None] = mapped_column(Text, nullable=True)
	last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
	added_at: Mapped[datetime] = mapped_column(UTCDateTime)
