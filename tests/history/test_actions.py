"""Details, send-to-generate settings, delete (file, thumbnail and row together) and export of history images."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from localai_ui.database import Database, RecordNotFoundError
from localai_ui.features.history.files import delete_with_row
from localai_ui.features.history.presenter import details_dict
from localai_ui.features.history.service import HistoryService
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.png_info import GenerationSettings
from tests.history.seeding import seed_run

REQUEST = GenerationRequest(
	prompt='a koi pond, <lora:ink:0.6>', negative_prompt='murky', sampler='Euler a', schedule='Karras', steps=9,
	cfg_scale=4.5, width=320, height=192, seed=500, batch_count=2, batch_size=2, styles=('Cinematic',), clip_skip=2,
)  # fmt: skip


def test_send_to_generate_restores_every_setting_with_the_images_own_seed(
	history: HistoryService, database: Database, outputs: Path
) -> None:
	run = seed_run(database, outputs, REQUEST, model='tiny-sdxl', images=4, seed=500)
	assert history.settings(run.image_ids[2]) == GenerationSettings(
		prompt='a koi pond, <lora:ink:0.6>', negative_prompt='murky', model='tiny-sdxl', sampler='Euler a',
		schedule='Karras', steps=9, cfg_scale=4.5, width=320, height=192, seed=502, batch_count=2, batch_size=2,
		styles=('Cinematic',), clip_skip=2,
		# a stored run knows every hires and image setting it ran with: Send to Generate sets them all back
		enable_hires=False, hires_scale=2.0, hires_steps=0, hires_denoising_strength=0.7, hires_upscaler='Latent',
		hires_resize_width=0, hires_resize_height=0, hires_sampler='', hires_prompt='', hires_negative_prompt='',
		denoising_strength=0.75, resize_mode='Just resize', mask_blur=4, masked_content='original',
		inpaint_area='Whole picture', inpaint_padding=32, invert_mask=False, mode='txt2img',
	)  # fmt: skip


def test_details_list_every_parameter_timing_lora_and_path(
	history: HistoryService, database: Database, outputs: Path
) -> None:
	run = seed_run(database, outputs, REQUEST, images=2)
	details = history.details(run.image_ids[1])
	values = details_dict(details)
	assert values['loras'] == ['ink:0.6'] and values['styles'] == ['Cinematic'] and values['clip_skip'] == 2
	assert values['seed'] == 101 and values['index'] == 1 and values['duration_s'] == 0.0
	assert values['it_per_s'] == 3.5 and values['status'] == 'completed' and values['file'] == run.paths[1]
	with pytest.raises(RecordNotFoundError, match='Image 999'):
		history.details(999)


def test_delete_removes_image_thumbnail_and_row_then_the_run(
	history: HistoryService, database: Database, outputs: Path
) -> None:
	run = seed_run(database, outputs, REQUEST, images=2)
	first = history.details(run.image_ids[0]).item
	assert first.thumbnail_path and (outputs / first.thumbnail_path).is_file()
	history.delete_image(first.image_id)
	assert not (outputs / first.path).exists() and not (outputs / first.thumbnail_path).exists()
	with pytest.raises(RecordNotFoundError):
		history.details(first.image_id)
	assert history.details(run.image_ids[1]).generation.id == run.generation_id
	assert history.delete_generation(run.generation_id) == 1
	assert list(outputs.rglob('*.png')) == [] and history.latest_image_id() == 0
	with pytest.raises(RecordNotFoundError, match='Generation'):
		history.delete_generation(run.generation_id)


def test_a_failed_delete_puts_the_files_back_and_keeps_the_row(
	history: HistoryService, database: Database, outputs: Path
) -> None:
	run = seed_run(database, outputs, REQUEST)
	item = history.details(run.image_ids[0]).item
	with pytest.raises(InvalidRequestError, match='outside the outputs folder'):
		delete_with_row(database, outputs, lambda session: (item.path, '../../escape.webp'))
	assert (outputs / item.path).is_file() and history.details(item.image_id).item.path == item.path
	assert [path.name for path in outputs.rglob('.*.deleting')] == []


def test_export_zip_holds_images_json_and_csv(history: HistoryService, database: Database, outputs: Path) -> None:
	run = seed_run(database, outputs, REQUEST, images=2)
	other = seed_run(database, outputs, GenerationRequest(prompt='gone'))
	(outputs / other.paths[0]).unlink()
	archive_path = history.export([*run.image_ids, other.image_ids[0]], outputs.parent / 'exports')
	with zipfile.ZipFile(archive_path) as archive:
		names = set(archive.namelist())
		rows = json.loads(archive.read('parameters.json'))
		table = list(csv.DictReader(io.StringIO(archive.read('parameters.csv').decode())))
		assert archive.read(rows[0]['file']) == (outputs / run.paths[0]).read_bytes()
	assert {row['file'] for row in rows[:2]} <= names and len(names) == 4
	assert [row['seed'] for row in rows] == [100, 101, 100] and rows[2]['file_missing'] is True
	assert table[0]['prompt'] == REQUEST.prompt and table[0]['styles'] == 'Cinematic'
	with pytest.raises(InvalidRequestError, match='at least one'):
		history.export([], outputs)
	with pytest.raises(InvalidRequestError, match='at most'):
		history.export(list(range(1001)), outputs)
