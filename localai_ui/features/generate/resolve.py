"""From a validated request to the job the device runs: the model, the schedule that really runs, the seeds, the
styles applied, the LoRAs and embeddings the prompts name. Everything that can be refused is refused here, before
any row is written or the GPU lock is taken."""

import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from pydantic import ValidationError

from localai_ui.cores.images import prepare_mask
from localai_ui.features.generate.embeddings import named_in
from localai_ui.features.generate.loras import LibraryLoras
from localai_ui.library.catalog import ModelCatalog
from localai_ui.library.kinds.upscalers import find_upscaler, usable_upscaler_names
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import MAX_SEED, GenerationRequest
from localai_ui.schemas.hires import LATENT_UPSCALERS, PIXEL_UPSCALERS
from localai_ui.schemas.loras import lora_hashes_infotext
from localai_ui.schemas.progress import GenerationJob, PreviewSettings
from localai_ui.schemas.prompts import EmbeddingDetails
from localai_ui.schemas.samplers import resolve_schedule
from localai_ui.schemas.upscalers import UpscalerDetails, UpscalerInfo
from localai_ui.services.input_images import InputImages


class RequestStep(Protocol):
	"""A feature's part in resolving a request (styles...): a rewritten request and its infotext extras."""

	def __call__(self, request: GenerationRequest) -> tuple[GenerationRequest, Mapping[str, str]]: ...


def parse_request(values: Mapping[str, object]) -> GenerationRequest:
	"""Validate raw values into a request; the error message names every bad field."""
	try:
		return GenerationRequest.model_validate(dict(values))
	except ValidationError as error:
		problems = '; '.join(
			f'{".".join(map(str, item["loc"])) or "request"}: {item["msg"]}' for item in error.errors()
		)
		raise InvalidRequestError(f'Invalid request: {problems}') from error


class JobResolver:
	"""Resolves requests against the libraries; the request as asked is kept for History's Send to Generate."""

	def __init__(
		self,
		*,
		catalog: ModelCatalog,
		loras: LibraryLoras,
		embeddings: AssetLibrary[EmbeddingDetails],
		inputs: InputImages,
		preview: Callable[[], PreviewSettings],
		steps: Sequence[RequestStep],
		upscalers: AssetLibrary[UpscalerDetails] | None = None,
	) -> None:
		self.catalog = catalog
		self.inputs = inputs
		self._loras = loras
		self._embeddings = embeddings
		self._preview = preview
		self._steps = tuple(steps)
		self.upscalers = upscalers

	def resolve(self, request: GenerationRequest) -> GenerationJob:
		"""Pick the model (named, else the default), fix the schedule the sampler really uses, draw the seeds."""
		model = self.catalog.pick(request.model)
		self.catalog.used(model)
		first = secrets.randbelow(MAX_SEED + 1) if request.seed == -1 else request.seed
		schedule = resolve_schedule(request.sampler, request.schedule)
		asked = request.model_copy(update={'model': model.name, 'schedule': schedule, 'seed': first})
		final, extras = asked, dict[str, str]()
		for step in self._steps:
			final, added = step(final)
			extras.update(added)
		loras = self._loras.resolve(final, model)
		if loras:
			extras['Lora hashes'] = lora_hashes_infotext(loras)
		embeddings = named_in(self._embeddings, [final.prompt, final.negative_prompt, final.hires_prompt])
		seeds = tuple(first + offset for offset in range(request.image_count))
		hires_upscaler = check_hires_upscaler(final, self.upscalers)
		init = self.inputs.load(final.init_image, 'init image') if final.init_image else None
		mask = self.inputs.load(final.mask_image, 'mask') if final.mask_image else None
		if init is not None and mask is not None:  # refused before a row is written or the device is taken
			prepare_mask(mask, init.size, invert=final.invert_mask, blur=0)
		return GenerationJob(
			final,
			model,
			seeds,
			self._preview(),
			tuple(extras.items()),
			loras=loras,
			embeddings=embeddings,
			asked=asked,
			init_image=init,
			mask=mask,
			hires_upscaler=hires_upscaler,
		)


def check_hires_upscaler(
	request: GenerationRequest, upscalers: AssetLibrary[UpscalerDetails] | None = None
) -> UpscalerInfo | None:
	"""A hires upscaler must be one the app has: A1111's latent ones, a resampler, or a usable model upscaler of
	the library (returned, for the worker to load); any other name is refused with the choices."""
	built_in = (*LATENT_UPSCALERS, *PIXEL_UPSCALERS)
	if not request.hires or request.hires_upscaler in built_in:
		return None
	choices = (*built_in, *(usable_upscaler_names(upscalers) if upscalers is not None else ()))
	if upscalers is None:
		raise InvalidRequestError(
			f'unknown hires upscaler {request.hires_upscaler!r}; choose one of: {", ".join(choices)}'
		)
	return find_upscaler(upscalers, request.hires_upscaler, choices, 'hires upscaler')
