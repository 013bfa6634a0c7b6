"""A1111's token counter ('80/150') for the prompt boxes, from tokenizer files: no model is loaded."""

from collections.abc import Sequence
from pathlib import Path

from localai_ui.cores.prompts.attention import parse_prompt_attention
from localai_ui.cores.prompts.chunks import EmbeddingTokens, chunk_prompt
from localai_ui.cores.prompts.vocabulary import ClipVocabulary, load_vocabulary
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.prompts import EmbeddingInfo, TokenCount


def count_tokens(text: str, vocabulary: ClipVocabulary, embeddings: Sequence[EmbeddingInfo] = ()) -> TokenCount:
	"""Tokens `text` uses once parsed (weights syntax is free, an embedding counts its vectors) and its capacity."""
	named = [EmbeddingTokens(e.name, tuple(vocabulary.encode([e.name])[0]), e.vectors) for e in embeddings]
	return chunk_prompt(parse_prompt_attention(text), vocabulary, named).count


class TokenCounter:
	"""Counts for any model folder; each model's tokenizer files are read once (SD1.x and SDXL share one vocabulary)."""

	def __init__(self, shared_tokenizer: Path | None = None) -> None:
		self._shared = shared_tokenizer
		self._vocabularies: dict[Path, ClipVocabulary] = {}

	def vocabulary(self, model: ModelInfo) -> ClipVocabulary:
		"""The model's first tokenizer: its folder's, its config folder's, else the shared CLIP one (single files)."""
		candidates = [model.path / 'tokenizer']
		if model.config_dir is not None:
			candidates.append(model.config_dir / 'tokenizer')
		if self._shared is not None:
			candidates.append(self._shared)
		folder = next((c for c in candidates if _has_vocabulary(c)), candidates[0])
		if folder not in self._vocabularies:
			self._vocabularies[folder] = load_vocabulary(folder)
		return self._vocabularies[folder]

	def count(self, text: str, model: ModelInfo, embeddings: Sequence[EmbeddingInfo] = ()) -> TokenCount:
		"""`count_tokens` with `model`'s tokenizer; only embeddings made for that architecture count as such."""
		usable = [e for e in embeddings if e.family is model.family]
		return count_tokens(text, self.vocabulary(model), usable)


def _has_vocabulary(folder: Path) -> bool:
	return (folder / 'tokenizer.json').is_file() or (folder / 'vocab.json').is_file()
