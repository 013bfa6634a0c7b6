"""What a LoRA's tensor names, shapes and kohya metadata say: key layout, base model, rank, trigger words."""

import json
from collections import Counter
from collections.abc import Mapping
from typing import cast

from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraLayout

Shapes = Mapping[str, tuple[int, ...]]

KOHYA_PREFIXES = ('lora_unet_', 'lora_te_', 'lora_te1_', 'lora_te2_')
LDM_BLOCKS = ('lora_unet_input_blocks_', 'lora_unet_middle_block_', 'lora_unet_output_blocks_')
PEFT_PREFIXES = ('unet.', 'text_encoder.', 'text_encoder_2.')
KOHYA_SUFFIXES = ('.lora_down.weight', '.lora_up.weight', '.alpha', '.dora_scale')
DOWN_SUFFIXES = ('lora_down.weight', 'lora_A.weight', 'lora.down.weight')
CROSS_ATTENTION_FAMILIES = {768: Family.SD1, 1024: Family.SD2, 2048: Family.SDXL}


def detect_layout(shapes: Shapes) -> LoraLayout:
	"""The key layout; ValueError says why a file is not a LoRA diffusers can load for SD1.x/SDXL."""
	names = list(shapes)
	if all(name.startswith(KOHYA_PREFIXES) for name in names):
		foreign = next((name for name in names if not name.endswith(KOHYA_SUFFIXES)), None)
		if foreign is not None:
			kind = 'LoHa/LoKr' if '.hada_' in foreign or '.lokr_' in foreign else 'this LyCORIS'
			raise ValueError(f'{kind} tensor {foreign!r} is not supported by diffusers; only LoRA/LoCon/DoRA load')
		return LoraLayout.KOHYA_LDM if any(name.startswith(LDM_BLOCKS) for name in names) else LoraLayout.KOHYA
	if all(name.startswith(PEFT_PREFIXES) and 'lora' in name for name in names):
		return LoraLayout.PEFT
	odd = next(name for name in names if not name.startswith((*KOHYA_PREFIXES, *PEFT_PREFIXES)) or 'lora' not in name)
	raise ValueError(f'tensor {odd!r} is neither kohya (lora_unet_..., lora_te_...) nor diffusers (unet....lora_A)')


def cross_attention_dim(shapes: Shapes) -> int | None:
	"""The text-embedding width the LoRA's attn2 to_k was trained for (the second dimension of its down matrix)."""
	for name, shape in shapes.items():
		if 'attn2' in name and 'to_k' in name and name.endswith(DOWN_SUFFIXES) and len(shape) == 2:
			return shape[1]
	return None


def rank(shapes: Shapes) -> int | None:
	"""The largest rank of the file's down matrices (kohya's network_dim)."""
	ranks = [shape[0] for name, shape in shapes.items() if name.endswith(DOWN_SUFFIXES) and shape]
	return max(ranks, default=None)


def has_text_encoder(shapes: Shapes) -> bool:
	return any(name.startswith(('lora_te', 'text_encoder')) for name in shapes)


def detect_family(shapes: Shapes, metadata: Mapping[str, str]) -> Family:
	"""From kohya's `ss_base_model_version` (or `modelspec.architecture`), else from the shapes."""
	declared = _declared_family(metadata)
	if declared is not None:
		return declared
	if any(name.startswith(('lora_te2_', 'text_encoder_2.')) for name in shapes):
		return Family.SDXL
	width = cross_attention_dim(shapes)
	return CROSS_ATTENTION_FAMILIES.get(width, Family.UNKNOWN) if width is not None else Family.UNKNOWN


def _declared_family(metadata: Mapping[str, str]) -> Family | None:
	version = metadata.get('ss_base_model_version', '') or metadata.get('modelspec.architecture', '')
	version = version.casefold()
	if 'xl' in version:
		return Family.SDXL
	if 'v2' in version or metadata.get('ss_v2', '').casefold() == 'true':
		return Family.SD2
	if 'v1' in version:
		return Family.SD1
	return None


def trigger_words(metadata: Mapping[str, str]) -> tuple[str, ...]:
	"""Tags from kohya's `ss_tag_frequency` ({dataset: {tag: count}}), counts merged, most frequent first.

	Ties keep the order the tags first appear in; a missing or unreadable value gives no words.
	"""
	try:
		value: object = json.loads(metadata.get('ss_tag_frequency', '{}'))
	except ValueError:
		return ()
	counts: Counter[str] = Counter()
	for dataset in _items(value):
		for tag, count in _items(dataset[1]):
			word = tag.strip()
			if word and isinstance(count, int | float) and not isinstance(count, bool):
				counts[word] += int(count)
	return tuple(word for word, _ in counts.most_common())


def _items(value: object) -> list[tuple[str, object]]:
	if not isinstance(value, dict):
		return []
	return [(str(key), item) for key, item in cast(dict[object, object], value).items()]
