"""VAEs: `.safetensors` files a model may use instead of its own; listed by file name, as A1111's VAE list is."""

from pathlib import Path

from localai_ui.library.kind import Inspection, KindSpec
from localai_ui.schemas.assets import AssetFormat, AssetKind, Family, NoDetails
from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.services.safetensors.header import read_header

DECODER_MARK = 'decoder.'


class VaeKind(KindSpec[NoDetails]):
	kind = AssetKind.VAE
	noun = 'VAE'
	folder_noun = 'VAE folder'
	details_type = NoDetails

	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[NoDetails]:
		header = read_header(path)
		if not any(DECODER_MARK in name for name in header.tensors):
			raise ModelFileError(f'{path.name}: no decoder tensors, so this is not a VAE')
		return Inspection(Family.UNKNOWN, NoDetails(), header.metadata)

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		return relative
