"""The LoRAs a request names (`<lora:name:weight>` in its prompts), resolved to files and checked before the run."""

from localai_ui.cores.loras.family_check import check_family
from localai_ui.cores.prompts.lora_tags import combine_loras, extract_lora_tags
from localai_ui.library.hasher import BackgroundHasher
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.loras import LoraDetails, LoraSpec, LoraTag
from localai_ui.schemas.models import ModelInfo


class LibraryLoras:
	"""Resolves prompt tags through the LoRA library; an unknown LoRA or one for another family is refused."""

	def __init__(self, library: AssetLibrary[LoraDetails], hasher: BackgroundHasher) -> None:
		self._library = library
		self._hasher = hasher

	def spec(self, tag: LoraTag) -> LoraSpec:
		"""The file a tag names, hashed (the infotext needs its addnet hash) and ready to apply."""
		record = self._library.record(tag.name)
		details = record.details
		if not record.usable or details is None:
			raise InvalidRequestError(f'LoRA {tag.name!r} cannot be used: {record.reason}')
		record = self._hasher.ensure(self._library, record)
		if record.row.addnet_hash is None:
			raise InvalidRequestError(f'LoRA {tag.name!r} cannot be read to hash it; press Refresh in the LoRAs tab')
		return LoraSpec(
			name=record.name,
			path=self._library.path_of(record),
			weight=tag.weight,
			addnet_hash=record.row.addnet_hash,
			family=record.family,
			cross_attention_dim=details.cross_attention_dim,
			layout=details.layout,
			te_weight=tag.te_weight,
		)

	def resolve(self, request: GenerationRequest, model: ModelInfo) -> tuple[LoraSpec, ...]:
		"""Tags of the prompt, then of the negative prompt (a name given twice takes the later weights)."""
		_, positive = extract_lora_tags(request.prompt)
		_, negative = extract_lora_tags(request.negative_prompt)
		specs = tuple(self.spec(tag) for tag in combine_loras(positive, negative))
		for spec in specs:
			check_family(model, spec)
		return specs
