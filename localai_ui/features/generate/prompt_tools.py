"""Helpers around the prompt boxes: A1111's token counter and the embeddings a prompt can name."""

from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.cores.prompts.library import EmbeddingLibrary
from localai_ui.features.generate.model_choice import ModelChoice
from localai_ui.schemas.errors import LocalAIError


class PromptTools:
	"""Counts tokens against the chosen model's tokenizer (no weights loaded) and lists usable embeddings."""

	def __init__(self, models: ModelChoice, counter: TokenCounter, embeddings: EmbeddingLibrary) -> None:
		self._models = models
		self._counter = counter
		self._embeddings = embeddings

	def token_label(self, text: str, model_name: str | None) -> str:
		""" "used/capacity" as A1111 shows it (e.g. "80/150"); empty when there is no model to count with."""
		try:
			model = self._models.pick(model_name or None)
			count = self._counter.count(text, model, self._embeddings.scan().embeddings)
		except (LocalAIError, ValueError, OSError):
			return ''
		return count.label

	def embedding_names(self) -> list[str]:
		return sorted(info.name for info in self._embeddings.scan().embeddings)

	def embedding_notes(self) -> str:
		"""One line per embedding file that cannot be used, saying why."""
		return '\n'.join(f'- {problem}' for problem in self._embeddings.scan().problems)
