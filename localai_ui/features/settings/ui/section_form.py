"""What every Settings section has: Save and Reset buttons, a status line, a note on the flags that win, and the
controls filled from the stored settings on each page load."""

from collections.abc import Callable, Mapping

import gradio as gr
from gradio.components import Component

from localai_ui.features.settings.settings_json import SECRET_SETTINGS
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.values import plain_value
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.app_settings import SECTIONS, AppSettings, SectionName
from localai_ui.schemas.errors import LocalAIError

PRIVATE = 'private'
SAVED: Mapping[SectionName, str] = {
	'generation': 'Saved. The Generate tab starts with these values when its page is next loaded.',
	'preview': 'Saved. The next run previews this way.',
	'saving': 'Saved. The next image is written this way.',
	'device': 'Saved. The memory mode applies when a model is next loaded; a new device at the next start.',
	'hub': 'Saved. The token is stored; it is never shown again, logged, or written into history.',
	'safety': 'Saved. The next run is checked (or not) this way.',
}


def shown_values(settings: AppSettings, section: SectionName) -> list[object]:
	"""The section's values as its controls show them (a secret is never sent back to the page)."""
	values = settings.section(section)
	return [
		'' if name in SECRET_SETTINGS else plain_value(getattr(values, name)) for name in SECTIONS[section].model_fields
	]


def flag_note(store: SettingsStore, section: SectionName) -> str:
	"""Which flags given at start win over this section's stored values."""
	given = [store.flags[name].flag for name in SECTIONS[section].model_fields if name in store.flags]
	if not given:
		return ''
	flags = ', '.join(f'`{flag}`' for flag in given)
	return f'Set on the command line: {flags} wins over the stored value until the app starts without it.'


def error_text(error: LocalAIError) -> str:
	return f'<span class="lai-error">{plain(str(error))}</span>'


def wire_section(
	page: gr.Blocks,
	store: SettingsStore,
	section: SectionName,
	controls: Mapping[str, Component],
	extra_note: Callable[[], str] | None = None,
) -> None:
	"""Add the buttons, status line and note under the section's controls, and wire them."""
	names = list(SECTIONS[section].model_fields)
	inputs = [controls[name] for name in names]
	with gr.Row(elem_classes=['lai-inline-row']):
		save = gr.Button(
			'Save', variant='primary', size='sm', scale=0, min_width=120, elem_id=f'settings-{section}-save'
		)
		reset = gr.Button('Reset to defaults', size='sm', scale=0, min_width=160, elem_id=f'settings-{section}-reset')
	status = gr.Markdown(elem_id=f'settings-{section}-status')
	note = gr.Markdown(elem_id=f'settings-{section}-note')

	def note_text() -> str:
		parts = [flag_note(store, section), extra_note() if extra_note else '']
		return '\n\n'.join(part for part in parts if part)

	def save_section(*values: object) -> tuple[str, str]:
		changes = dict(zip(names, values, strict=True))
		if section == 'hub' and not changes.get('hf_token'):
			return 'Type a token first; "Reset to defaults" removes the stored one.', note_text()
		try:
			store.save(changes)
		except LocalAIError as error:
			return error_text(error), note_text()
		return SAVED[section], note_text()

	def reset_section() -> list[object]:
		store.reset(section)
		return [*shown_values(store.stored(), section), 'Reset to defaults.', note_text()]

	def load() -> list[object]:
		return [*shown_values(store.stored(), section), note_text()]

	save.click(save_section, inputs, [status, note], api_visibility=PRIVATE, queue=False)
	reset.click(reset_section, None, [*inputs, status, note], api_visibility=PRIVATE, queue=False)
	page.load(load, None, [*inputs, note], api_visibility=PRIVATE, queue=False)
