"""What the LoRAs tab and the API show of the library: cards, details, the tag a click inserts into the prompt."""

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from localai_ui.features.models.presenter import human_size
from localai_ui.schemas.lora_library import LoraRecord

PLACEHOLDER_SIDE = 96
PLACEHOLDER_GREY = (128, 128, 136)
MAX_TRIGGER_WORDS = 12
Card = tuple[Image.Image, str]


def lora_tag(name: str, weight: float) -> str:
	"""A1111's tag for `name` at `weight` (1, 0.8, -1.5: no trailing zeros)."""
	return f'<lora:{name}:{round(weight, 2):g}>'


def insert_tag(prompt: str, name: str, weight: float) -> str:
	"""The prompt with the LoRA's tag appended (A1111 does the same when a card is clicked)."""
	text = prompt.rstrip()
	return f'{text} {lora_tag(name, weight)}' if text else lora_tag(name, weight)


def card_caption(record: LoraRecord) -> str:
	state = '' if record.status == 'ok' else f' ({record.status})'
	return f'{record.name} · {record.base.label}{state}'


def cards(records: list[LoraRecord], preview_of: Callable[[LoraRecord], Path | None]) -> list[Card]:
	"""One card per LoRA: its preview picture (a plain tile without one) and its name and architecture."""
	found: list[Card] = []
	for record in records:
		path = preview_of(record)
		image = None
		if path is not None:
			try:
				with Image.open(path) as opened:
					image = opened.convert('RGB')
			except (OSError, ValueError):
				image = None
		found.append(
			(image or Image.new('RGB', (PLACEHOLDER_SIDE, PLACEHOLDER_SIDE), PLACEHOLDER_GREY), card_caption(record))
		)
	return found


def details_markdown(record: LoraRecord) -> str:
	"""The details panel: architecture, trigger words, hashes and file, as a table."""
	words = ', '.join(record.trigger_words[:MAX_TRIGGER_WORDS]) or '—'
	if len(record.trigger_words) > MAX_TRIGGER_WORDS:
		words += f' (+{len(record.trigger_words) - MAX_TRIGGER_WORDS} more)'
	rows = [
		('Name', record.name),
		('Architecture', record.base.label),
		('Trigger words', words),
		('Format', record.layout.value if record.layout else '—'),
		('Rank', str(record.rank) if record.rank is not None else '—'),
		('AutoV2 hash', record.autov2 or '—'),
		('addnet hash', record.addnet_hash or '—'),
		('Size', human_size(record.size)),
		('File', f'`{record.relative_path}`'),
	]
	if record.status != 'ok':
		rows.append(('Problem', record.problem or record.status))
	lines = [f'| {key} | {value.replace("|", "/")} |' for key, value in rows]
	return '\n'.join(['| | |', '|---|---|', *lines])


def lora_dict(record: LoraRecord) -> dict[str, object]:
	"""A LoRA as the API returns it: plain JSON values only."""
	return {
		'name': record.name,
		'file': record.relative_path,
		'status': record.status,
		'problem': record.problem,
		'architecture': record.base.value,
		'format': record.layout.value if record.layout else None,
		'rank': record.rank,
		'trigger_words': list(record.trigger_words),
		'size': record.size,
		'hash': record.autov2,
		'sha256': record.sha256,
		'addnet_hash': record.addnet_hash,
		'has_preview': record.preview_path is not None,
		'tag': lora_tag(record.name, 1.0),
		'metadata': dict(record.metadata),
	}
