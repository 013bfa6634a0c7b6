"""A PngInfo as the PNG Info panel shows it and as the API returns it."""

from dataclasses import asdict

from localai_ui.features.history.fact_table import facts_html
from localai_ui.schemas.png_info import MetadataSource, PngInfo

RAW_CHARS = 4000
NO_METADATA = 'This file has no generation metadata.'


def info_dict(info: PngInfo) -> dict[str, object]:
	return {
		'source': info.source.value,
		'prompt': info.prompt,
		'negative_prompt': info.negative_prompt,
		'parameters': dict(info.params),
		'settings': asdict(info.settings) if info.settings is not None else None,
		'notes': list(info.notes),
		'raw': {key: value[:RAW_CHARS] for key, value in info.raw},
	}


def info_html(info: PngInfo) -> str:
	"""Who made the file and its parameters, each value as written; the prompts are shown apart, as plain text."""
	if info.source is MetadataSource.NONE:
		return facts_html((), NO_METADATA)
	rows = [('Made with', info.source.value), *info.params, *(('Note', note) for note in info.notes)]
	return facts_html(rows)
