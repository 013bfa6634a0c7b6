"""Which files are upscalers, by suffix (read without torch, as a folder is listed)."""

from pathlib import Path

from localai_ui.schemas.upscalers import UpscalerFileError, UpscalerFormat

UPSCALER_SUFFIXES: dict[str, UpscalerFormat] = {'.safetensors': 'safetensors', '.pth': 'pth', '.pt': 'pth'}


def upscaler_format(path: Path) -> UpscalerFormat:
	"""The format an upscaler file's suffix says; any other suffix is refused."""
	kind = UPSCALER_SUFFIXES.get(path.suffix.lower())
	if kind is None:
		raise UpscalerFileError(f'{path.name}: not an upscaler file; upscalers are .safetensors, .pth or .pt files')
	return kind
