"""A1111's LoRA tags in a prompt: `<lora:name>`, `<lora:name:w>`, `<lora:name:te:unet>`; `<lyco:...>` is the same.

Weights as A1111 reads them: one number scales both the text encoder and the UNet; with two, the first is the text
encoder's and the second the UNet's (`weight`). Named `te=` and `unet=` work too; `dyn=` is accepted and ignored.
The tags are cut out before encoding; commas and spaces they leave doubled are tidied, nothing else is touched.
"""

import math
import re
from collections.abc import Sequence

from localai_ui.schemas.loras import LoraTag, LoraTagError

MAX_WEIGHT = 10.0
_TAG = re.compile(r'<(lora|lyco):([^>]*)>', re.IGNORECASE)
_DOUBLED_COMMAS = re.compile(r',(?:[ \t]*,)+')
_SPACE_BEFORE_COMMA = re.compile(r'[ \t]+,')
_DOUBLED_SPACES = re.compile(r'[ \t]{2,}')
_FORBIDDEN_NAME = re.compile(r'[/\\]|^\.|\x00')


def extract_lora_tags(prompt: str) -> tuple[str, tuple[LoraTag, ...]]:
	"""The prompt without its LoRA tags, and the tags in the order they appear; LoraTagError names a bad tag."""
	tags = tuple(_parse(match.group(0), match.group(2)) for match in _TAG.finditer(prompt))
	if not tags:
		return prompt, ()
	text = _TAG.sub('', prompt)
	text = _DOUBLED_COMMAS.sub(',', text)
	text = _SPACE_BEFORE_COMMA.sub(',', text)
	text = _DOUBLED_SPACES.sub(' ', text)
	return text.strip(' \t\r\n,'), tags


def combine_loras(picked: Sequence[LoraTag], from_prompt: Sequence[LoraTag]) -> tuple[LoraTag, ...]:
	"""Picked LoRAs, then prompt tags; a name given twice keeps its first place and takes the later weights."""
	combined: dict[str, LoraTag] = {}
	for tag in (*picked, *from_prompt):
		combined[tag.name] = tag
	return tuple(combined.values())


def _parse(text: str, body: str) -> LoraTag:
	name, *args = (part.strip() for part in body.split(':'))
	if not name:
		raise LoraTagError(f'{text}: the tag has no LoRA name; write <lora:name:weight>')
	if _FORBIDDEN_NAME.search(name) or '..' in name:
		raise LoraTagError(f'{text}: a LoRA name cannot be a path; use the name shown in the LoRAs tab')
	named = {key.strip().casefold(): value for key, _, value in (arg.partition('=') for arg in args if '=' in arg)}
	positional = [arg for arg in args if '=' not in arg]
	if len(positional) > 3:
		raise LoraTagError(f'{text}: too many values; write <lora:name:weight> or <lora:name:te_weight:unet_weight>')
	te = _weight(text, named.get('te', positional[0] if positional else '1'))
	unet = _weight(text, named.get('unet', positional[1] if len(positional) > 1 else str(te)))
	return LoraTag(name, unet, te if te != unet else None)


def _weight(text: str, value: str) -> float:
	try:
		weight = float(value)
	except ValueError:
		raise LoraTagError(f'{text}: {value!r} is not a weight; write a number such as 0.8') from None
	if not math.isfinite(weight) or abs(weight) > MAX_WEIGHT:
		raise LoraTagError(
			f'{text}: weight {value} is out of range; use a number between -{MAX_WEIGHT} and {MAX_WEIGHT}'
		)
	return weight


def lora_tag(name: str, weight: float) -> str:
	"""A1111's tag for `name` at `weight` (1, 0.8, -1.5: no trailing zeros)."""
	return f'<lora:{name}:{round(weight, 2):g}>'


def insert_lora_tag(prompt: str, name: str, weight: float) -> str:
	"""The prompt with the LoRA's tag: a tag already there for that name gets the new weight, else one is appended."""
	tag = lora_tag(name, weight)
	own = re.compile(rf'<(?:lora|lyco):{re.escape(name)}(?::[^>]*)?>', re.IGNORECASE)
	if own.search(prompt):
		return own.sub(lambda _: tag, prompt, count=1)
	text = prompt.rstrip()
	return f'{text} {tag}' if text else tag


def insert_words(prompt: str, words: Sequence[str]) -> str:
	"""The prompt with each of `words` not in it yet appended after a comma (trigger words, an embedding)."""
	text = prompt.rstrip()
	for word in words:
		if word and not re.search(rf'(?<!\w){re.escape(word)}(?!\w)', text, re.IGNORECASE):
			text = f'{text}, {word}' if text else word
	return text
