"""Upgrading a database of the previous version: checkpoints and LoRAs move into the one asset table with their
cached hashes and the user's choices (default model, VAE, LoRA preview), and the old tables go."""

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from localai_ui.database import crud as database_service
from localai_ui.database import migrate
from localai_ui.database.engine import Database, create_sqlite_engine
from localai_ui.schemas.assets import AssetKind, Family

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC).replace(tzinfo=None)
OLD_HEADS = ('0002_styles', '0003_history', '0004_models', '0005_loras')
MODEL_ROW = (
	'INSERT INTO models (name, relative_path, format, architecture, config, status, problem, size, mtime, sha256, '
	"autov2, metadata_json, vae, is_default, last_used_at, added_at) VALUES ('dream', 'dream.safetensors', "
	"'safetensors', 'sd1', 'sd15', 'ok', NULL, 100, 1.5, :sha, 'abcdef0123', '{\"a\": \"b\"}', 'kl.safetensors', 1, "
	':now, :now)'
)
LORA_ROW = (
	'INSERT INTO loras (name, relative_path, status, problem, size, mtime, layout, base, cross_attention_dim, rank, '
	"trigger_words_json, metadata_json, sha256, autov2, addnet_hash, preview_path, added_at) VALUES ('ink', "
	"'ink.safetensors', 'ok', NULL, 50, 2.5, 'kohya', 'sdxl', 2048, 8, :words, '{}', :sha, 'abcdef0123', "
	"'0123456789ab', '.previews/1.webp', :now)"
)


def test_rows_move_with_their_hashes_and_choices_and_come_back_on_downgrade(tmp_path: Path) -> None:
	engine = create_sqlite_engine(tmp_path / 'old.sqlite3')
	for revision in OLD_HEADS:
		migrate.upgrade(engine, revision)
	sha = 'f' * 64
	with engine.begin() as connection:
		connection.execute(text(MODEL_ROW), {'sha': sha, 'now': NOW})
		connection.execute(text(LORA_ROW), {'sha': sha, 'now': NOW, 'words': json.dumps(['shiny', 'red apple'])})
	migrate.upgrade(engine)
	tables = set(inspect(engine).get_table_names())
	assert 'assets' in tables and not {'models', 'loras'} & tables
	database = Database(engine)
	with database.transaction() as session:
		(model,) = database_service.list_assets(session, kind=AssetKind.CHECKPOINT)
		(lora,) = database_service.list_assets(session, kind=AssetKind.LORA)
	assert (model.name, model.family, model.sha256, model.autov2) == ('dream', Family.SD1, sha, 'abcdef0123')
	assert model.is_default and model.vae == 'kl.safetensors' and model.metadata == {'a': 'b'}
	assert json.loads(model.details_json) == {'config': 'sd15'}
	assert (lora.name, lora.family, lora.addnet_hash, lora.preview_path) == (
		'ink',
		Family.SDXL,
		'0123456789ab',
		'.previews/1.webp',
	)
	details = json.loads(lora.details_json)
	assert details['trigger_words'] == ['shiny', 'red apple'] and details['layout'] == 'kohya'
	migrate.downgrade(engine, '0005_loras')
	with engine.connect() as connection:
		names = set(inspect(engine).get_table_names())
		assert {'models', 'loras'} <= names and 'assets' not in names
		assert connection.execute(text('SELECT autov2, is_default, vae FROM models')).one() == (
			'abcdef0123',
			1,
			'kl.safetensors',
		)
		assert connection.execute(text('SELECT base, addnet_hash FROM loras')).one() == ('sdxl', '0123456789ab')
	engine.dispose()
