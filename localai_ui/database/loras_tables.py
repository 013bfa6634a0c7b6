"""The LoRA library table: every LoRA file the scan found, with what its header says and its cached hashes."""

from datetime import datetime

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables import Base
from localai_ui.database.types import UTCDateTime


class LoraRow(Base):
	"""One LoRA; (size, mtime) say whether the inspection and hashes still belong to the file, so no re-read."""

	__tablename__ = 'loras'

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	name: Mapped[str] = mapped_column(String(255), unique=True)
	relative_path: Mapped[str] = mapped_column(Text, unique=True)
	status: Mapped[str] = mapped_column(String(16))
	problem: Mapped[str | None] = mapped_column(Text, nullable=True)
	size: Mapped[int] = mapped_column(Integer)
	mtime: Mapped[float] = mapped_column(Float)
	layout: Mapped[str | None] = mapped_column(String(16), nullable=True)
	base: Mapped[str] = mapped_column(String(16))
	cross_attention_dim: Mapped[int | None] = mapped_column(Integer, nullable=True)
	rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
	trigger_words_json: Mapped[str] = mapped_column(Text)
	metadata_json: Mapped[str] = mapped_column(Text)
	sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
	autov2: Mapped[str | None] = mapped_column(String(10), nullable=True)
	addnet_hash: Mapped[str | None] = mapped_column(String(12), nullable=True)
	preview_path: Mapped[str | None] = mapped_column(Text, nullable=True)
	added_at: Mapped[datetime] = mapped_column(UTCDateTime)
