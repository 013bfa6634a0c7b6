"""Typed errors about model files and the paths users give; each message names the file and the reason."""

from localai_ui.schemas.errors import LocalAIError


class ModelFileError(LocalAIError):
	"""A file that cannot be loaded as a model: empty, truncated, not safetensors, a Git LFS pointer..."""


class PickleRefusedError(ModelFileError):
	"""A pickle checkpoint (.ckpt, .pt, .bin, or such content): loading it could run code, so it is never opened."""


class UnsupportedModelError(ModelFileError):
	"""A valid file of an architecture this app does not run (yet)."""


class UnsafePathError(LocalAIError):
	"""A path a user gave leaves the configured folders (`..`, absolute, or a symlink pointing outside)."""


class DownloadError(LocalAIError):
	"""A download failed, was refused, or its checksum did not match."""


class DownloadCancelledError(DownloadError):
	"""The user cancelled the download."""


def pickle_message(name: str) -> str:
	return (
		f'{name}: pickle checkpoints (.ckpt, .pt, .pth, .bin) can run code when loaded, so they are never opened; '
		'convert it to .safetensors with a trusted tool in a sandbox, or download the .safetensors version'
	)
