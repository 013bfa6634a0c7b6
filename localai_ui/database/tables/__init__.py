"""Every table, imported once so Base.metadata is complete (migrations and their tests compare against it).

Each domain keeps its tables in its own module on the shared Base and adds one import line here.
"""

from localai_ui.database.tables import assets, generations, history_search, settings, styles
from localai_ui.database.tables.base import Base

__all__ = ['Base', 'metadata_modules']

metadata_modules = (generations, history_search, styles, assets, settings)
