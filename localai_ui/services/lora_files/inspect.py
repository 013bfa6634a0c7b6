"""Inspecting a LoRA file from its safetensors header alone (no tensor is loaded).

The header checks (empty, truncated, not JSON, offsets past the end, pickle) are the shared ones of
`safetensors.header.read_header`; their error is re-raised as `LoraFileError` with the same message.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.loras import LoraDetails, LoraFileError
from localai_ui.services.lora_files import keys as lora_keys
from localai_ui.services.safetensors.header import read_header


@dataclass(frozen=True)
class InspectedLora:
	"""A LoRA file's family, what the library keeps of it, and its safetensors metadata (kohya's ss_* keys)."""

	family: Family
	details: LoraDetails
	metadata: Mapping[str, str]


def inspect_lora(path: Path) -> InspectedLora:
	"""What `path` holds; LoraFileError names the file and why it cannot be used as a LoRA."""
	try:
		header = read_header(path)
	except LocalAIError as error:
		raise LoraFileError(str(error)) from error
	shapes = {key: entry.shape for key, entry in header.tensors.items()}
	try:
		layout = lora_keys.detect_layout(shapes)
	except ValueError as error:
		raise LoraFileError(f'{path.name}: not a LoRA this app can load: {error}') from error
	details = LoraDetails(
		layout=layout,
		cross_attention_dim=lora_keys.cross_attention_dim(shapes),
		rank=lora_keys.rank(shapes),
		trigger_words=lora_keys.trigger_words(header.metadata),
		text_encoder_keys=lora_keys.has_text_encoder(shapes),
	)
	return InspectedLora(lora_keys.detect_family(shapes, header.metadata), details, dict(header.metadata))
