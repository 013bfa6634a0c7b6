"""Every table module, imported once so Base.metadata is complete (migrations and their tests compare against it).

Each feature keeps its tables in its own module on the shared Base and adds one import line here.
"""

from localai_ui.database import loras_tables, models_tables, styles_tables, tables
from localai_ui.database.tables import Base

__all__ = ['Base', 'metadata_modules']

metadata_modules = (tables, styles_tables, models_tables, loras_tables)
