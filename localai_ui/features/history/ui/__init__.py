"""The History tab: search and browse, details of one image, and its actions; PNG Info beside it."""

from collections.abc import Sequence

import gradio as gr

from localai_ui.features.history.details_view import detail_rows
from localai_ui.features.history.fact_table import facts_html
from localai_ui.features.history.filters import parse_filters
from localai_ui.features.history.gallery import gallery_items, page_text
from localai_ui.features.history.reconcile import ReconcileReport
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui.actions import wire_actions
from localai_ui.features.history.ui.api import register_api
from localai_ui.features.history.ui.controls import HistoryControls, build_history_controls
from localai_ui.features.history.ui.facts import PICK_AN_IMAGE
from localai_ui.features.history.ui.png_info import build_png_info
from localai_ui.features.ui_common.any_trigger import on_page_load
from localai_ui.features.ui_common.handles import GenerateHandle, ImageAction, SelectedImage
from localai_ui.schemas.errors import LocalAIError

POLL_SECONDS = 2.0
Listing = tuple[list[tuple[str, str]], list[int], str, int, int]
Shown = tuple[int | None, str | None, str, str, str, str, str | None]
NOTHING_SHOWN: Shown = (None, None, '', '', facts_html((), PICK_AN_IMAGE), '☆ Favourite', None)


def build_history_tab(
	service: HistoryService,
	report: ReconcileReport,
	generate: GenerateHandle,
	tabs: gr.Tabs,
	image_actions: Sequence[ImageAction] = (),
) -> None:
	"""Lay out the tab (call inside its gr.Tab) and wire it; the API endpoints are registered here too.

	`image_actions` are sections other tabs add under the selected image (LoRAs: "Use as LoRA preview").
	"""

	def under_image(selected_id: gr.State) -> None:
		selected = SelectedImage(selected_id, lambda image_id: service.full_path(service.details(image_id).item.path))
		for build in image_actions:
			build(selected)

	with gr.Tabs():
		with gr.Tab('Browse', id='history-browse'):
			c = build_history_controls(service.model_names(), report.summary(), len(report.untracked), under_image)
		with gr.Tab('PNG Info', id='history-png-info'):
			build_png_info(service, generate, tabs)
	wire_browse(c, service)
	wire_actions(c, service, report, generate, tabs)
	register_api(service)


def wire_browse(c: HistoryControls, service: HistoryService) -> None:
	"""Searching, paging, polling for new images, and showing the selected one."""

	def listing(page: int, *values: str | bool | None, after: int | None = None) -> Listing:
		try:
			text, model, sampler, status, favourites, date_from, date_to, flagged = values
			filters = parse_filters(
				str(text or ''), str(model or ''), str(sampler or ''), str(status or ''), bool(favourites),
				str(date_from or ''), str(date_to or ''), flagged_only=bool(flagged),
			)  # fmt: skip
			latest = service.latest_image_id()
			found = service.search(filters, page, after=after)
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error
		ids = [item.image_id for item in found.items]
		return gallery_items(service.outputs_dir, found), ids, page_text(found), found.page, latest

	def first_page(*values: str | bool | None) -> Listing:
		return listing(1, *values)

	def newer(page: int, *values: str | bool | None) -> Listing:
		return listing(max(1, page - 1), *values)

	def older(page: int, ids: list[int], *values: str | bool | None) -> Listing:
		return listing(page + 1, *values, after=ids[-1] if ids else None)  # a seek from the last image shown

	def poll(seen: int, page: int, *values: str | bool | None) -> Listing | tuple[dict[str, object], ...]:
		if page != 1 or service.latest_image_id() == seen:
			return tuple(gr.update() for _ in range(5))
		return listing(1, *values)

	def show(ids: list[int], event: gr.SelectData) -> Shown:
		index = event.index
		if not isinstance(index, int) or not 0 <= index < len(ids):
			return NOTHING_SHOWN
		return describe(service, ids[index])

	def on_load() -> Listing:
		return first_page('', '', '', '', False, '', '', False)

	c.search.submit(first_page, c.filters, c.listing, api_visibility='private')
	c.search_button.click(first_page, c.filters, c.listing, api_visibility='private')
	c.previous.click(newer, [c.page, *c.filters], c.listing, api_visibility='private')
	c.next.click(older, [c.page, c.ids, *c.filters], c.listing, api_visibility='private')
	on_page_load(on_load, c.listing)  # the newest images are there when the tab opens, not after the first poll
	gr.Timer(POLL_SECONDS).tick(
		poll, [c.seen, c.page, *c.filters], c.listing, api_visibility='private', show_progress='hidden'
	)
	shown = [c.selected, c.image, c.prompt, c.negative, c.details, c.favourite, c.download]
	c.gallery.select(show, c.ids, shown, api_visibility='private')


def describe(service: HistoryService, image_id: int) -> Shown:
	"""The selected image's picture, prompts, settings table, favourite label and download path."""
	try:
		details = service.details(image_id)
		settings = service.settings(image_id)
	except LocalAIError as error:
		raise gr.Error(str(error), print_exception=False) from error
	path = service.full_path(details.item.path)
	exists = path.is_file()
	label = '★ Favourite' if details.item.favourite else '☆ Favourite'
	table = facts_html(detail_rows(details, exists), '' if exists else 'The image file is missing.')
	shown = str(path) if exists else None
	thumbnail = details.item.thumbnail_path
	picture = str(service.full_path(thumbnail)) if details.item.flagged and thumbnail else shown  # blurred
	return image_id, picture, settings.prompt, settings.negative_prompt, table, label, shown
