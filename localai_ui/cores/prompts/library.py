"""The embeddings folder as the pipeline uses it: nothing is kept in memory or added to the pipeline.

Each run loads only the files whose names appear as words in its prompts, and swaps their vectors in while it
encodes, so an embedding removed from the folder leaves no trace.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from localai_ui.schemas.prompts import EmbeddingInfo, EmbeddingScan
from localai_ui.services.embeddings import scan_embeddings
from localai_ui.services.embeddings_load import LoadedEmbedding, load_embedding


class EmbeddingLibrary:
	"""Textual inversions under one folder, by file name."""

	def __init__(self, folder: Path) -> None:
		self.folder = folder

	def scan(self) -> EmbeddingScan:
		"""The usable files and one message per unusable one (read from headers only)."""
		return scan_embeddings(self.folder)

	def named_in(self, texts: Sequence[str]) -> list[LoadedEmbedding]:
		"""Load the embeddings whose names appear as whole words (any case) in `texts`."""
		return [load_embedding(info) for info in self.scan().embeddings if _mentions(texts, info)]


def _mentions(texts: Sequence[str], info: EmbeddingInfo) -> bool:
	pattern = re.compile(rf'(?<!\w){re.escape(info.name)}(?!\w)', re.IGNORECASE)
	return any(pattern.search(text) for text in texts)
