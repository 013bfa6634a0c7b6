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

FolderState = tuple[tuple[str, int, int], ...]


class EmbeddingLibrary:
	"""Textual inversions under one folder, by file name."""

	def __init__(self, folder: Path) -> None:
		self.folder = folder
		self._last: tuple[FolderState, EmbeddingScan] | None = None

	def scan(self) -> EmbeddingScan:
		"""The usable files and one message per unusable one; headers are read again only when a file changed.

		The token counter asks on every keystroke and every run asks once, so an unchanged folder costs a listing.
		"""
		state = _folder_state(self.folder)
		last = self._last
		if last is not None and last[0] == state:
			return last[1]
		scan = scan_embeddings(self.folder)
		self._last = (state, scan)
		return scan

	def named_in(self, texts: Sequence[str]) -> list[LoadedEmbedding]:
		"""Load the embeddings whose names appear as whole words (any case) in `texts`."""
		return [load_embedding(info) for info in self.scan().embeddings if _mentions(texts, info)]


def _folder_state(folder: Path) -> FolderState:
	if not folder.is_dir():
		return ()
	entries = ((path, path.stat()) for path in folder.rglob('*') if path.is_file())
	return tuple(sorted((str(path), stat.st_size, stat.st_mtime_ns) for path, stat in entries))


def _mentions(texts: Sequence[str], info: EmbeddingInfo) -> bool:
	pattern = re.compile(rf'(?<!\w){re.escape(info.name)}(?!\w)', re.IGNORECASE)
	return any(pattern.search(text) for text in texts)
