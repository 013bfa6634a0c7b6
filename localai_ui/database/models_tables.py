"""The model library table: every checkpoint file and diffusers folder the scan found, with its cached hash."""

from datetime import datetime

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables import Base
from localai_ui.database.types import UTCDateTime


class ModelRow(Base):
	"""One model; (size, mtime) say whether sha256 still belongs to the file, so a restart does not rehash."""

	__tablename__ = 'models'

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	name: Mapped[str] = mapped_column(String(255), unique=True)
	relative_path: Mapped[str] = mapped_column(Text, unique=True)
	format: Mapped[str] = mapped_column(String(16))
	architecture: Mapped[str | None] = mapped_column(String(16), nullable=True)
	config: Mapped[str | None] = mapped_column(String(16), nullable=True)
	status: Mapped[str] = mapped_column(String(16))
	problem: Mapped[str | None] = mapped_column(Text, nullable=True)
	size: Mapped[int] = mapped_column(Integer)
	mtime: Mapped[float] = mapped_column(Float)
	sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
	autov2: Mapped[str | None] = mapped_column(String(10), nullable=True)
	metadata_json: Mapped[str] = mapped_column(Text)
	vae: Mapped[str | None] = mapped_column(Text, nullable=True)
	is_default: Mapped[bool] = mapped_column(Boolean)
	last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
	added_at: Mapped[datetime] = mapped_column(UTCDateTime)
