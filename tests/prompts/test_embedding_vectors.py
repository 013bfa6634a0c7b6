"""Textual inversion vectors go where the embedding's name stands, for SD1.x and SDXL, and leave no trace."""

from pathlib import Path

import torch
from diffusers import StableDiffusionXLPipeline

from localai_ui.cores.loading.loader import TextToImagePipeline
from localai_ui.cores.prompts.conditioning import Conditioning, encode_conditioning
from localai_ui.services.embedding_files.load import LoadedEmbedding, load_embedding
from tests.prompts.helpers import embedding_info, realistic_sd1, token_id, write_embedding
from tests.tiny_models import build_sdxl


def encode(pipeline: TextToImagePipeline, prompt: str, embeddings: list[LoadedEmbedding]) -> Conditioning:
	return encode_conditioning(
		pipeline, prompt=prompt, negative_prompt=prompt, clip_skip=1, guided=True, embeddings=embeddings
	)


def rows(encoder: torch.nn.Module, text: str) -> torch.Tensor:
	"""The token embedding of each one-character word of `text`, as an embedding file would hold them."""
	table = encoder.get_submodule('embeddings.token_embedding')
	assert isinstance(table, torch.nn.Embedding)
	return table.weight.detach()[[token_id(char) for char in text]].clone()


def saved(path: Path, tensors: dict[str, torch.Tensor]) -> LoadedEmbedding:
	return load_embedding(embedding_info(write_embedding(path, tensors)))


def test_an_sd1_embedding_stands_for_its_vectors_in_prompt_and_negative(tmp_path: Path) -> None:
	pipeline = realistic_sd1()
	before = {name: tensor.clone() for name, tensor in pipeline.text_encoder.state_dict().items()}
	plain_before = encode(pipeline, 'a (style:1.2), b', []).prompt_embeds
	style = saved(tmp_path / 'style.safetensors', {'emb_params': rows(pipeline.text_encoder, 'qz')})
	with_embedding = encode(pipeline, 'a (style:1.2), b', [style])
	spelled_out = encode(pipeline, 'a (q z:1.2), b', [])
	assert torch.allclose(with_embedding.prompt_embeds, spelled_out.prompt_embeds, atol=1e-6)
	assert with_embedding.negative_prompt_embeds is not None and spelled_out.negative_prompt_embeds is not None
	assert torch.allclose(with_embedding.negative_prompt_embeds, spelled_out.negative_prompt_embeds, atol=1e-6)
	plain_after = encode(pipeline, 'a (style:1.2), b', []).prompt_embeds
	assert not torch.allclose(with_embedding.prompt_embeds, plain_after)
	assert torch.equal(plain_before, plain_after)  # no hook or token left behind
	after = pipeline.text_encoder.state_dict()
	assert all(torch.equal(before[name], after[name]) for name in before)


def test_an_sdxl_embedding_feeds_each_encoder_its_own_vectors(tmp_path: Path) -> None:
	pipeline = build_sdxl()
	tensors = {'clip_l': rows(pipeline.text_encoder, 'q'), 'clip_g': rows(pipeline.text_encoder_2.text_model, 'z')}
	both = saved(tmp_path / 'xl.safetensors', tensors)
	ours = encode(pipeline, 'a xl', [both])
	first, second = encode(pipeline, 'a q', []), encode(pipeline, 'a z', [])
	assert torch.allclose(ours.prompt_embeds[..., :32], first.prompt_embeds[..., :32], atol=1e-6)
	assert torch.allclose(ours.prompt_embeds[..., 32:], second.prompt_embeds[..., 32:], atol=1e-6)
	assert ours.pooled_prompt_embeds is not None and second.pooled_prompt_embeds is not None
	assert torch.allclose(ours.pooled_prompt_embeds, second.pooled_prompt_embeds, atol=1e-6)


def test_an_embedding_for_another_architecture_stays_plain_text(tmp_path: Path) -> None:
	pipeline: StableDiffusionXLPipeline = build_sdxl()
	sd1_style = saved(tmp_path / 'style.safetensors', {'emb_params': torch.ones(2, 32)})
	assert torch.equal(
		encode(pipeline, 'style', [sd1_style]).prompt_embeds, encode(pipeline, 'style', []).prompt_embeds
	)
