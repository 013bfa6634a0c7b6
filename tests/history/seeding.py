"""A history database filled through the real CRUD, with real PNG files and thumbnails under outputs."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from localai_ui.database import Database
from localai_ui.database import crud as database_service
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import RunStatus
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.png_info.infotext import build_infotext, infotext_params
from localai_ui.services.png_info.png_parameters import encode_png
from localai_ui.services.thumbnails import write_thumbnail

DAY = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
	generation_id: int
	image_ids: tuple[int, ...]
	paths: tuple[str, ...]


def seed_run(
	database: Database,
	outputs: Path,
	request: GenerationRequest,
	*,
	model: str = 'tiny-sd15',
	status: RunStatus = RunStatus.COMPLETED,
	started: datetime = DAY,
	images: int = 1,
	seed: int = 100,
) -> Seeded:
	"""One run with `images` saved files (seed, seed+1, ...), finished with `status`."""
	seeds = tuple(seed + index for index in range(images))
	with database.transaction() as session:
		generation_id = database_service.create_generation(
			session, request=request, model_name=model, model_hash='abcdef1234', seeds=seeds, started_at=started
		)
	image_ids: list[int] = []
	paths: list[str] = []
	for index, image_seed in enumerate(seeds):
		params = infotext_params(request, seed=image_seed, model_name=model, model_hash=None, version='LocalAI UI test')
		infotext = build_infotext(prompt=request.prompt, negative_prompt=request.negative_prompt, params=params)
		relative = f'{started.date().isoformat()}/{generation_id:05d}-{index}-{image_seed}.png'
		picture = Image.new('RGB', (64, 64), (index * 40, 90, 160))
		write_atomic(outputs / relative, encode_png(picture, infotext))
		thumbnail = write_thumbnail(picture, outputs, relative)
		with database.transaction() as session:
			image_id = database_service.add_image(
				session, generation_id=generation_id, path=relative, seed=image_seed, index=index, width=64,
				height=64, created_at=started,
			)  # fmt: skip
			database_service.set_thumbnail(session, image_id=image_id, thumbnail_path=thumbnail)
		image_ids.append(image_id)
		paths.append(relative)
	with database.transaction() as session:
		database_service.finish_generation(
			session, generation_id=generation_id, status=status, finished_at=started, it_per_s=3.5, error=None,
			infotext=f'{request.prompt}\nSteps: {request.steps}',
		)  # fmt: skip
	return Seeded(generation_id, tuple(image_ids), tuple(paths))
