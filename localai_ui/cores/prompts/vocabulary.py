"""A typed view of a CLIP tokenizer: prompt text to ids without specials, and the ids chunking needs."""

from collections.abc import Sequence
from pathlib import Path
from typing import cast

from transformers import CLIPTokenizer

from localai_ui.cores.prompts.tokenizer_files import read_clip_tokenizer

COMMA = ',</w>'


class ClipVocabulary:
	"""Start, end, pad and comma ids of one tokenizer; `encode` never truncates."""

	def __init__(self, tokenizer: CLIPTokenizer) -> None:
		self._tokenizer = tokenizer
		self.start = _required_id(tokenizer.bos_token_id, 'start')
		self.end = _required_id(tokenizer.eos_token_id, 'end')
		pad = tokenizer.pad_token_id
		self.pad = pad if isinstance(pad, int) else self.end
		comma = tokenizer.convert_tokens_to_ids(COMMA)
		self.comma = comma if isinstance(comma, int) and comma != tokenizer.unk_token_id else None

	def encode(self, texts: Sequence[str]) -> list[list[int]]:
		"""Token ids of each text, no start or end token, however long."""
		if not texts:
			return []
		encoded = self._tokenizer(list(texts), truncation=False, add_special_tokens=False, verbose=False)
		rows: object = encoded['input_ids']
		if not isinstance(rows, list):
			raise TypeError(f'the tokenizer returned {type(rows).__name__}, expected lists of ids')
		return [_ids(row) for row in cast(list[object], rows)]


def load_vocabulary(tokenizer_dir: Path) -> ClipVocabulary:
	"""The tokenizer files of a model folder (its `tokenizer` subfolder), read without loading any weights."""
	return ClipVocabulary(read_clip_tokenizer(tokenizer_dir))


def _required_id(value: object, role: str) -> int:
	if not isinstance(value, int):
		raise ValueError(f'the tokenizer has no {role} token')
	return value


def _ids(row: object) -> list[int]:
	if not isinstance(row, list):
		raise TypeError('expected a list of token ids')
	return [value for value in cast(list[object], row) if isinstance(value, int)]
