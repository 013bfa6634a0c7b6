"""The textual inversions a request's prompts name: usable files of the embeddings library, as whole words."""

import re
from collections.abc import Sequence

from localai_ui.library.kinds.embeddings import embedding_info
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.prompts import EmbeddingDetails, EmbeddingInfo


def usable_embeddings(library: AssetLibrary[EmbeddingDetails]) -> list[EmbeddingInfo]:
	"""Every usable embedding (the token counter and the picker list them)."""
	found = (embedding_info(record, library.path_of(record)) for record in library.usable())
	return [info for info in found if info is not None]


def named_in(library: AssetLibrary[EmbeddingDetails], texts: Sequence[str]) -> tuple[EmbeddingInfo, ...]:
	"""The embeddings whose names appear as whole words (any case) in `texts`, after a quick rescan."""
	library.refresh()
	return tuple(info for info in usable_embeddings(library) if _mentions(texts, info.name))


def _mentions(texts: Sequence[str], name: str) -> bool:
	pattern = re.compile(rf'(?<!\w){re.escape(name)}(?!\w)', re.IGNORECASE)
	return any(pattern.search(text) for text in texts)
