"""The LoRAs a request names (`<lora:name:weight>` in its prompts), resolved to files and checked before the run."""

from localai_ui.cores.loras.compatibility import check_architecture
from localai_ui.cores.loras.prompt_tags import combine_loras, extract_lora_tags
from localai_ui.features.loras.library import LoraLibrary
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.loras import LoraSpec
from localai_ui.schemas.models import ModelInfo


class LibraryLoras:
	"""Resolves prompt tags through the library; a bad tag, an unknown LoRA or one for another family is refused."""

	def __init__(self, library: LoraLibrary) -> None:
		self._library = library

	def resolve(self, request: GenerationRequest, model: ModelInfo) -> tuple[LoraSpec, ...]:
		"""Tags of the prompt, then of the negative prompt (a name given twice takes the later weights)."""
		_, positive = extract_lora_tags(request.prompt)
		_, negative = extract_lora_tags(request.negative_prompt)
		specs = tuple(self._library.spec(tag) for tag in combine_loras(positive, negative))
		for spec in specs:
			check_architecture(model, spec)
		return specs
