"""Opening a database that is already at this code's schema skips Alembic (a tenth of the page's start); one behind is
upgraded, and the heads read from the scripts are Alembic's own."""

import json
import os
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text

from localai_ui.database import migrate, open_database
from localai_ui.database.schema_heads import newest_stored, script_heads, stored_heads

ROOT = Path(__file__).resolve().parents[2]
REOPEN = """
import json, sys
from pathlib import Path
from localai_ui.database import open_database
open_database(Path(sys.argv[1])).close()
print(json.dumps('alembic' in sys.modules))
"""


def test_the_heads_read_from_the_scripts_are_alembics() -> None:
	scripts = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
	assert script_heads() == frozenset(scripts.get_heads())
	assert len(script_heads()) > 1  # feature branches: the check must compare sets, not one revision


def test_a_current_database_opens_without_loading_alembic(tmp_path: Path) -> None:
	path = tmp_path / 'history.sqlite'
	open_database(path).close()
	env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False')
	reopened = subprocess.run(
		[sys.executable, '-c', REOPEN, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
	)
	assert json.loads(reopened.stdout) is False


def test_a_database_one_branch_behind_is_upgraded_on_open(tmp_path: Path) -> None:
	path = tmp_path / 'history.sqlite'
	database = open_database(path)
	migrate.downgrade(database.engine, 'styles@-1')
	assert stored_heads(database.engine) != newest_stored()
	database.close()
	reopened = open_database(path)
	assert stored_heads(reopened.engine) == newest_stored()
	with reopened.transaction() as session:
		assert session.execute(text('SELECT count(*) FROM styles')).scalar_one() == 0
	reopened.close()


def test_a_new_file_has_no_stored_heads_and_gets_every_one(tmp_path: Path) -> None:
	database = open_database(tmp_path / 'fresh.sqlite')
	assert stored_heads(database.engine) == newest_stored()
	assert newest_stored() < script_heads()  # styles (0002) is implied by its previews, which depend on it
	database.close()
