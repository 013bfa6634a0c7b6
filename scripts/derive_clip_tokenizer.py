"""Derive CLIP's vocab.json and merges.txt from the BPE file the `openai-clip` PyPI package ships.

Usage: python scripts/derive_clip_tokenizer.py [SOURCE] [--out assets/model_configs/clip_tokenizer]

SOURCE is `bpe_simple_vocab_16e6.txt.gz`, or the openai-clip sdist (.tar.gz) or wheel (.whl) holding it; without it
the installed `clip` package is used (found with importlib, since importing `clip` needs torchvision). Get the
package with `pip download openai-clip --no-deps`. The outputs are committed; run this only to re-derive them.

The vocabulary is what OpenAI's tokenizer builds: the 256 byte symbols, the same with `</w>`, one entry per merge,
then `<|startoftext|>` and `<|endoftext|>`: 49408 entries (ids 49406 and 49407 for the two specials).
"""

import argparse
import gzip
import importlib.util
import json
import tarfile
import zipfile
from pathlib import Path

BPE_NAME = 'bpe_simple_vocab_16e6.txt.gz'
MERGES = 49152 - 256 - 2  # lines 1..48894 of the file, after its version line
VOCAB_SIZE = 49408


def byte_symbols() -> list[str]:
	"""GPT-2's reversible byte -> printable character table, in OpenAI's order."""
	printable = [*range(ord('!'), ord('~') + 1), *range(ord('¡'), ord('¬') + 1), *range(ord('®'), ord('ÿ') + 1)]
	extra = [byte for byte in range(256) if byte not in printable]
	return [chr(code) for code in printable] + [chr(256 + offset) for offset in range(len(extra))]


def read_bpe(source: Path | None) -> str:
	"""The BPE text, from a .txt.gz, an sdist, a wheel, or the installed package."""
	if source is None:
		spec = importlib.util.find_spec('clip')
		if spec is None or spec.origin is None:
			raise SystemExit('openai-clip is not installed: pass the .txt.gz, sdist or wheel as SOURCE')
		source = Path(spec.origin).with_name(BPE_NAME)
	if source.name.endswith('.whl'):
		with zipfile.ZipFile(source) as wheel:
			member = next(name for name in wheel.namelist() if name.endswith(BPE_NAME))
			return gzip.decompress(wheel.read(member)).decode('utf-8')
	if source.name.endswith('.tar.gz') and source.name != BPE_NAME:
		with tarfile.open(source) as sdist:
			member = next(info for info in sdist.getmembers() if info.name.endswith(BPE_NAME))
			handle = sdist.extractfile(member)
			if handle is None:
				raise SystemExit(f'{source}: {member.name} is not a file')
			return gzip.decompress(handle.read()).decode('utf-8')
	return gzip.decompress(source.read_bytes()).decode('utf-8')


def derive(text: str) -> tuple[dict[str, int], list[str]]:
	"""(vocab, merges) exactly as OpenAI's SimpleTokenizer builds them."""
	merges = text.split('\n')[1 : MERGES + 1]
	symbols = byte_symbols()
	tokens = symbols + [f'{symbol}</w>' for symbol in symbols]
	tokens += [''.join(merge.split()) for merge in merges]
	tokens += ['<|startoftext|>', '<|endoftext|>']
	vocab = {token: index for index, token in enumerate(tokens)}
	if len(vocab) != VOCAB_SIZE:
		raise SystemExit(f'derived {len(vocab)} tokens, expected {VOCAB_SIZE}: is this the right BPE file?')
	return vocab, merges


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('source', nargs='?', type=Path)
	parser.add_argument('--out', type=Path, default=Path('assets/model_configs/clip_tokenizer'))
	args = parser.parse_args()
	vocab, merges = derive(read_bpe(args.source))
	out: Path = args.out
	out.mkdir(parents=True, exist_ok=True)
	(out / 'vocab.json').write_text(json.dumps(vocab, ensure_ascii=False), encoding='utf-8')
	(out / 'merges.txt').write_text('#version: 0.2\n' + '\n'.join(merges) + '\n', encoding='utf-8')
	print(f'{out}: vocab.json ({len(vocab)} tokens), merges.txt ({len(merges)} merges)')


if __name__ == '__main__':
	main()
