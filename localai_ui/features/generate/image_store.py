"""Saving finished images as the Saving settings say (PNG, JPEG or WEBP with A1111 infotext, the file name
pattern, date folders), written atomically, then recorded."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from localai_ui import __version__
from localai_ui.cores.safety.blur import blurred
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.app_settings import SafetySettings, SavingSettings
from localai_ui.schemas.outputs import SavedImage
from localai_ui.schemas.progress import GeneratedImage, GenerationJob
from localai_ui.schemas.stored_settings import stored_section
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.file_names import FileNameValues, image_file_name
from localai_ui.services.png_info.image_files import EXTENSIONS, encode_image
from localai_ui.services.png_info.infotext import InfotextValue, build_infotext, infotext_params
from localai_ui.services.thumbnails import write_thumbnail

VERSION = f'LocalAI UI {__version__}'


class ImageStore:
	"""Writes images under outputs/ (in YYYY-MM-DD/ folders unless turned off) and records one row per file after it
	exists. The Saving settings are read for every batch, so a change applies to the next run without a restart."""

	def __init__(
		self,
		database: Database,
		outputs_dir: Path,
		now: Callable[[], datetime] = datetime.now,
		saving: Callable[[], SavingSettings] | None = None,
		safety: Callable[[], SafetySettings] | None = None,
	) -> None:
		self._database = database
		self._outputs_dir = outputs_dir
		self._now = now
		self._saving = saving or self._stored_saving
		self._safety = safety or self._stored_safety

	def _stored_saving(self) -> SavingSettings:
		with self._database.transaction() as session:
			return stored_section(SavingSettings, database_service.read_settings(session))

	def _stored_safety(self) -> SafetySettings:
		with self._database.transaction() as session:
			return stored_section(SafetySettings, database_service.read_settings(session))

	def checked(self, job: GenerationJob) -> GenerationJob:
		"""The job with the Safety setting as it is now: on, the worker runs the checker after each decode."""
		return replace(job, safety_check=self._safety().safety_checker)

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
		saving, keep_flagged = self._saving(), self._safety().keep_flagged
		at = self._now()
		saved: list[SavedImage] = []
		for generated in images:
			infotext = self.infotext(job, generated.seed)
			relative = self._free_name(saving, generation_id, job, generated, at)
			path = self._outputs_dir / relative
			shown = blurred(generated.image) if generated.flagged else generated.image  # never blacked out
			kept = generated.image if keep_flagged else shown  # a flagged image is kept unblurred only if asked
			write_atomic(path, encode_image(kept, infotext, saving.output_format, saving.quality))
			thumbnail = write_thumbnail(shown, self._outputs_dir, relative)
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
					flagged=generated.flagged,
				)
				database_service.set_thumbnail(session, image_id=image_id, thumbnail_path=thumbnail)
			blurred_copy = self._outputs_dir / thumbnail if thumbnail and kept is not shown else None
			saved.append(SavedImage(path, generated.seed, generated.index, infotext, generated.flagged, blurred_copy))
		return tuple(saved)

	def _free_name(
		self, saving: SavingSettings, generation_id: int, job: GenerationJob, generated: GeneratedImage, at: datetime
	) -> str:
		"""The image's path relative to outputs/; a file already there (an older database's) is never overwritten."""
		request = job.request
		values = FileNameValues(
			seed=generated.seed,
			prompt=request.prompt,
			model_name=job.model.name,
			sampler=request.sampler,
			steps=request.steps,
			cfg_scale=request.cfg_scale,
			width=generated.image.width,
			height=generated.image.height,
			at=at,
		)
		folder = f'{at.date().isoformat()}/' if saving.date_folders else ''
		prefix, extension = f'{generation_id:05d}-{generated.index}', EXTENSIONS[saving.output_format]
		relative = folder + image_file_name(prefix, saving.file_name_pattern, values, extension)
		copy = 1
		while (self._outputs_dir / relative).exists():
			relative = folder + image_file_name(f'{prefix}-{copy}', saving.file_name_pattern, values, extension)
			copy += 1
		return relative
