"""The History API: /search_history, /get_generation and /delete_generation (typed from these signatures)."""

import gradio as gr

from localai_ui.features.history.filters import parse_filters
from localai_ui.features.history.presenter import JsonValue, details_dict, page_dict
from localai_ui.features.history.service import HistoryService
from localai_ui.features.ui_common.endpoints import add_endpoint
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.field_values import MAX_ID, MAX_PAGE, whole_number


def register_api(service: HistoryService) -> None:
	"""API-only endpoints; call inside the Blocks. Errors reach the caller as messages."""

	def search_history(
		text: str = '',
		model: str = '',
		sampler: str = '',
		status: str = '',
		favourites_only: bool = False,
		date_from: str = '',
		date_to: str = '',
		page: int = 1,
		flagged_only: bool = False,
	) -> dict[str, object]:
		"""Search the history: words from the prompt or negative prompt, plus filters; 48 images a page, newest first.

		Args:
			text: words that must all occur (a word's start matches too); empty lists everything.
			model: only this model's images.
			sampler: only this sampler's images, e.g. "Euler a".
			status: completed, interrupted, failed or running.
			favourites_only: only images marked favourite.
			date_from: first day, YYYY-MM-DD.
			date_to: last day, YYYY-MM-DD (included).
			page: page number, from 1.
			flagged_only: only images the safety checker flagged.
		Returns:
			{"page", "has_next", "items": [{"image_id", "generation_id", "file", "thumbnail", "seed", "prompt", ...}]};
			files are relative to the outputs folder.
		"""
		try:
			filters = parse_filters(text, model, sampler, status, favourites_only, date_from, date_to, flagged_only)
			return page_dict(service.search(filters, whole_number('page', page, 1, MAX_PAGE)))
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	def get_generation(image_id: int) -> dict[str, JsonValue]:
		"""Every parameter of one image and the run that made it: prompts, model, sampler, seed, timings, LoRAs, styles.

		Args:
			image_id: an image_id from /search_history.
		"""
		try:
			return details_dict(service.details(whole_number('image_id', image_id, 1, MAX_ID)))
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	def delete_generation(generation_id: int, image_id: int | None = None) -> dict[str, int]:
		"""Delete a run's images (files, thumbnails and rows) and the run; with image_id, only that image.

		Args:
			generation_id: the run, a generation_id from /search_history.
			image_id: one image of that run to delete instead of the whole run.
		Returns:
			{"deleted": number of images deleted}.
		"""
		try:
			run = whole_number('generation_id', generation_id, 1, MAX_ID)
			if image_id is None:
				return {'deleted': service.delete_generation(run)}
			image = whole_number('image_id', image_id, 1, MAX_ID)
			if service.details(image).item.generation_id != run:
				raise gr.Error(f'Image {image_id} is not part of generation {generation_id}', print_exception=False)
			service.delete_image(image)
			return {'deleted': 1}
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	add_endpoint(search_history, api_name='search_history', concurrency_limit=None)
	add_endpoint(get_generation, api_name='get_generation', concurrency_limit=None)
	add_endpoint(delete_generation, api_name='delete_generation')
