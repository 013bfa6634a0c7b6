"""The lists A1111 clients read to fill their menus, from the app's own libraries: checkpoints, VAEs, LoRAs,
embeddings and styles, and the refresh routes that rescan the folders."""

from fastapi import APIRouter

from localai_ui.context import AppContext
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import NoModelError
from localai_ui.sdapi.names import model_title
from localai_ui.sdapi.responses import (
	EmbeddingItem,
	EmbeddingsResponse,
	LoraItem,
	PromptStyleItem,
	SDModelItem,
	SDVaeItem,
)


def add_listing_routes(router: APIRouter, context: AppContext) -> None:
	libraries = context.libraries
	checkpoints, vaes, loras = libraries.checkpoints.library, libraries.vaes.library, libraries.loras.library
	embeddings = libraries.embeddings.library

	def sd_models() -> list[SDModelItem]:
		return [
			SDModelItem(
				title=model_title(record),
				model_name=record.name,
				hash=record.row.autov2,
				sha256=record.row.sha256,
				filename=str(checkpoints.path_of(record)),
			)
			for record in checkpoints.usable()
		]

	def sd_vae() -> list[SDVaeItem]:
		return [SDVaeItem(model_name=record.name, filename=str(vaes.path_of(record))) for record in vaes.usable()]

	def lora_list() -> list[LoraItem]:
		return [
			LoraItem(
				name=record.name, alias=record.name, path=str(loras.path_of(record)), metadata=dict(record.row.metadata)
			)
			for record in loras.usable()
		]

	def embedding_list() -> EmbeddingsResponse:
		"""Loaded: the embeddings of the current model's family (A1111 lists those it loaded for the model)."""
		try:
			family = context.generate.catalog.pick(None).family
		except NoModelError:
			family = Family.UNKNOWN
		loaded: dict[str, EmbeddingItem] = {}
		skipped: dict[str, EmbeddingItem] = {}
		for record in embeddings.usable():
			details = record.details
			if details is None:
				continue
			item = EmbeddingItem(shape=details.dims[0] if details.dims else 0, vectors=details.vectors)
			(loaded if record.family in (family, Family.UNKNOWN) else skipped)[record.name] = item
		return EmbeddingsResponse(loaded=loaded, skipped=skipped)

	def prompt_styles() -> list[PromptStyleItem]:
		return [
			PromptStyleItem(name=style.name, prompt=style.prompt, negative_prompt=style.negative_prompt)
			for style in context.styles.list_styles()
		]

	def refresh_checkpoints() -> None:
		checkpoints.refresh()

	def refresh_vae() -> None:
		vaes.refresh()

	def refresh_loras() -> None:
		loras.refresh()

	def refresh_embeddings() -> None:
		embeddings.refresh()

	router.add_api_route('/sd-models', sd_models, methods=['GET'], response_model=list[SDModelItem])
	router.add_api_route('/sd-vae', sd_vae, methods=['GET'], response_model=list[SDVaeItem])
	router.add_api_route('/loras', lora_list, methods=['GET'], response_model=list[LoraItem])
	router.add_api_route('/embeddings', embedding_list, methods=['GET'], response_model=EmbeddingsResponse)
	router.add_api_route('/prompt-styles', prompt_styles, methods=['GET'], response_model=list[PromptStyleItem])
	router.add_api_route('/refresh-checkpoints', refresh_checkpoints, methods=['POST'])
	router.add_api_route('/refresh-vae', refresh_vae, methods=['POST'])
	router.add_api_route('/refresh-loras', refresh_loras, methods=['POST'])
	router.add_api_route('/refresh-embeddings', refresh_embeddings, methods=['POST'])
