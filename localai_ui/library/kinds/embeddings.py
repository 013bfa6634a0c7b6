"""Textual inversion embeddings: used by their file name (without extension) in either prompt."""

from pathlib import Path, PurePosixPath

from localai_ui.library.kind import Inspection, KindSpec
from localai_ui.schemas.assets import Asset, AssetFormat, AssetKind
from localai_ui.schemas.prompts import EmbeddingDetails, EmbeddingInfo
from localai_ui.services.embedding_files.describe import describe_embedding


class EmbeddingKind(KindSpec[EmbeddingDetails]):
	kind = AssetKind.EMBEDDING
	noun = 'embedding'
	folder_noun = 'embeddings folder'
	details_type = EmbeddingDetails

	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[EmbeddingDetails]:
		found = describe_embedding(path)
		return Inspection(found.family, found.details, found.metadata)

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		return PurePosixPath(relative).stem


def embedding_info(record: Asset[EmbeddingDetails], path: Path) -> EmbeddingInfo | None:
	"""What a run needs of a usable embedding (None for a file that cannot be used)."""
	details = record.details
	if details is None:
		return None
	return EmbeddingInfo(record.name, path, record.family, details.vectors, details.dims)
