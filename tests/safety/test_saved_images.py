"""The Safety setting end to end: stored setting, run, files on disk, History's flag and filter, the gallery."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from localai_ui.context import AppContext
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.presenter import gallery_items
from localai_ui.features.history.ui import describe
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.progress import RunStatus
from tests.safety.tiny_checker import FLAG_ALL, save_tiny_checker

REQUEST = GenerationRequest.model_validate(
	{'prompt': 'a red apple', 'model': 'tiny-sd15', 'width': 64, 'height': 64, 'steps': 2, 'seed': 5, 'batch_size': 2}
)


def finished(context: AppContext) -> RunFinished:
	last = list(context.generate.run(REQUEST, CancelToken()))[-1]
	assert isinstance(last, RunFinished)
	assert last.status is RunStatus.COMPLETED, last.error
	return last


def detail(path: Path) -> float:
	"""Mean difference between neighbouring pixels: a blurred image has little."""
	with Image.open(path) as image:
		values = np.asarray(image.convert('RGB'), dtype=np.float32)
	return float(np.abs(np.diff(values, axis=1)).mean())


@pytest.fixture
def flagging(context: AppContext) -> AppContext:
	save_tiny_checker(context.settings.data_dir / 'safety_checker', FLAG_ALL)
	return context


def test_off_by_default_nothing_is_flagged_or_loaded(flagging: AppContext) -> None:
	assert not flagging.app_settings.store.stored().safety.safety_checker
	run = finished(flagging)
	assert [image.flagged for image in run.images] == [False, False]
	gate = manager_of(flagging.engine).safety
	assert gate is not None and not gate.loaded
	assert flagging.history.search(HistoryFilters(flagged_only=True)).items == ()


def test_flagged_images_are_saved_blurred_and_found_by_the_history_filter(flagging: AppContext) -> None:
	clean = finished(flagging)  # the same seeds unchecked: what the images look like unblurred
	flagging.app_settings.store.save({'safety_checker': True})
	run = finished(flagging)
	assert [image.flagged for image in run.images] == [True, True]
	for plain, checked in zip(clean.images, run.images, strict=True):
		assert detail(checked.path) < detail(plain.path) / 3  # the file on disk is the blurred one
		assert checked.shown is None  # nothing unblurred to hide: the gallery shows the file itself
	assert [caption for _, caption in gallery_items(list(run.images))] == ['Seed 5 (flagged)', 'Seed 6 (flagged)']
	flagged = flagging.history.search(HistoryFilters(flagged_only=True)).items
	assert sorted(item.path for item in flagged) == sorted(
		str(image.path.relative_to(flagging.settings.outputs_dir)) for image in run.images
	)
	assert all(item.flagged for item in flagged)
	assert len(flagging.history.search(HistoryFilters()).items) == 4


def test_kept_flagged_images_stay_whole_on_disk_and_show_blurred(flagging: AppContext) -> None:
	clean = finished(flagging)
	flagging.app_settings.store.save({'safety_checker': True, 'keep_flagged': True})
	run = finished(flagging)
	for plain, kept in zip(clean.images, run.images, strict=True):
		assert kept.flagged
		with Image.open(plain.path) as before, Image.open(kept.path) as after:
			assert np.array_equal(np.asarray(before), np.asarray(after))  # kept as made
		assert kept.shown is not None and kept.shown.is_file()
		assert gallery_items([kept])[0][0] == str(kept.shown)
		assert detail(kept.shown) < detail(kept.path)  # what the app shows is blurred
	[item, *_] = flagging.history.search(HistoryFilters(flagged_only=True)).items
	_, picture, *_, download = describe(flagging.history, item.image_id)
	assert picture is not None and download is not None
	assert detail(Path(picture)) < detail(Path(download)) / 3  # History shows it blurred; the download is the file
