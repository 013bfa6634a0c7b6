"""Saving finished images: PNG with A1111 infotext, written atomically, then recorded."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from localai_ui import __version__
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.outputs import SavedImage
from localai_ui.schemas.progress import GeneratedImage, GenerationJob
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.png_info.infotext import InfotextValue, build_infotext, infotext_params
from localai_ui.services.png_info.png_parameters import encode_png
from localai_ui.services.thumbnails import write_thumbnail

VERSION = f'LocalAI UI {__version__}'


class ImageStore:
	"""Writes images under outputs/YYYY-MM-DD/ and records one row per file after it exists."""

	def __init__(self, database: Database, outputs_dir: Path, now: Callable[[], datetime] = datetime.now) -> None:
		self._database = database
		self._outputs_dir = outputs_dir
		self._now = now

	def infotext(self, job: GenerationJob, seed: int) -> str:
		request = job.request
		params = infotext_params(
			request, seed=seed, model_name=job.model.name, model_hash=job.model.hash, version=VERSION
		)
		version = params.pop('Version')
		merged: dict[str, InfotextValue] = {**params, **dict(job.extra_params), 'Version': version}
		return build_infotext(prompt=request.prompt, negative_prompt=request.negative_prompt, params=merged)

	def save(
		self, generation_id: int, job: GenerationJob, images: tuple[GeneratedImage, ...]
	) -> tuple[SavedImage, ...]:
		"""Encode and write each image, then commit its row; the file always exists before its row."""
		saved: list[SavedImage] = []
		for generated in images:
			infotext = self.infotext(job, generated.seed)
			relative = f'{self._now().date().isoformat()}/{generation_id:05d}-{generated.index}-{generated.seed}.png'
			path = self._outputs_dir / relative
			write_atomic(path, encode_png(generated.image, infotext))
			thumbnail = write_thumbnail(generated.image, self._outputs_dir, relative)
			with self._database.transaction() as session:
				image_id = database_service.add_image(
					session,
					generation_id=generation_id,
					path=relative,
					seed=generated.seed,
					index=generated.index,
					width=generated.image.width,
					height=generated.image.height,
					created_at=datetime.now(UTC),
				)
				database_service.set_thumbnail(session, image_id=image_id, thumbnail_path=thumbnail)
			saved.append(SavedImage(path, generated.seed, generated.index, infotext))
		return tuple(saved)
