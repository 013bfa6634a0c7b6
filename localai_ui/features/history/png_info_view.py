"""A PngInfo as the PNG Info panel shows it and as the API returns it."""

from dataclasses import asdict

from localai_ui.schemas.png_info import MetadataSource, PngInfo

RAW_CHARS = 4000


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


def info_markdown(info: PngInfo) -> str:
	if info.source is MetadataSource.NONE:
		return '**This file has no generation metadata.**'
	lines = [f'**Made with:** {info.source.value}']
	if info.prompt:
		lines.append(f'**Prompt:** {info.prompt}')
	if info.negative_prompt:
		lines.append(f'**Negative prompt:** {info.negative_prompt}')
	lines.extend(f'**{key}:** {value}' for key, value in info.params)
	lines.extend(f'_{note}_' for note in info.notes)
	return '\n\n'.join(lines)
