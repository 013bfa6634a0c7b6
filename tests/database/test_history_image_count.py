"""0014_history_image_count: every run's stored image count stays what counting its image rows gives, through the
app's writes (saving, deleting one image or a whole run, importing a file), raw SQL (inserts, a cascade, a move),
an upgrade from the previous version (counted then) and a downgrade (column, indexes and triggers gone)."""

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, PngImagePlugin
from sqlalchemy import Engine, inspect, text

from localai_ui.database import Database, migrate
from localai_ui.database import crud as database_service
from localai_ui.database.engine import create_sqlite_engine
from localai_ui.features.history.imports import import_untracked
from localai_ui.schemas.generation import GenerationRequest
from tests.history.png_samples import A1111_TEXT

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
# Runs whose stored count differs from a count of their image rows: none, whatever wrote the rows.
WRONG = 'SELECT id, image_count FROM generations g WHERE image_count != (SELECT count(*) FROM images WHERE generation_id = g.id)'
EMPTY = 'SELECT id FROM generations WHERE image_count = 0 ORDER BY id'
EMPTY_WITH = 'SELECT id FROM generations WHERE image_count = 0 AND prompt LIKE :word ORDER BY id'
FOUND = 'SELECT rowid FROM generations_fts_no_images WHERE generations_fts_no_images'
WORDS = ('fox', 'koi', 'castle', 'owl')
OLD_RUN = (
	'INSERT INTO generations (id, status, prompt, negative_prompt, model_name, sampler, schedule, steps, cfg_scale, '
	"width, height, seed, batch_count, batch_size, seeds, request_json, infotext, started_at) VALUES (:id, 'completed', "
	"'an old koi pond', '', 'tiny', 'Euler', 'Automatic', 20, 7, 512, 512, 1, 1, 1, '[1]', '{}', '', :now)"
)
OLD_IMAGE = (
	'INSERT INTO images (generation_id, path, seed, "index", width, height, created_at) '
	'VALUES (:run, :path, 1, 0, 8, 8, :now)'
)


def _run(database: Database, images: int) -> tuple[int, list[int]]:
	with database.transaction() as session:
		run_id = database_service.create_generation(
			session, request=GenerationRequest(prompt='a fox'), model_name='tiny', model_hash=None, seeds=(1,),
			started_at=NOW,
		)  # fmt: skip
		image_ids = [
			database_service.add_image(
				session,
				generation_id=run_id,
				path=f'{run_id}-{index}.png',
				seed=1,
				index=index,
				width=8,
				height=8,
				created_at=NOW,
			)  # fmt: skip
			for index in range(images)
		]
	return run_id, image_ids


def _counts(engine: Engine) -> dict[int, int]:
	"""Each run's stored count, once checked against its image rows and the text index of the runs with none."""
	with engine.connect() as connection:
		assert connection.execute(text(WRONG)).all() == []
		listed = connection.execute(text('SELECT rowid FROM generations_fts_no_images ORDER BY rowid')).scalars().all()
		assert listed == connection.execute(text(EMPTY)).scalars().all()
		for word in WORDS:  # the index holds each such run's words, and no other run's
			found = connection.execute(text(f"{FOUND} MATCH '{word}' ORDER BY rowid")).scalars().all()
			assert found == connection.execute(text(EMPTY_WITH), {'word': f'%{word}%'}).scalars().all()
		return {
			int(run_id): int(count)
			for run_id, count in connection.execute(text('SELECT id, image_count FROM generations'))
		}


def test_the_count_follows_saving_and_deleting_images_and_runs(database: Database) -> None:
	three, three_images = _run(database, 3)
	empty, _ = _run(database, 0)
	two, _ = _run(database, 2)
	assert _counts(database.engine) == {three: 3, empty: 0, two: 2}
	with database.engine.begin() as connection:  # a run without images found by its new words, not its old ones
		connection.execute(text("UPDATE generations SET prompt = 'an owl' WHERE id = :id"), {'id': empty})
	assert _counts(database.engine) == {three: 3, empty: 0, two: 2}
	with database.transaction() as session:
		database_service.delete_image(session, image_id=three_images[0])
	assert _counts(database.engine)[three] == 2
	with database.transaction() as session:  # the last image takes its run along
		for image_id in three_images[1:]:
			database_service.delete_image(session, image_id=image_id)
	assert _counts(database.engine) == {empty: 0, two: 2}
	with database.engine.begin() as connection:  # a run deleted with its images (ON DELETE CASCADE)
		connection.execute(text('DELETE FROM generations WHERE id = :id'), {'id': two})
		assert connection.execute(text('SELECT count(*) FROM images')).scalar_one() == 0
	assert _counts(database.engine) == {empty: 0}


def test_the_count_follows_raw_inserts_and_an_image_moved_to_another_run(database: Database) -> None:
	first, _ = _run(database, 1)
	second, _ = _run(database, 0)
	with database.engine.begin() as connection:
		for index in range(4):
			connection.execute(text(OLD_IMAGE), {'run': second, 'path': f'raw-{index}.png', 'now': '2026-11-28'})
	assert _counts(database.engine) == {first: 1, second: 4}
	with database.engine.begin() as connection:
		connection.execute(text("UPDATE images SET generation_id = :run WHERE path = 'raw-0.png'"), {'run': first})
		connection.execute(text("UPDATE images SET seed = 9 WHERE path = 'raw-1.png'"))  # not a move
	assert _counts(database.engine) == {first: 2, second: 3}


def test_an_imported_file_counts_as_its_runs_one_image(database: Database, tmp_path: Path) -> None:
	outputs = tmp_path / 'outputs'
	outputs.mkdir()
	info = PngImagePlugin.PngInfo()
	info.add_text('parameters', A1111_TEXT)
	Image.new('RGB', (8, 8)).save(outputs / 'old.png', pnginfo=info)
	assert import_untracked(database, outputs, ['old.png']) == (1, [])
	assert list(_counts(database.engine).values()) == [1]


def test_an_upgrade_counts_existing_images_and_a_downgrade_removes_the_count(tmp_path: Path) -> None:
	engine = create_sqlite_engine(tmp_path / 'old.sqlite3')
	migrate.upgrade(engine)
	migrate.downgrade(engine, 'history_image_count@-1')  # the previous version: every branch but this one
	with engine.begin() as connection:
		for run_id, images in ((1, 2), (2, 0), (3, 1)):
			connection.execute(text(OLD_RUN), {'id': run_id, 'now': '2026-11-28'})
			for index in range(images):
				connection.execute(
					text(OLD_IMAGE), {'run': run_id, 'path': f'{run_id}-{index}.png', 'now': '2026-11-28'}
				)
	migrate.upgrade(engine)
	assert _counts(engine) == {1: 2, 2: 0, 3: 1}
	migrate.downgrade(engine, 'history_image_count@-1')
	assert 'image_count' not in {column['name'] for column in inspect(engine).get_columns('generations')}
	assert 'generations_fts_no_images' not in inspect(engine).get_table_names()
	assert not {'ix_generations_no_images', 'ix_generations_many_images'} & {
		index['name'] for index in inspect(engine).get_indexes('generations')
	}
	with engine.begin() as connection:  # no trigger left that names the column
		connection.execute(text(OLD_IMAGE), {'run': 2, 'path': 'late.png', 'now': '2026-11-28'})
		connection.execute(text('DELETE FROM images WHERE generation_id = 1'))
		assert (
			connection.execute(text("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%image_count%'")).scalar() == 0
		)
		found = connection.execute(text("SELECT rowid FROM generations_fts WHERE generations_fts MATCH 'koi'")).all()
		assert len(found) == 3, 'the full-text search survived the downgrade'
	migrate.upgrade(engine)
	assert _counts(engine) == {1: 0, 2: 1, 3: 1}
	engine.dispose()
