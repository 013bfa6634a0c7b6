"""Model upscalers (ESRGAN, Real-ESRGAN, SwinIR, DAT, SPAN...): `.safetensors` files and weights-only `.pth`/`.pt`,
identified by spandrel; named by file stem, as A1111 names them in `Hires upscaler` and `Postprocess upscaler`."""

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from localai_ui.library.kind import Inspection, KindSpec
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import AssetFormat, AssetKind, Family, UnknownAssetError
from localai_ui.schemas.engine import UpscalerReader
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.upscalers import UpscalerDetails, UpscalerInfo
from localai_ui.services.safetensors.sniff import PICKLE_SUFFIXES
from localai_ui.services.upscaler_suffixes import UPSCALER_SUFFIXES, upscaler_format

# A .pth/.pt is opened, but only by torch's weights-only loading; the library stores it as format 'other'.
WEIGHTS_ONLY: AssetFormat = 'other'


class UpscalerKind(KindSpec[UpscalerDetails]):
	kind = AssetKind.UPSCALER
	noun = 'upscaler'
	folder_noun = 'upscalers folder'
	details_type = UpscalerDetails

	def __init__(self, read: UpscalerReader) -> None:
		self._read = read  # spandrel's reading, from the engine (waits for it while it starts)

	def candidate(self, name: str) -> AssetFormat | None:
		""".safetensors, weights-only .pth/.pt; other pickle suffixes (.ckpt, .bin) are listed as refused."""
		suffix = PurePosixPath(name).suffix.lower()
		if suffix in UPSCALER_SUFFIXES:
			return 'safetensors' if suffix == '.safetensors' else WEIGHTS_ONLY
		return 'pickle' if suffix in PICKLE_SUFFIXES else None

	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[UpscalerDetails]:
		"""Read the weights and let spandrel identify them; the model built on the way is dropped again."""
		return Inspection(Family.UNKNOWN, self._read(path))

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		return PurePosixPath(relative).stem

	def search_words(self, details: UpscalerDetails) -> tuple[str, ...]:
		return (details.architecture, f'x{details.scale}', f'{details.scale}x')

	def validate(self, path: Path) -> None:
		"""A file coming in must be an upscaler spandrel identifies; a .ckpt or .bin is refused by its suffix."""
		file_format = self.candidate(path.name)
		if file_format is None or file_format == 'pickle':
			upscaler_format(path)
			return
		self.inspect(path, file_format)


def usable_upscaler_names(library: AssetLibrary[UpscalerDetails]) -> list[str]:
	"""The model upscalers a run may name, by name."""
	return [record.name for record in library.usable()]


def find_upscaler(
	library: AssetLibrary[UpscalerDetails], name: str, choices: Sequence[str], what: str = 'upscaler'
) -> UpscalerInfo:
	"""The usable upscaler called `name`; a refused file says why, an unknown name lists `choices`."""
	record = library.find(name)
	if record is None or record.status == 'missing':
		raise UnknownAssetError(f'unknown {what} {name!r}; choose one of: {", ".join(choices)}')
	if not record.usable or record.details is None:
		raise InvalidRequestError(f'{what} {name!r} cannot be used: {record.reason}')
	return UpscalerInfo(name=record.name, path=library.path_of(record), **record.details.model_dump())
