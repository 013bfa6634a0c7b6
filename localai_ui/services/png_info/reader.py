"""PNG Info: which tool made an image and with what settings, whatever tool that was."""

from pathlib import Path

from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.a1111 import read_parameters
from localai_ui.services.png_info.comfyui import read_comfyui
from localai_ui.services.png_info.container import read_texts
from localai_ui.services.png_info.invokeai import read_invokeai
from localai_ui.services.png_info.novelai import is_novelai, read_novelai


def read_png_info(source: Path | bytes) -> PngInfo:
	"""Read the metadata of a PNG, JPEG or WEBP; source NONE when it carries none, UNKNOWN when no reader knows it.

	Raises InvalidRequestError when the data is not such an image or is over the size limit.
	"""
	texts = read_texts(source)
	if not texts:
		return PngInfo(MetadataSource.NONE, notes=('This file has no generation metadata.',))
	if is_novelai(texts):
		return read_novelai(texts)
	found = read_invokeai(texts) if 'invokeai_metadata' in texts or 'sd-metadata' in texts else None
	if found is None and ('prompt' in texts or 'workflow' in texts):
		found = read_comfyui(texts)
	if found is None and 'parameters' in texts:
		found = read_parameters(texts['parameters'], texts)
	if found is not None:
		return found
	note = 'No generation settings this app knows how to read; the text it carries is shown as is.'
	return PngInfo(MetadataSource.UNKNOWN, raw=tuple(texts.items()), notes=(note,))
