"""What the Generate tab shows: progress across batches, ETA, and how a run ended."""

import re
from pathlib import Path

import pytest

from localai_ui.features.generate.presenter import gallery_items
from localai_ui.features.generate.progress_text import (
	finished_html,
	format_seconds,
	loading_html,
	progress_html,
	waiting_html,
)
from localai_ui.schemas.outputs import RunFinished, SavedImage
from localai_ui.schemas.progress import RunStatus, StepUpdate, Waiting


def _update(step: int, total: int, batch_index: int = 0, batch_count: int = 1) -> StepUpdate:
	return StepUpdate(step, total, batch_index, batch_count, it_per_s=4.125, eta_s=75.0)


def _images(count: int) -> tuple[SavedImage, ...]:
	return tuple(SavedImage(Path(f'/out/{i:05d}.png'), seed=40 + i, index=i, infotext=f'p{i}') for i in range(count))


def _finished(status: RunStatus, count: int, it_per_s: float | None = 3.456) -> str:
	seeds = tuple(range(count))
	return finished_html(RunFinished(1, status, _images(count), seeds, error=None, it_per_s=it_per_s))


def _text(html: str) -> str:
	return re.sub(r'<[^>]+>', '', html)


@pytest.mark.parametrize(
	('update', 'percent', 'width'),
	[
		(_update(0, 20), '0', '0.0'),
		(_update(5, 20), '25', '25.0'),
		(_update(20, 20), '100', '100.0'),
		(_update(10, 20, batch_index=1, batch_count=2), '75', '75.0'),
		(_update(1, 3, batch_index=0, batch_count=3), '11', '11.1'),
		(_update(3, 3, batch_index=2, batch_count=3), '100', '100.0'),
	],
)
def test_percent_covers_all_batches(update: StepUpdate, percent: str, width: str) -> None:
	html = progress_html(update)
	assert f'data-percent="{percent}"' in html
	assert f'width:{width}%' in html


def test_single_batch_has_no_batch_label() -> None:
	assert _text(progress_html(_update(3, 20))) == 'Step 3/20 · 4.12 it/s · ETA 1 min 15 s'


def test_several_batches_show_which_batch() -> None:
	text = _text(progress_html(_update(3, 20, batch_index=1, batch_count=4)))
	assert text == 'Batch 2/4 · Step 3/20 · 4.12 it/s · ETA 1 min 15 s'


def test_a_second_pass_is_named() -> None:
	update = StepUpdate(2, 10, 0, 1, it_per_s=1.0, eta_s=8.0, phase='Hires fix')
	assert _text(progress_html(update)) == 'Step 2/10 · 1.00 it/s · ETA 8 s · Hires fix'


@pytest.mark.parametrize(
	('seconds', 'text'),
	[(0.0, '0 s'), (0.4, '0 s'), (9.6, '10 s'), (59.4, '59 s'), (59.6, '1 min 00 s'), (125.0, '2 min 05 s')],
)
def test_format_seconds(seconds: float, text: str) -> None:
	assert format_seconds(seconds) == text


@pytest.mark.parametrize(
	('status', 'count', 'it_per_s', 'text'),
	[
		(RunStatus.COMPLETED, 1, 3.456, 'Done: 1 image at 3.46 it/s.'),
		(RunStatus.COMPLETED, 4, 3.456, 'Done: 4 images at 3.46 it/s.'),
		(RunStatus.COMPLETED, 2, None, 'Done: 2 images.'),
		(RunStatus.INTERRUPTED, 0, None, 'Stopped before any image was finished.'),
		(RunStatus.INTERRUPTED, 1, 3.456, 'Stopped: 1 image kept.'),
		(RunStatus.INTERRUPTED, 3, 3.456, 'Stopped: 3 images kept.'),
	],
)
def test_finished_text(status: RunStatus, count: int, it_per_s: float | None, text: str) -> None:
	assert _text(_finished(status, count, it_per_s)) == text


def test_gallery_items_caption_each_image_with_its_seed() -> None:
	assert gallery_items(list(_images(2))) == [('/out/00000.png', 'Seed 40'), ('/out/00001.png', 'Seed 41')]
	assert gallery_items([]) == []


def test_waiting_and_loading_lines_say_what_the_run_waits_for() -> None:
	assert _text(waiting_html(Waiting(1, 40.2))) == 'Waiting: 1 run ahead · about 40 s'
	assert _text(waiting_html(Waiting(3, None))) == 'Waiting: 3 runs ahead'
	assert 'Loading model tiny-sdxl' in _text(loading_html('tiny-sdxl'))


def test_a_failed_run_says_why_in_the_error_colour() -> None:
	html = finished_html(RunFinished(1, RunStatus.FAILED, (), (1,), error='Out of <memory>', it_per_s=None))
	assert 'lai-error' in html and _text(html) == 'Failed: Out of &lt;memory&gt;'
