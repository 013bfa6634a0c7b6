"""LoRAs: kohya and diffusers/peft `.safetensors` files; the name `<lora:name:w>` uses is the file's stem."""

from pathlib import Path, PurePosixPath

from localai_ui.library.kind import Inspection, KindSpec
from localai_ui.schemas.assets import AssetFormat, AssetKind
from localai_ui.schemas.loras import LoraDetails
from localai_ui.services.lora_files.inspect import inspect_lora


class LoraKind(KindSpec[LoraDetails]):
	kind = AssetKind.LORA
	noun = 'LoRA'
	folder_noun = 'LoRA folder'
	details_type = LoraDetails
	addnet_hash = True

	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[LoraDetails]:
		found = inspect_lora(path)
		return Inspection(found.family, found.details, found.metadata)

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		"""The file name without extension: what `<lora:name:weight>` says (folders are not part of it)."""
		return PurePosixPath(relative).stem

	def search_words(self, details: LoraDetails) -> tuple[str, ...]:
		return details.trigger_words
