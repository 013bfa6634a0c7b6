"""A CLIP tokenizer built from a model folder's tokenizer files (vocab.json + merges.txt, or tokenizer.json).

Reading the files is enough to count tokens: no weights and no pipeline are loaded.
"""

from pathlib import Path

from tokenizers import Tokenizer
from transformers import CLIPTokenizer


def read_clip_tokenizer(tokenizer_dir: Path) -> CLIPTokenizer:
	"""The tokenizer in `tokenizer_dir`; ValueError naming the folder when neither file layout is there."""
	vocab, merges, combined = (tokenizer_dir / name for name in ('vocab.json', 'merges.txt', 'tokenizer.json'))
	if combined.is_file():
		return CLIPTokenizer(tokenizer_object=Tokenizer.from_file(str(combined)), model_max_length=77)
	if vocab.is_file() and merges.is_file():
		return CLIPTokenizer(vocab=str(vocab), merges=str(merges), model_max_length=77)
	raise ValueError(f'{tokenizer_dir}: no CLIP tokenizer files (tokenizer.json, or vocab.json and merges.txt)')
