"""Runs the packaged Alembic migrations in code, so no alembic.ini is needed and it works once installed."""

from pathlib import Path
from typing import Literal

from alembic import command
from alembic.autogenerate.api import AutogenContext
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from localai_ui.database.errors import DatabaseError
from localai_ui.database.types import UTCDateTime

MIGRATIONS_DIR = Path(__file__).resolve().with_name('migrations')
CONNECTION_KEY = 'connection'


def render_item(kind: str, item: object, _context: AutogenContext) -> str | Literal[False]:
	"""Autogenerate writes app column types as plain SQLAlchemy ones, so migrations never import app code."""
	return 'sa.DateTime()' if kind == 'type' and isinstance(item, UTCDateTime) else False


def alembic_config(connection: Connection) -> Config:
	"""An Alembic config that finds the packaged scripts and hands env.py the given connection."""
	config = Config()
	# ConfigParser interpolates '%', which a folder name may hold.
	config.set_main_option('script_location', str(MIGRATIONS_DIR).replace('%', '%%'))
	config.set_main_option('path_separator', 'os')
	config.attributes[CONNECTION_KEY] = connection
	return config


def upgrade(engine: Engine, revision: str = 'heads') -> None:
	"""Bring the schema to revision in one transaction: a failed migration leaves the old schema intact.

	Each feature's tables are their own branch from the initial revision, so 'heads' upgrades every branch.
	"""
	with engine.begin() as connection:
		command.upgrade(alembic_config(connection), revision)


def upgrade_at_open(engine: Engine, path: Path) -> None:
	"""`upgrade` as the app opens its database: a revision this code does not know is refused by name."""
	try:
		upgrade(engine)
	except CommandError as error:
		raise DatabaseError(f'history database {path}: {error}; was it written by a newer LocalAI UI?') from error


def downgrade(engine: Engine, revision: str) -> None:
	"""Take the schema back to revision ('base' drops every table)."""
	with engine.begin() as connection:
		command.downgrade(alembic_config(connection), revision)
