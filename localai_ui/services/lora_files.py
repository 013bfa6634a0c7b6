"""Inspecting a LoRA file from its safetensors header alone (no tensor is loaded), with its A1111 hashes.

The header checks (empty, truncated, not JSON, offsets past the end, pickle) are the shared ones of
`safetensors_header.read_header`; their `ModelFileError` is re-raised as `LoraFileError` with the same message.
"""

import hashlib
from pathlib import Path

from localai_ui.schemas.loras import LoraFileError, LoraFileInfo
from localai_ui.services import lora_keys
from localai_ui.services.hashing import CHUNK_BYTES, autov2
from localai_ui.services.model_files_errors import ModelFileError
from localai_ui.services.safetensors_header import read_header

ADDNET_DIGITS = 12
_LENGTH_BYTES = 8


def inspect_lora(path: Path, name: str | None = None) -> LoraFileInfo:
	"""What `path` holds; LoraFileError names the file and why it cannot be used as a LoRA."""
	try:
		header = read_header(path)
	except ModelFileError as error:
		raise LoraFileError(str(error)) from error
	shapes = {key: entry.shape for key, entry in header.tensors.items()}
	try:
		layout = lora_keys.detect_layout(shapes)
	except ValueError as error:
		raise LoraFileError(f'{path.name}: not a LoRA this app can load: {error}') from error
	sha256, addnet = lora_hashes(path)
	return LoraFileInfo(
		name=name or path.stem,
		path=path,
		size=header.file_size,
		layout=layout,
		base=lora_keys.detect_base(shapes, header.metadata),
		cross_attention_dim=lora_keys.cross_attention_dim(shapes),
		rank=lora_keys.rank(shapes),
		trigger_words=lora_keys.trigger_words(header.metadata),
		metadata=dict(header.metadata),
		sha256=sha256,
		autov2=autov2(sha256),
		addnet_hash=addnet,
		text_encoder_keys=lora_keys.has_text_encoder(shapes),
	)


def lora_hashes(path: Path) -> tuple[str, str]:
	"""The file's full sha256 and the kohya "addnet" hash (sha256 of the bytes after the header, 12 hex), one pass."""
	whole, data = hashlib.sha256(), hashlib.sha256()
	try:
		with path.open('rb') as file:
			length_bytes = file.read(_LENGTH_BYTES)
			whole.update(length_bytes)
			header_left = int.from_bytes(length_bytes, 'little')
			while chunk := file.read(CHUNK_BYTES):
				whole.update(chunk)
				skip = min(header_left, len(chunk))
				header_left -= skip
				data.update(chunk[skip:])
	except OSError as error:
		raise LoraFileError(f'{path.name}: cannot read the file: {error.strerror or error}') from error
	return whole.hexdigest(), data.hexdigest()[:ADDNET_DIGITS]
