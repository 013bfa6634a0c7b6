"""An upscaled picture written under outputs/YYYY-MM-DD/ with A1111's Extras keys as its `parameters` text, then
recorded in History with its source: the file always exists before its row, as for generated images."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from localai_ui import __version__
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.upscale.request import UpscaleRequest
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.png_info.infotext import InfotextValue, build_infotext
from localai_ui.services.png_info.png_parameters import encode_png
from localai_ui.services.thumbnails import write_thumbnail

VERSION = f'LocalAI UI {__version__}'


@dataclass(frozen=True)
class UpscaleDone:
	"""A finished upscale: the file (absolute, and relative to the outputs folder), its infotext and History ids."""

	path: Path
	relative: str
	infotext: str
	generation_id: int
	image_id: int


def upscale_infotext(request: UpscaleRequest, size: tuple[int, int], upscaler: str) -> str:
	"""A1111's Extras keys: `Postprocess upscale by` (or `... upscale to` for a target size), `Postprocess upscaler`."""
	params: dict[str, InfotextValue] = {
		'Postprocess upscale by': None if request.targeted else request.scale,
		'Postprocess upscale to': f'{size[0]}x{size[1]}' if request.targeted else None,
		'Postprocess upscaler': upscaler,
		'Version': VERSION,
	}
	return build_infotext(prompt='', negative_prompt='', params=params).lstrip('\n')


class UpscaleStore:
	"""Writes upscaled pictures and records each as a completed History run of mode 'upscale'."""

	def __init__(self, database: Database, outputs_dir: Path) -> None:
		self._database = database
		self._outputs_dir = outputs_dir

	def save(self, request: UpscaleRequest, image: Image.Image, started: datetime) -> UpscaleDone:
		infotext = upscale_infotext(request, image.size, request.upscaler)
		now = datetime.now()
		relative = f'{now.date().isoformat()}/upscale-{now:%H%M%S}-{secrets.token_hex(3)}.png'
		path = self._outputs_dir / relative
		write_atomic(path, encode_png(image, infotext))
		thumbnail = write_thumbnail(image, self._outputs_dir, relative)
		with self._database.transaction() as session:
			recorded = database_service.record_upscale(
				session,
				upscaler=request.upscaler,
				source=request.image,
				path=relative,
				width=image.width,
				height=image.height,
				request_json=request.model_dump_json(),
				infotext=infotext,
				started_at=started,
				finished_at=datetime.now(UTC),
			)
			database_service.set_thumbnail(session, image_id=recorded.image_id, thumbnail_path=thumbnail)
		return UpscaleDone(path, relative, infotext, recorded.generation_id, recorded.image_id)
