"""The Styles tab's own events (browse, edit, preview); none is part of the public API."""

from collections.abc import Callable
from typing import cast

import gradio as gr
from gradio.components import Component

from localai_ui.cores.styles import apply_styles
from localai_ui.features.styles.service import StylesService
from localai_ui.features.styles.ui.cards import card_values
from localai_ui.features.styles.ui.components import ALL, StylesControls, table_rows
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.schemas.styles import StyleRecord, StyleText

BUILTIN_NOTICE = '**{name}** is a built-in style: read-only. **Duplicate** it to make your own copy to edit.'
EditorOutputs = tuple[object, ...]
Refresh = Callable[[str, str | None], tuple[object, ...]]


def editor(style: StyleRecord | None, status: str = '') -> EditorOutputs:
	"""Editor values for `style` (None: a blank new style); built-ins are shown locked."""
	editable = style is None or not style.builtin
	if style is None:
		notice = 'A new style: name it, write its templates, then **Save**.'
	else:
		notice = f'Editing **{style.name}**.' if editable else BUILTIN_NOTICE.format(name=style.name)
	values = ('', '', '', '') if style is None else (style.name, style.category, style.prompt, style.negative_prompt)
	fields = tuple(gr.update(value=value, interactive=editable) for value in values)
	locked = gr.update(interactive=editable)
	return (
		*fields,
		notice,
		None if style is None else style.name,
		locked,
		gr.update(interactive=style is not None and editable),
		status,
	)


def refresher(service: StylesService) -> Refresh:
	def refresh(query: str, category: str | None) -> tuple[object, ...]:
		"""The table and cards for the current filter, the category choices, Generate's style choices and cards."""
		categories = service.categories()
		chosen = category if category in categories else ALL
		shown = service.list_styles(query=query or '', category=None if chosen == ALL else chosen)
		choices = gr.update(choices=[ALL, *categories], value=chosen)
		return table_rows(shown), choices, gr.update(choices=service.names()), *card_values(service, shown)

	return refresh


def wire_events(c: StylesControls, service: StylesService, refreshed: list[Component]) -> Refresh:
	"""Wire browsing, editing and the live preview; `refreshed` takes what refresh returns (page load uses it too)."""
	refresh = refresher(service)
	filters = [c.search, c.category_filter]
	editor_outputs = c.editor_outputs

	def select_style(event: gr.SelectData) -> EditorOutputs:
		row = cast(list[object], event.row_value or [])
		with shown_as_message():
			return editor(service.get(str(row[0])) if row else None)

	def new_style() -> EditorOutputs:
		return editor(None)

	def save(selected: str | None, name: str, category: str, prompt: str, negative: str) -> EditorOutputs:
		with shown_as_message():
			saved = service.save_style(StyleText(name, prompt, negative, category), original_name=selected)
		return editor(saved, f'Saved **{saved.name}**.')

	def duplicate(selected: str | None) -> EditorOutputs:
		if not selected:
			raise gr.Error('Pick a style in the list to duplicate it.', print_exception=False)
		with shown_as_message():
			copy = service.duplicate_style(selected)
		return editor(copy, f'Duplicated **{selected}** as **{copy.name}**.')

	def delete(selected: str | None) -> EditorOutputs:
		if not selected:
			raise gr.Error('Pick one of your styles in the list to delete it.', print_exception=False)
		with shown_as_message():
			service.delete_style(selected)
		return editor(None, f'Deleted **{selected}**.')

	def preview(sample: str, prompt: str, negative: str) -> tuple[str, str]:
		return apply_styles(sample or '', '', [StyleText('preview', prompt or '', negative or '')])

	for control in filters:
		control.change(refresh, inputs=filters, outputs=refreshed, api_visibility='private', queue=False)
	c.table.select(select_style, outputs=editor_outputs, api_visibility='private', queue=False)
	c.new.click(new_style, outputs=editor_outputs, api_visibility='private', queue=False)
	changes: list[tuple[gr.Button, Callable[..., EditorOutputs], list[Component]]] = [
		(c.save, save, [c.selected, *c.editor]),
		(c.duplicate, duplicate, [c.selected]),
		(c.delete, delete, [c.selected]),
	]
	for button, handler, inputs in changes:
		button.click(handler, inputs=inputs, outputs=editor_outputs, api_visibility='private').success(
			refresh, inputs=filters, outputs=refreshed, api_visibility='private', queue=False
		)
	for control in (c.sample, c.prompt, c.negative_prompt):
		control.change(
			preview,
			inputs=[c.sample, c.prompt, c.negative_prompt],
			outputs=[c.final_prompt, c.final_negative],
			api_visibility='private',
			queue=False,
		)
	return refresh
