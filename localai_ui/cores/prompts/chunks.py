"""Prompt parts to 75-token chunks wrapped in start/end tokens, as A1111 builds them (comma backtrack included)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from localai_ui.cores.prompts.vocabulary import ClipVocabulary
from localai_ui.schemas.prompts import CHUNK_TOKENS, ChunkBreak, PromptPart, TokenCount

COMMA_BACKTRACK = 20  # A1111's default: text after a comma this close to a chunk's end moves to the next chunk
PLACEHOLDER_ID = 0  # stands where an embedding's vectors go; the encoder replaces its embedding


@dataclass(frozen=True)
class EmbeddingTokens:
	"""A textual inversion as the chunker sees it: its name's token ids and how many positions its vectors fill."""

	name: str
	ids: tuple[int, ...]
	vectors: int


@dataclass(frozen=True)
class EmbeddingFix:
	"""Where an embedding's vectors go: `position` counts from the chunk's start token (so it is never 0)."""

	position: int
	name: str


@dataclass(frozen=True)
class PromptChunk:
	"""77 token ids (start, 75, end and padding) with one attention weight each."""

	tokens: tuple[int, ...]
	weights: tuple[float, ...]
	fixes: tuple[EmbeddingFix, ...] = ()


@dataclass(frozen=True)
class ChunkedPrompt:
	chunks: tuple[PromptChunk, ...]
	used: int

	@property
	def count(self) -> TokenCount:
		"""A1111's counter: capacity is the used tokens rounded up to a multiple of 75 (at least 75)."""
		return TokenCount(self.used, math.ceil(max(self.used, 1) / CHUNK_TOKENS) * CHUNK_TOKENS)


@dataclass
class _Builder:
	vocabulary: ClipVocabulary
	backtrack: int
	tokens: list[int] = field(default_factory=list[int])
	weights: list[float] = field(default_factory=list[float])
	fixes: list[tuple[int, str]] = field(default_factory=list[tuple[int, str]])
	last_comma: int = -1
	used: int = 0
	done: list[PromptChunk] = field(default_factory=list[PromptChunk])

	def close(self, *, last: bool = False) -> None:
		"""Wrap the open chunk: start token, tokens, end token, then padding; weights 1 outside the text."""
		self.used += len(self.tokens) if last else CHUNK_TOKENS
		vocabulary, missing = self.vocabulary, CHUNK_TOKENS - len(self.tokens)
		tokens = (vocabulary.start, *self.tokens, vocabulary.end, *[vocabulary.pad] * missing)
		weights = (1.0, *self.weights, 1.0, *[1.0] * missing)
		fixes = tuple(EmbeddingFix(offset + 1, name) for offset, name in self.fixes)
		self.done.append(PromptChunk(tokens, weights, fixes))
		self.tokens, self.weights, self.fixes, self.last_comma = [], [], [], -1

	def make_room(self, token: int) -> None:
		"""Before `token`: note commas, move text after a near comma to the next chunk, close a full chunk."""
		if token == self.vocabulary.comma:
			self.last_comma = len(self.tokens)
		elif (
			len(self.tokens) == CHUNK_TOKENS
			and self.last_comma != -1
			and CHUNK_TOKENS - self.last_comma <= self.backtrack
		):
			cut = self.last_comma + 1
			moved = (self.tokens[cut:], self.weights[cut:], [(at - cut, name) for at, name in self.fixes if at >= cut])
			del self.tokens[cut:], self.weights[cut:]
			self.fixes = [(at, name) for at, name in self.fixes if at < cut]
			self.close()
			self.tokens, self.weights, self.fixes = moved
		if len(self.tokens) == CHUNK_TOKENS:
			self.close()

	def add(self, tokens: list[int], weight: float, embedding: str | None = None) -> None:
		if embedding is not None:
			if len(self.tokens) + len(tokens) > CHUNK_TOKENS:
				self.close()
			self.fixes.append((len(self.tokens), embedding))
		self.tokens += tokens
		self.weights += [weight] * len(tokens)


def chunk_prompt(
	parts: Sequence[PromptPart],
	vocabulary: ClipVocabulary,
	embeddings: Sequence[EmbeddingTokens] = (),
	comma_backtrack: int = COMMA_BACKTRACK,
) -> ChunkedPrompt:
	"""Tokenize each part, place embeddings named in it, and cut into chunks; an empty prompt gives one chunk."""
	texts = [part for part in parts if not isinstance(part, ChunkBreak)]
	encoded = iter(vocabulary.encode([part.text for part in texts]))
	by_first: dict[int, list[EmbeddingTokens]] = {}
	for embedding in sorted(embeddings, key=lambda item: len(item.ids), reverse=True):
		if embedding.ids:
			by_first.setdefault(embedding.ids[0], []).append(embedding)
	builder = _Builder(vocabulary, comma_backtrack)
	for part in parts:
		if isinstance(part, ChunkBreak):
			builder.close()
			continue
		ids = next(encoded)
		position = 0
		while position < len(ids):
			builder.make_room(ids[position])
			candidates = by_first.get(ids[position], [])
			found = next((e for e in candidates if tuple(ids[position : position + len(e.ids)]) == e.ids), None)
			if found is None:
				builder.add([ids[position]], part.weight)
				position += 1
			else:
				builder.add([PLACEHOLDER_ID] * found.vectors, part.weight, found.name)
				position += len(found.ids)
	if builder.tokens or not builder.done:
		builder.close(last=True)
	return ChunkedPrompt(tuple(builder.done), builder.used)
