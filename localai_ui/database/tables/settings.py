"""The settings table: one row per stored setting, its value as JSON (the schema in schemas/app_settings.py)."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from localai_ui.database.tables.base import Base
from localai_ui.database.types import UTCDateTime


class SettingRow(Base):
	"""A setting the user saved; a setting without a row has its default."""

	__tablename__ = 'settings'

	key: Mapped[str] = mapped_column(String(64), primary_key=True)
	value: Mapped[str] = mapped_column(Text)
	updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
