"""What the LoRAs tab and the API show of the LoRA library: cards, the details table, the API dict."""

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from localai_ui.cores.prompts.lora_tags import lora_tag
from localai_ui.features.library_views import Json, asset_dict, human_size
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.assets import Asset
from localai_ui.schemas.loras import LoraDetails

PLACEHOLDER_SIDE = 96
PLACEHOLDER_GREY = (128, 128, 136)
MAX_TRIGGER_WORDS = 12
Card = tuple[Image.Image, str]
LoraRecord = Asset[LoraDetails]


def card_caption(record: LoraRecord) -> str:
	"""The name (what the tag needs), and the status of one that cannot be used; the family is in the details."""
	return record.name if record.usable else f'{record.name} ({record.status})'


def cards(records: list[LoraRecord], preview_of: Callable[[LoraRecord], Path | None]) -> list[Card]:
	"""One card per LoRA: its preview picture (a plain tile without one) and its caption."""
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
	"""The details panel: family, trigger words, hashes and file, as a two-column table of plain text."""
	details = record.details
	words = list(details.trigger_words) if details else []
	shown = ', '.join(words[:MAX_TRIGGER_WORDS]) or '—'
	if len(words) > MAX_TRIGGER_WORDS:
		shown += f' (+{len(words) - MAX_TRIGGER_WORDS} more)'
	rows = [
		('Family', record.family.label),
		('Trigger words', shown),
		('Format', details.layout.value if details else '—'),
		('Rank', str(details.rank) if details and details.rank is not None else '—'),
		('AutoV2 hash', record.row.autov2 or '—'),
		('addnet hash', record.row.addnet_hash or '—'),
		('Size', human_size(record.row.size)),
		('File', record.relative_path),
	]
	if not record.usable:
		rows.append(('Problem', record.reason))
	lines = [f'| {key} | {plain(value)} |' for key, value in rows]
	return '\n'.join([f'| Name | {plain(record.name)} |', '|---|---|', *lines])


def lora_dict(record: LoraRecord) -> Json:
	"""A LoRA as the API returns it: plain JSON values only."""
	details = record.details
	return {
		**asset_dict(record),
		'architecture': record.family.value,
		'format': details.layout.value if details else None,
		'rank': details.rank if details else None,
		'trigger_words': list(details.trigger_words) if details else [],
		'addnet_hash': record.row.addnet_hash,
		'has_preview': record.row.preview_path is not None,
		'tag': lora_tag(record.name, 1.0),
	}
