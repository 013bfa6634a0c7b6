"""The upscale use case the tab and `/upscale` share: check the request, wait for the device in the same line as
generations, upscale, save and record. Everything that can be refused is refused before the device is asked for."""

from collections.abc import Generator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from localai_ui.database.engine import Database
from localai_ui.features.upscale.request import BUILT_IN, NONE, UpscaleRequest, upscale_plan
from localai_ui.features.upscale.saving import UpscaleDone, UpscaleStore
from localai_ui.library.kinds.upscalers import find_upscaler, usable_upscaler_names
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.engine import DeviceLine
from localai_ui.schemas.progress import Started, Waiting
from localai_ui.schemas.upscalers import Resampler, UpscalerDetails, UpscalerInfo
from localai_ui.services.input_images import InputImages

WHAT = 'image to upscale'


class UpscaleService:
	"""Upscales pictures through the pipeline manager's device line and records each in History."""

	def __init__(
		self,
		*,
		manager: DeviceLine,
		database: Database,
		outputs_dir: Path,
		library: AssetLibrary[UpscalerDetails],
		pictures: InputImages,
	) -> None:
		self._manager = manager
		self._store = UpscaleStore(database, outputs_dir)
		self.library = library
		self.pictures = pictures

	def names(self) -> list[str]:
		"""None, the resamplers, then every usable model upscaler of the upscalers folder."""
		return [*BUILT_IN, *usable_upscaler_names(self.library)]

	def refresh(self) -> list[str]:
		"""Scan the upscalers folder again (files added or removed), then the names."""
		self.library.refresh()
		return self.names()

	def store(self, source: Path | Image.Image) -> str:
		"""Keep the picture to upscale (refused when it is no picture or over the size limit); its stored name."""
		return self.pictures.store(source, WHAT)

	def run(self, request: UpscaleRequest, cancel: CancelToken) -> Generator[Waiting | Started | UpscaleDone]:
		"""Yield Waiting notes while other runs hold the device, Started, then the saved result; the result is
		written and recorded after the device is free again. Nothing is yielded after a cancel before the turn."""
		choice = self.choice(request.upscaler)
		image = self.pictures.load(request.image, WHAT)
		factor, size = upscale_plan(request, image.width, image.height)
		started = datetime.now(UTC)
		with closing(self._manager.upscale(choice, image, factor, cancel)) as turns:  # a consumer gone frees the line
			while True:
				try:
					note = next(turns)
				except StopIteration as done:
					result: Image.Image | None = done.value
					break
				if isinstance(note, Started):
					started = note.at  # the time on the device, not in line
				yield note
		if result is not None:
			yield self._store.save(request, fit(result, size), started)

	def choice(self, name: str) -> UpscalerInfo | Resampler:
		"""The resampler or the usable model upscaler called `name`; an unknown or refused one says why."""
		if name == NONE:
			return Resampler.LANCZOS
		if name in BUILT_IN:
			return Resampler(name)
		return find_upscaler(self.library, name, self.names())


def fit(image: Image.Image, size: tuple[int, int]) -> Image.Image:
	"""`image` at exactly `size`: cut from the centre when it covers it (A1111's crop to fit), else resized."""
	width, height = size
	if image.size == size:
		return image
	if image.width >= width and image.height >= height:
		left, top = (image.width - width) // 2, (image.height - height) // 2
		return image.crop((left, top, left + width, top + height))
	return image.resize(size, Image.Resampling.LANCZOS)
