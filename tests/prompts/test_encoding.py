"""Prompt embeddings on the tiny pipelines: equal to diffusers' where A1111 agrees, weighted, chunked, clip skip."""

import pytest
import torch
from diffusers import StableDiffusionPipeline, StableDiffusionXLPipeline

from localai_ui.cores.loading.loader import TextToImagePipeline
from localai_ui.cores.prompts.conditioning import Conditioning, encode_conditioning
from localai_ui.cores.prompts.vocabulary import ClipVocabulary
from localai_ui.schemas.prompts import ClipSkipError
from tests.prompts.helpers import realistic_sd1
from tests.tiny_models import build_sdxl


@pytest.fixture(scope='module')
def sd1() -> StableDiffusionPipeline:
	return realistic_sd1()


@pytest.fixture(scope='module')
def sdxl() -> StableDiffusionXLPipeline:
	return build_sdxl()


@pytest.fixture(scope='module', params=['sd1', 'sdxl'])
def either(
	request: pytest.FixtureRequest, sd1: StableDiffusionPipeline, sdxl: StableDiffusionXLPipeline
) -> TextToImagePipeline:
	return sd1 if request.param == 'sd1' else sdxl


def encode(
	pipeline: TextToImagePipeline, prompt: str, negative: str = '', clip_skip: int = 1, guided: bool = True
) -> Conditioning:
	return encode_conditioning(pipeline, prompt=prompt, negative_prompt=negative, clip_skip=clip_skip, guided=guided)


def test_sd1_matches_diffusers_for_a_plain_prompt(sd1: StableDiffusionPipeline) -> None:
	ours = encode(sd1, 'a red apple', 'blurry')
	theirs, negative = sd1.encode_prompt('a red apple', torch.device('cpu'), 1, True, negative_prompt='blurry')
	assert torch.equal(ours.prompt_embeds, theirs)
	assert ours.negative_prompt_embeds is not None and negative is not None
	assert torch.equal(ours.negative_prompt_embeds, negative)
	assert ours.pooled_kwargs() == {}


def test_sdxl_matches_diffusers_with_pooled_output_of_the_second_encoder(sdxl: StableDiffusionXLPipeline) -> None:
	ours = encode(sdxl, 'a red apple', 'blurry')
	embeds, negative, pooled, negative_pooled = sdxl.encode_prompt('a red apple', negative_prompt='blurry')
	assert ours.prompt_embeds.shape == (1, 77, 64)
	for mine, reference in [
		(ours.prompt_embeds, embeds),
		(ours.negative_prompt_embeds, negative),
		(ours.pooled_prompt_embeds, pooled),
		(ours.negative_pooled_prompt_embeds, negative_pooled),
	]:
		assert mine is not None and reference is not None and torch.equal(mine, reference)


def test_sdxl_empty_negative_is_zeros_as_in_a1111_and_diffusers(sdxl: StableDiffusionXLPipeline) -> None:
	ours = encode(sdxl, 'x' * 100)
	assert ours.negative_prompt_embeds is not None and ours.negative_pooled_prompt_embeds is not None
	assert ours.negative_prompt_embeds.shape == (1, 154, 64) and not ours.negative_prompt_embeds.any()
	assert not ours.negative_pooled_prompt_embeds.any()


def test_without_guidance_no_negative_is_encoded(either: TextToImagePipeline) -> None:
	ours = encode(either, 'a red apple', 'blurry', guided=False)
	assert ours.negative_prompt_embeds is None and ours.negative_pooled_prompt_embeds is None


def test_clip_skip_2_reads_the_normalised_penultimate_layer_on_sd1(sd1: StableDiffusionPipeline) -> None:
	text = ClipVocabulary(sd1.tokenizer).encode(['a red apple'])[0]
	ids = torch.tensor([[512, *text, *[513] * (76 - len(text))]])
	with torch.no_grad():
		states = sd1.text_encoder(ids, output_hidden_states=True).hidden_states
		expected = sd1.text_encoder.final_layer_norm(states[-2])
	skipped = encode(sd1, 'a red apple', clip_skip=2).prompt_embeds
	assert torch.allclose(skipped, expected)
	assert not torch.allclose(skipped, encode(sd1, 'a red apple').prompt_embeds)


def test_sdxl_reads_the_penultimate_layer_for_clip_skip_1_and_2(sdxl: StableDiffusionXLPipeline) -> None:
	assert torch.equal(encode(sdxl, 'apple', clip_skip=2).prompt_embeds, encode(sdxl, 'apple').prompt_embeds)


def test_clip_skip_deeper_than_the_encoder_is_a_clear_error(either: TextToImagePipeline) -> None:
	with pytest.raises(ClipSkipError, match='clip skip 3 is deeper than this text encoder'):
		encode(either, 'apple', clip_skip=3)


def test_a_weight_scales_its_token_then_the_mean_is_restored(sd1: StableDiffusionPipeline) -> None:
	plain = encode(sd1, 'a b c').prompt_embeds[0]
	weighted = encode(sd1, 'a (b:1.5) c').prompt_embeds[0]
	ratio = weighted / plain
	restore = ratio[1].mean()
	assert torch.allclose(ratio[1], restore) and torch.allclose(ratio[3], restore)  # 'a' and 'c' scaled alike
	assert torch.allclose(ratio[2], 1.5 * restore)
	assert torch.allclose(weighted.mean(), plain.mean())
	lowered = encode(sd1, 'a [b] c').prompt_embeds[0] / plain
	assert torch.allclose(lowered[2], lowered[1].mean() / 1.1)


def test_long_prompts_are_chunked_and_the_negative_is_padded(sd1: StableDiffusionPipeline) -> None:
	prompt = 'x' * 99
	ours = encode(sd1, prompt + 'y', 'blurry')
	assert ours.prompt_embeds.shape == (1, 154, 32)
	assert ours.negative_prompt_embeds is not None and ours.negative_prompt_embeds.shape == (1, 154, 32)
	empty = encode(sd1, '').prompt_embeds
	assert torch.equal(ours.negative_prompt_embeds[:, 77:], empty)  # padded with the empty prompt's chunk
	other = encode(sd1, prompt + 'z').prompt_embeds
	assert torch.equal(other[:, :77], ours.prompt_embeds[:, :77])
	assert not torch.allclose(other[:, 77:], ours.prompt_embeds[:, 77:])  # token 100 matters


def test_sdxl_pooled_output_comes_from_the_first_chunk(sdxl: StableDiffusionXLPipeline) -> None:
	first, second = encode(sdxl, 'x' * 99 + 'y'), encode(sdxl, 'x' * 99 + 'z')
	assert first.prompt_embeds.shape == (1, 154, 64)
	assert first.pooled_prompt_embeds is not None and second.pooled_prompt_embeds is not None
	assert torch.equal(first.pooled_prompt_embeds, second.pooled_prompt_embeds)
	assert not torch.equal(first.prompt_embeds, second.prompt_embeds)


def test_break_gives_a_second_chunk(sd1: StableDiffusionPipeline) -> None:
	assert encode(sd1, 'a BREAK b').prompt_embeds.shape == (1, 154, 32)
