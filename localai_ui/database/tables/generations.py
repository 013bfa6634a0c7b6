"""Runs and their images: what History lists and searches (0001_initial; 0003_history, 0007_upscale, 0013, 0014)."""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables.base import Base
from localai_ui.database.types import UTCDateTime


class GenerationRow(Base):
	"""One run; seeds is a JSON list, request_json the validated request as the user sent it."""

	__tablename__ = 'generations'
	__table_args__ = (
		Index('ix_generations_started_at', 'started_at'),
		Index('ix_generations_status', 'status'),
		# Added by the history_indexes branch (0009_history_indexes): the History filters' indexes.
		Index('ix_generations_model_name', 'model_name'),
		Index('ix_generations_sampler', 'sampler'),
		# history_started_late (0013_history_started_late): the runs that break start order, for date ranges as ids.
		Index('ix_generations_started_late', 'started_at', sqlite_where=text('started_late IS 1')),
		# history_image_count (0014_history_image_count): the runs with no image, and those with several.
		Index(
			'ix_generations_no_images',
			'id',
			'image_count',
			'model_name',
			'sampler',
			'status',
			sqlite_where=text('image_count = 0'),
		),  # fmt: skip
		Index('ix_generations_many_images', 'id', 'image_count', sqlite_where=text('image_count > 1')),
	)

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	status: Mapped[str] = mapped_column(String(16))
	prompt: Mapped[str] = mapped_column(Text)
	negative_prompt: Mapped[str] = mapped_column(Text)
	model_name: Mapped[str] = mapped_column(String(255))
	model_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
	sampler: Mapped[str] = mapped_column(String(64))
	schedule: Mapped[str] = mapped_column(String(64))
	steps: Mapped[int] = mapped_column(Integer)
	cfg_scale: Mapped[float] = mapped_column(Float)
	width: Mapped[int] = mapped_column(Integer)
	height: Mapped[int] = mapped_column(Integer)
	seed: Mapped[int] = mapped_column(Integer)
	batch_count: Mapped[int] = mapped_column(Integer)
	batch_size: Mapped[int] = mapped_column(Integer)
	seeds: Mapped[str] = mapped_column(Text)
	request_json: Mapped[str] = mapped_column(Text)
	infotext: Mapped[str] = mapped_column(Text)
	error: Mapped[str | None] = mapped_column(Text, nullable=True)
	started_at: Mapped[datetime] = mapped_column(UTCDateTime)
	finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
	it_per_s: Mapped[float | None] = mapped_column(Float, nullable=True)
	# Added by the upscale branch (0007_upscale): txt2img, img2img, inpaint or upscale; an upscale's source picture.
	mode: Mapped[str] = mapped_column(String(16), default='txt2img', server_default='txt2img')
	source: Mapped[str | None] = mapped_column(Text, nullable=True)
	# Added by the history_started_late branch (0013): set by triggers when the run broke start order (an import).
	started_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
	# Added by the history_image_count branch (0014): how many image rows the run has, kept by triggers on images.
	image_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text('0'))


class ImageRow(Base):
	"""One saved image file; deleting its generation deletes it (ON DELETE CASCADE in SQLite)."""

	__tablename__ = 'images'
	__table_args__ = (
		Index('ix_images_favourite', 'favourite', 'generation_id'),  # 0009_history_indexes
		Index('ix_images_flagged', 'generation_id', sqlite_where=text('flagged IS 1')),  # 0012_history_flagged
	)

	id: Mapped[int] = mapped_column(Integer, primary_key=True)
	generation_id: Mapped[int] = mapped_column(Integer, ForeignKey('generations.id', ondelete='CASCADE'), index=True)
	path: Mapped[str] = mapped_column(Text, unique=True)
	seed: Mapped[int] = mapped_column(Integer)
	index: Mapped[int] = mapped_column(Integer)
	width: Mapped[int] = mapped_column(Integer)
	height: Mapped[int] = mapped_column(Integer)
	created_at: Mapped[datetime] = mapped_column(UTCDateTime)
	# Added by the history branch (0003_history): the History tab's favourite, thumbnail and missing-file flag.
	favourite: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
	thumbnail_path: Mapped[str | None] = mapped_column(Text, nullable=True)
	file_missing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
	# Added by the safety branch (0010_safety): the safety checker flagged this image.
	flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
