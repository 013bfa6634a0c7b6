"""The Upscale tab's use case on the real context: a picture upscaled by a model or a resampler in the device's
line, saved with A1111's Extras keys, recorded in History with its source; bad input refused before anything runs."""

import threading
from pathlib import Path

import pytest
import torch
from PIL import Image, ImageChops

from localai_ui.context import AppContext
from localai_ui.cores.upscale import ModelUpscaler, load_upscaler
from localai_ui.database import crud as database_service
from localai_ui.engine.build import manager_of
from localai_ui.features.history.details_view import detail_rows
from localai_ui.features.upscale.request import UpscaleRequest
from localai_ui.features.upscale.saving import UpscaleDone
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.progress import Started, Waiting
from localai_ui.services.png_info.png_parameters import read_parameters
from tests.upscale.upscaler_folder import add_bad_upscalers


def upscaled(context: AppContext, picture: Path | Image.Image, **values: str | float | int) -> UpscaleDone:
	service = context.upscale
	request = UpscaleRequest.model_validate({'image': service.store(picture), **values})
	events = list(service.run(request, CancelToken()))
	assert isinstance(events[-2], Started)
	done = events[-1]
	assert isinstance(done, UpscaleDone)
	return done


def generations(context: AppContext) -> int:
	with context.database.transaction() as session:
		return database_service.count_generations(session)


def test_a_model_upscale_is_saved_with_extras_keys_and_recorded_with_its_source(
	upscale_context: AppContext, picture: Path
) -> None:
	done = upscaled(upscale_context, picture, upscaler='compact-x2', scale=2)
	with Image.open(done.path) as saved:
		assert saved.size == (80, 48)
		expected = ModelUpscaler(
			load_upscaler(upscale_context.settings.upscalers_dir / 'compact-x2.safetensors'), torch.device('cpu')
		)
		with Image.open(picture) as source:
			assert (
				ImageChops.difference(saved.convert('RGB'), expected.upscale(source.convert('RGB'), 2)).getbbox()
				is None
			)
	assert done.path.is_relative_to(upscale_context.settings.outputs_dir)
	parameters = read_parameters(done.path)
	assert parameters == done.infotext
	assert done.infotext.startswith('Postprocess upscale by: 2, Postprocess upscaler: compact-x2, Version: LocalAI UI')
	details = upscale_context.history.details(done.image_id)
	record = details.generation
	assert (record.mode, record.status.value, record.model_name) == ('upscale', 'completed', 'compact-x2')
	assert record.source is not None and record.source.startswith('inputs/')
	with Image.open(upscale_context.settings.data_dir / record.source) as kept, Image.open(picture) as source:
		assert ImageChops.difference(kept.convert('RGB'), source.convert('RGB')).getbbox() is None
	rows = dict(detail_rows(details))
	assert (rows['Mode'], rows['Upscaler'], rows['Upscale'], rows['Size']) == ('Upscale', 'compact-x2', 'by 2', '80x48')
	assert rows['Source'] == record.source and rows['File'] == done.relative


def test_resamplers_and_target_sizes(upscale_context: AppContext, picture: Path) -> None:
	lanczos = upscaled(upscale_context, picture, upscaler='Lanczos', scale=3)
	nearest = upscaled(upscale_context, picture, upscaler='Nearest', scale=3)
	with Image.open(lanczos.path) as first, Image.open(nearest.path) as second:
		assert first.size == second.size == (120, 72)
		assert ImageChops.difference(first, second).getbbox() is not None
	cut = upscaled(upscale_context, picture, upscaler='esrgan-x2', resize_width=100, resize_height=100)
	with Image.open(cut.path) as saved:
		assert saved.size == (100, 100)
	assert 'Postprocess upscale to: 100x100' in cut.infotext and 'upscale by' not in cut.infotext
	wide = upscaled(upscale_context, picture, upscaler='None', resize_width=60)
	with Image.open(wide.path) as saved:
		assert saved.size == (60, 36)


@pytest.mark.parametrize(
	('values', 'message'),
	[
		({'upscaler': 'nope'}, r"unknown upscaler 'nope'; choose one of: None, Lanczos, Nearest, Bicubic, compact-x2"),
		(
			{'upscaler': 'unknown'},
			r"upscaler 'unknown' cannot be used: unknown.safetensors: spandrel does not recognise",
		),
		({'upscaler': 'truncated'}, r"upscaler 'truncated' cannot be used: .*truncated"),
		({'scale': 8, 'resize_width': 4000}, r'is x100.00: at most x8'),
	],
	ids=['unknown-name', 'unknown-architecture', 'truncated-file', 'too-large'],
)
def test_bad_requests_are_refused_before_anything_runs(
	upscale_context: AppContext, picture: Path, tmp_path: Path, values: dict[str, str | int], message: str
) -> None:
	add_bad_upscalers(upscale_context.settings.upscalers_dir, tmp_path / 'marker')
	upscale_context.upscale.refresh()
	with pytest.raises(LocalAIError, match=message):
		upscaled(upscale_context, picture, **values)
	assert generations(upscale_context) == 0
	assert upscaled(upscale_context, picture, upscaler='compact-x2').path.is_file(), 'the app is still usable'


def test_bad_pictures_are_refused_by_name(upscale_context: AppContext, tmp_path: Path) -> None:
	text = tmp_path / 'notes.png'
	text.write_text('not a picture')
	with pytest.raises(LocalAIError, match=r'notes.png: the image to upscale is not a picture this app can read'):
		upscale_context.upscale.store(text)
	with pytest.raises(LocalAIError, match=r'the image to upscale is 9000x8: at most 8192 px on a side'):
		upscale_context.upscale.store(Image.new('RGB', (9000, 8)))
	with pytest.raises(LocalAIError, match=r'the result would be 16000x16: at most 12288 px a side'):
		upscaled(upscale_context, Image.new('RGB', (2000, 2)), scale=8)
	assert generations(upscale_context) == 0


def test_a_file_damaged_after_the_scan_fails_the_run_and_records_nothing(
	upscale_context: AppContext, picture: Path
) -> None:
	path = upscale_context.settings.upscalers_dir / 'esrgan-x2.pth'
	path.write_bytes(path.read_bytes()[:200])
	with pytest.raises(LocalAIError, match='esrgan-x2.pth: truncated or damaged'):
		upscaled(upscale_context, picture, upscaler='esrgan-x2')
	assert generations(upscale_context) == 0
	assert not manager_of(upscale_context.engine).busy, 'the device was given back'
	assert upscaled(upscale_context, picture, upscaler='compact-x2').path.is_file()


def test_an_upscale_waits_for_the_device_like_a_generation(upscale_context: AppContext, picture: Path) -> None:
	queue = manager_of(upscale_context.engine).queue
	holder = queue.take(20)
	assert queue.wait_turn(holder, CancelToken())
	service = upscale_context.upscale
	request = UpscaleRequest(image=service.store(picture), upscaler='compact-x2')
	events = service.run(request, CancelToken())
	assert next(events) == Waiting(1, None)
	finished: list[object] = []
	thread = threading.Thread(target=lambda: finished.extend(events))
	thread.start()
	thread.join(0.5)
	assert not finished, 'nothing ran while another run held the device'
	queue.release(holder)
	thread.join(30)
	assert isinstance(finished[0], Started) and isinstance(finished[-1], UpscaleDone)


def test_stopping_while_waiting_runs_nothing(upscale_context: AppContext, picture: Path) -> None:
	queue = manager_of(upscale_context.engine).queue
	holder = queue.take(0)
	assert queue.wait_turn(holder, CancelToken())
	cancel = CancelToken()
	service = upscale_context.upscale
	events = service.run(UpscaleRequest(image=service.store(picture)), cancel)
	assert isinstance(next(events), Waiting)
	cancel.cancel()
	assert list(events) == []
	queue.release(holder)
	assert generations(upscale_context) == 0 and queue.waiting == 0
