"""Helpers around the prompt boxes: A1111's token counter and the embeddings a prompt can name."""

from localai_ui.features.generate.embeddings import usable_embeddings
from localai_ui.library.catalog import ModelCatalog
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.engine import TokenCounting
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.prompts import EmbeddingDetails


class PromptTools:
	"""Counts tokens against the chosen model's tokenizer (no weights loaded) and lists usable embeddings."""

	def __init__(
		self, catalog: ModelCatalog, counter: TokenCounting, embeddings: AssetLibrary[EmbeddingDetails]
	) -> None:
		self._catalog = catalog
		self._counter = counter
		self._embeddings = embeddings

	def token_label(self, text: str, model_name: str | None) -> str:
		""" "used/capacity" as A1111 shows it (e.g. "80/150"); empty when there is no model to count with."""
		try:
			model = self._catalog.pick(model_name or None)
			count = self._counter.count(text, model, usable_embeddings(self._embeddings))
		except (LocalAIError, ValueError, OSError):
			return ''
		return count.label

	def embedding_names(self) -> list[str]:
		return [info.name for info in usable_embeddings(self._embeddings)]

	def refresh_embeddings(self) -> None:
		self._embeddings.refresh()

	def embedding_notes(self) -> str:
		"""One line per embedding file that cannot be used, saying why."""
		return '\n'.join(f'- {record.reason}' for record in self._embeddings.records() if not record.usable)
