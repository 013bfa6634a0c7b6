"""Base model from metadata or shapes, and trigger words from kohya's tag counts."""

import json

import pytest

from localai_ui.schemas.assets import Family
from localai_ui.services.lora_files.keys import Shapes, detect_family, rank, trigger_words

TO_K = 'lora_unet_down_blocks_1_attentions_0_transformer_blocks_0_attn2_to_k.lora_down.weight'


@pytest.mark.parametrize(
	('shapes', 'metadata', 'base'),
	[
		({TO_K: (8, 768)}, {}, Family.SD1),
		({TO_K: (8, 1024)}, {}, Family.SD2),
		({TO_K: (8, 2048)}, {}, Family.SDXL),
		({TO_K: (8, 300)}, {}, Family.UNKNOWN),
		({'lora_te1_x.lora_down.weight': (8, 768)}, {}, Family.UNKNOWN),
		({'lora_te2_x.lora_down.weight': (8, 1280)}, {}, Family.SDXL),
		({TO_K: (8, 768)}, {'ss_base_model_version': 'sdxl_base_v1-0'}, Family.SDXL),
		({TO_K: (8, 768)}, {'ss_v2': 'True'}, Family.SD2),
		({TO_K: (8, 768)}, {'ss_base_model_version': 'sd_v2_768_v'}, Family.SD2),
		({}, {'modelspec.architecture': 'stable-diffusion-v1/lora'}, Family.SD1),
		({}, {'modelspec.architecture': 'stable-diffusion-xl-v1-base/lora'}, Family.SDXL),
	],
)
def test_base_model(shapes: Shapes, metadata: dict[str, str], base: Family) -> None:
	assert detect_family(shapes, metadata) is base


def test_rank_is_the_largest_down_matrix() -> None:
	assert rank({TO_K: (8, 768), 'lora_unet_b.lora_down.weight': (16, 320), 'lora_unet_b.alpha': ()}) == 16
	assert rank({'lora_unet_b.alpha': ()}) is None


def test_trigger_words_merge_datasets_most_frequent_first() -> None:
	tags = {'10_ink': {'ink': 2, 'cat': 7, ' ': 9}, '5_more': {'ink ': 6, 'odd': 'x', 'flag': True}}
	assert trigger_words({'ss_tag_frequency': json.dumps(tags)}) == ('ink', 'cat')


@pytest.mark.parametrize('value', ['not json', '[1, 2]', '{"a": [1]}'])
def test_unreadable_tag_counts_give_no_trigger_words(value: str) -> None:
	assert trigger_words({'ss_tag_frequency': value}) == ()
