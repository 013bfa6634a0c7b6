"""The History tab's actions on the selected image: send, favourite, delete (confirmed), export, import."""

import tempfile
from pathlib import Path

import gradio as gr

from localai_ui.features.history.fact_table import facts_html
from localai_ui.features.history.reconcile import ReconcileReport
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui.controls import HistoryControls
from localai_ui.features.history.ui.send import wire_send
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.png_info import GenerationSettings


def _failing(error: LocalAIError) -> gr.Error:
	return gr.Error(str(error), print_exception=False)


def _selection_text(selection: list[int]) -> str:
	return f'{len(selection)} image(s) selected.' if selection else 'Nothing selected.'


def wire_actions(
	c: HistoryControls, service: HistoryService, report: ReconcileReport, generate: GenerateHandle, tabs: gr.Tabs
) -> None:
	def settings_of(image_id: object) -> GenerationSettings | None:
		try:
			return service.settings(image_id) if isinstance(image_id, int) else None
		except LocalAIError as error:
			raise _failing(error) from error

	def toggle_favourite(image_id: int | None) -> str:
		if image_id is None:
			raise gr.Error('Select an image first.', print_exception=False)
		try:
			favourite = not service.details(image_id).item.favourite
			service.set_favourite(image_id, favourite)
		except LocalAIError as error:
			raise _failing(error) from error
		return '★ Favourite' if favourite else '☆ Favourite'

	def ask(image_id: int | None) -> dict[str, object]:
		return gr.update(visible=image_id is not None)

	def hide() -> dict[str, object]:
		return gr.update(visible=False)

	def delete(image_id: int | None) -> tuple[dict[str, object], None, None, str, str, str, None]:
		if image_id is not None:
			try:
				service.delete_image(image_id)
			except (LocalAIError, OSError) as error:
				raise gr.Error(f'Could not delete: {error}', print_exception=False) from error
		return gr.update(visible=False), None, None, '', '', facts_html((), 'Deleted.'), None

	def add(selection: list[int], image_id: int | None) -> tuple[list[int], str]:
		chosen = selection if image_id is None or image_id in selection else [*selection, image_id]
		return chosen, _selection_text(chosen)

	def add_page(selection: list[int], ids: list[int]) -> tuple[list[int], str]:
		chosen = [*selection, *(image_id for image_id in ids if image_id not in selection)]
		return chosen, _selection_text(chosen)

	def clear() -> tuple[list[int], str]:
		return [], _selection_text([])

	def export(selection: list[int]) -> str:
		try:
			return str(service.export(selection, Path(tempfile.mkdtemp(prefix='localai-export-'))))
		except LocalAIError as error:
			raise _failing(error) from error

	def import_files() -> tuple[str, dict[str, object]]:
		imported, skipped = service.import_untracked(report.untracked)
		lines = [f'Imported {imported} image(s).', *(f'- skipped {reason}' for reason in skipped[:20])]
		return '\n'.join(lines), gr.update(visible=False)

	def image_file(image_id: object) -> Path | None:
		if not isinstance(image_id, int):
			return None
		try:
			path = service.outputs_dir / service.details(image_id).item.path
		except LocalAIError as error:
			raise _failing(error) from error
		if not path.is_file():
			raise gr.Error(f'{path.name} is no longer in the outputs folder.', print_exception=False)
		return path

	private = 'private'
	wire_send(c.send, c.selected, settings_of, generate, tabs)
	wire_send(c.send_img2img, c.selected, settings_of, generate, tabs, start_from=image_file)
	c.favourite.click(toggle_favourite, c.selected, c.favourite, api_visibility=private)
	c.delete.click(ask, c.selected, c.confirm_row, api_visibility=private, queue=False)
	c.cancel.click(hide, None, c.confirm_row, api_visibility=private, queue=False)
	deleted = [c.confirm_row, c.selected, c.image, c.prompt, c.negative, c.details, c.download]
	c.confirm.click(delete, c.selected, deleted, api_visibility=private).then(
		lambda: -1, None, c.seen, api_visibility=private
	)
	c.add_to_selection.click(add, [c.selection, c.selected], [c.selection, c.selection_label], api_visibility=private)
	c.select_page.click(add_page, [c.selection, c.ids], [c.selection, c.selection_label], api_visibility=private)
	c.clear_selection.click(clear, None, [c.selection, c.selection_label], api_visibility=private)
	c.export.click(export, c.selection, c.export_file, api_visibility=private)
	c.import_untracked.click(import_files, None, [c.notice, c.import_untracked], api_visibility=private).then(
		lambda: -1, None, c.seen, api_visibility=private
	)
