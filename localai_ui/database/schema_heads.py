"""Whether a database is at this code's newest schema, read without Alembic (which takes 0.2 s to import, a tenth of
the page's start): the heads of the packaged migration scripts against the revisions stored in alembic_version."""

import ast
from functools import cache
from pathlib import Path
from typing import cast

from sqlalchemy import Engine

VERSIONS_DIR = Path(__file__).resolve().with_name('migrations') / 'versions'
REVISION_NAMES = ('revision', 'down_revision', 'depends_on')


def script_heads(folder: Path = VERSIONS_DIR) -> frozenset[str]:
	"""Revisions no other script revises: what 'heads' upgrades to."""
	revisions, revised, _ = _graph(folder)
	return revisions - revised


def newest_stored(folder: Path = VERSIONS_DIR) -> frozenset[str]:
	"""What alembic_version holds once every head is applied: a head another revision depends on is implied by that
	revision, and Alembic does not store it."""
	revisions, revised, depended = _graph(folder)
	return revisions - revised - depended


@cache
def _graph(folder: Path) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
	"""Every revision, those another revises (down_revision), and those another depends on (depends_on); read once a
	process (the scripts ship with the code)."""
	revisions: set[str] = set()
	revised: set[str] = set()
	depended: set[str] = set()
	for script in folder.glob('*.py'):
		values = _constants(script)
		if isinstance(revision := values.get('revision'), str):
			revisions.add(revision)
		revised.update(_names(values.get('down_revision')))
		depended.update(_names(values.get('depends_on')))
	return frozenset(revisions), frozenset(revised), frozenset(depended)


def _names(value: object) -> tuple[str, ...]:
	if isinstance(value, str):
		return (value,)
	return tuple(str(name) for name in cast(tuple[object, ...], value)) if isinstance(value, tuple) else ()


def stored_heads(engine: Engine) -> frozenset[str]:
	"""The revisions the database says it is at; none for a new (empty) file."""
	with engine.connect() as connection:
		found = connection.exec_driver_sql(
			"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
		).first()
		if found is None:
			return frozenset()
		return frozenset(str(row[0]) for row in connection.exec_driver_sql('SELECT version_num FROM alembic_version'))


def _constants(script: Path) -> dict[str, object]:
	"""The revision, down_revision and depends_on a migration script assigns (`revision: str = '0003_history'`)."""
	found: dict[str, object] = {}
	for node in ast.parse(script.read_text(encoding='utf-8')).body:
		if isinstance(node, ast.AnnAssign):
			target, value = node.target, node.value
		elif isinstance(node, ast.Assign) and len(node.targets) == 1:
			target, value = node.targets[0], node.value
		else:
			continue
		if isinstance(target, ast.Name) and target.id in REVISION_NAMES and value is not None:
			found[target.id] = ast.literal_eval(value)
	return found
