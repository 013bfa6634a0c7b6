"""A1111 LoRA tags are cut from the prompt with their weights; bad ones are refused naming the tag."""

from pathlib import Path

import pytest

from localai_ui.cores.prompts.lora_tags import combine_loras, extract_lora_tags
from localai_ui.schemas.loras import LoraSpec, LoraTag, LoraTagError, lora_hashes_infotext


@pytest.mark.parametrize(
	('prompt', 'text', 'tags'),
	[
		('a cat, <lora:ink:0.8>, at dusk', 'a cat, at dusk', (LoraTag('ink', 0.8),)),
		('<lora:ink> a cat', 'a cat', (LoraTag('ink', 1.0),)),
		('a cat <LORA:ink:-1.5>', 'a cat', (LoraTag('ink', -1.5),)),
		('a cat,<lyco:hatch:0.5>', 'a cat', (LoraTag('hatch', 0.5),)),
		('a cat <lora:ink:0.5:0.9>', 'a cat', (LoraTag('ink', 0.9, te_weight=0.5),)),
		('a cat <lora:ink:1:1:4>', 'a cat', (LoraTag('ink', 1.0),)),
		('a cat <lora:ink:unet=0.3:te=0.6>', 'a cat', (LoraTag('ink', 0.3, te_weight=0.6),)),
		('a cat <lora:ink:te=0.6>', 'a cat', (LoraTag('ink', 0.6),)),
		('(a cat:1.2), <lora:my style v2:.7>\n', '(a cat:1.2)', (LoraTag('my style v2', 0.7),)),
		('a, <lora:x:1>  ,  <lora:y:0.5>, b', 'a, b', (LoraTag('x', 1.0), LoraTag('y', 0.5))),
	],
)
def test_tags_are_cut_out_with_their_weights(prompt: str, text: str, tags: tuple[LoraTag, ...]) -> None:
	assert extract_lora_tags(prompt) == (text, tags)


def test_a_prompt_without_tags_is_left_exactly_as_written() -> None:
	prompt = ' a  cat , (at dusk:1.1) <hypernet:x:1>, '
	assert extract_lora_tags(prompt) == (prompt, ())


@pytest.mark.parametrize(
	('tag', 'reason'),
	[
		('<lora:ink:abc>', "'abc' is not a weight"),
		('<lora:ink:nan>', 'out of range'),
		('<lora:ink:11>', 'out of range'),
		('<lora:ink:te=x>', "'x' is not a weight"),
		('<lora::1>', 'no LoRA name'),
		('<lora:ink:1:2:3:4>', 'too many values'),
		('<lora:../secrets:1>', 'cannot be a path'),
		('<lora:sub/ink:1>', 'cannot be a path'),
		('<lora:C:\\loras\\ink:1>', 'not a weight'),
		('<lora:.hidden:1>', 'cannot be a path'),
	],
)
def test_bad_tags_are_refused_naming_the_tag(tag: str, reason: str) -> None:
	with pytest.raises(LoraTagError) as caught:
		extract_lora_tags(f'a cat, {tag}')
	assert tag in str(caught.value) and reason in str(caught.value)


def test_picked_and_prompt_loras_combine_and_a_repeated_name_takes_the_later_weight() -> None:
	picked = (LoraTag('ink', 0.5), LoraTag('hatch', 1.0))
	from_prompt = (LoraTag('glow', 0.3), LoraTag('ink', 0.9))
	assert combine_loras(picked, from_prompt) == (LoraTag('ink', 0.9), LoraTag('hatch', 1.0), LoraTag('glow', 0.3))


def test_lora_hashes_read_as_a1111_writes_them(tmp_path: Path) -> None:
	specs = (
		LoraSpec('ink', tmp_path / 'ink.safetensors', 0.8, 'a1b2c3d4e5f6'),
		LoraSpec('glow', tmp_path, 1, 'ffffff000000'),
	)
	assert lora_hashes_infotext(specs) == 'ink: a1b2c3d4e5f6, glow: ffffff000000'
