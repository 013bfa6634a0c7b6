"""Prompt encoding cost on this CPU: our A1111-style encoder against diffusers' own `encode_prompt`.

Text encoders have the real SD1.5 (CLIP-L) and SDXL (CLIP-L + OpenCLIP-G) shapes with random weights; the tokenizer
is the tests' byte tokenizer (one character = one token), so an N-character prompt is N tokens. Each cell is the
fastest of several calls of prompt + negative prompt ('blurry'), ours and diffusers alternating, so background load
hurts less. diffusers truncates at 77 tokens; ours encodes every 75-token chunk.

	.venv/bin/python bench/prompts.py [--repeats 5] [--models sd1 sdxl]
"""

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the repository root holds tests/

import torch
from diffusers import StableDiffusionPipeline, StableDiffusionXLPipeline
from safetensors.torch import save
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

from localai_ui.cores.loading.loader import TextToImagePipeline
from localai_ui.cores.prompts.conditioning import Conditioning, encode_conditioning
from localai_ui.schemas.prompts import EmbeddingInfo
from localai_ui.services.embedding_files.describe import describe_embedding
from localai_ui.services.embedding_files.load import LoadedEmbedding, load_embedding
from tests.tiny_models import build_sd1, build_sdxl

SHORT = 'a lighthouse on a cliff at dusk'
PROMPTS = {
	'short (31 tokens)': SHORT,
	'150 tokens': ('a lighthouse on a cliff at dusk, volumetric light, ' * 3)[:150],
	'weighted': 'a (lighthouse:1.3) on a [cliff] at ((dusk))',
	'with embedding': 'a lighthouse on a cliff at dusk, style',
}
NEGATIVE = 'blurry'


def clip_config(width: int, depth: int, heads: int) -> CLIPTextConfig:
	"""CLIP text encoder of a real size, with ids matching the byte tokenizer's start/end tokens."""
	return CLIPTextConfig(
		num_hidden_layers=depth,
		num_attention_heads=heads,
		hidden_size=width,
		projection_dim=width,
		intermediate_size=4 * width,
		vocab_size=49408,
		eos_token_id=513,
		bos_token_id=512,
	)


def real_shaped(architecture: str) -> TextToImagePipeline:
	"""The tiny pipeline with real-sized random text encoders (the UNet plays no part in encoding)."""
	torch.default_generator.manual_seed(0)
	if architecture == 'sd1':
		sd1 = build_sd1()
		sd1.text_encoder = CLIPTextModel(clip_config(768, 12, 12)).eval()
		return sd1
	sdxl = build_sdxl()
	sdxl.text_encoder = CLIPTextModel(clip_config(768, 12, 12)).eval()
	sdxl.text_encoder_2 = CLIPTextModelWithProjection(clip_config(1280, 32, 20)).eval()
	return sdxl


def embedding_for(architecture: str, folder: Path) -> list[LoadedEmbedding]:
	"""A 4-vector embedding named 'style' of the right layout, loaded through the library as a run does."""
	tensors = {'emb_params': torch.randn(4, 768)}
	if architecture == 'sdxl':
		tensors = {'clip_l': torch.randn(4, 768), 'clip_g': torch.randn(4, 1280)}
	path = folder / 'style.safetensors'
	path.write_bytes(save(tensors))
	described = describe_embedding(path)
	info = EmbeddingInfo('style', path, described.family, described.details.vectors, described.details.dims)
	return [load_embedding(info)]


def best_ms(calls: tuple[Callable[[], object], ...], repeats: int) -> list[float]:
	"""Fastest of `repeats` timings for each call, alternating them so background load hits both alike."""
	best = [float('inf')] * len(calls)
	for _ in range(repeats + 1):  # the first round warms up and is timed too (the minimum ignores it)
		for index, call in enumerate(calls):
			start = time.perf_counter()
			call()
			best[index] = min(best[index], (time.perf_counter() - start) * 1000)
	return best


def diffusers_call(pipeline: TextToImagePipeline, prompt: str) -> Callable[[], object]:
	if isinstance(pipeline, StableDiffusionXLPipeline):
		return lambda: pipeline.encode_prompt(prompt, negative_prompt=NEGATIVE)
	sd1: StableDiffusionPipeline = pipeline
	return lambda: sd1.encode_prompt(prompt, torch.device('cpu'), 1, True, negative_prompt=NEGATIVE)


def ours(pipeline: TextToImagePipeline, prompt: str, embeddings: list[LoadedEmbedding]) -> Conditioning:
	return encode_conditioning(
		pipeline, prompt=prompt, negative_prompt=NEGATIVE, clip_skip=1, guided=True, embeddings=embeddings
	)


def main() -> None:
	parser = argparse.ArgumentParser(description='Prompt encoding cost: ours against diffusers.')
	parser.add_argument('--repeats', type=int, default=5)
	parser.add_argument('--models', nargs='+', choices=['sd1', 'sdxl'], default=['sd1', 'sdxl'])
	args = parser.parse_args()
	repeats, architectures = int(args.repeats), [str(name) for name in args.models]
	for library in ('diffusers', 'transformers'):  # diffusers warns on every truncated prompt
		logging.getLogger(library).setLevel(logging.ERROR)
	print(f'torch {torch.__version__}, {torch.get_num_threads()} CPU threads, best of {repeats} (ms)')
	print(f'{"model":6} {"prompt":18} {"ours":>8} {"diffusers":>10} {"chunks":>7}')
	with tempfile.TemporaryDirectory() as temporary, torch.no_grad():
		for architecture in architectures:
			pipeline = real_shaped(architecture)
			best_ms((partial(ours, pipeline, SHORT, []), diffusers_call(pipeline, SHORT)), 2)  # page the weights in
			folder = Path(temporary) / architecture
			folder.mkdir()
			start = time.perf_counter()
			loaded = embedding_for(architecture, folder)
			load_ms = (time.perf_counter() - start) * 1000
			for label, prompt in PROMPTS.items():
				embeddings = loaded if label == 'with embedding' else []
				chunks = ours(pipeline, prompt, embeddings).prompt_embeds.shape[1] // 77
				mine, theirs = best_ms(
					(partial(ours, pipeline, prompt, embeddings), diffusers_call(pipeline, prompt)), repeats
				)
				print(f'{architecture:6} {label:18} {mine:8.1f} {theirs:10.1f} {chunks:7d}')
			print(f'{architecture:6} {"(load embedding)":18} {load_ms:8.1f}')


if __name__ == '__main__':
	main()
