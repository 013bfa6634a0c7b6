"""The Styles tab's components (split from ui.py to keep each file focused)."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.schemas.styles import StyleRecord

ALL = 'All'
TABLE_HEADERS = ['Name', 'Category', 'Kind']
SAMPLE_PROMPT = 'a lighthouse on a cliff at dusk'
TEMPLATE_INFO = '{prompt} marks where your prompt goes; without it the style is added after ", ".'


@dataclass(frozen=True)
class StylesControls:
	"""Every component of the tab; `editor` lists the editor's fields in the order the handlers take them."""

	search: gr.Textbox
	category_filter: gr.Dropdown
	table: gr.Dataframe
	notice: gr.Markdown
	name: gr.Textbox
	category: gr.Textbox
	prompt: gr.Textbox
	negative_prompt: gr.Textbox
	new: gr.Button
	save: gr.Button
	duplicate: gr.Button
	delete: gr.Button
	status: gr.Markdown
	sample: gr.Textbox
	final_prompt: gr.Textbox
	final_negative: gr.Textbox
	upload: gr.File
	on_clash: gr.Radio
	import_button: gr.Button
	export_format: gr.Radio
	include_builtins: gr.Checkbox
	export_button: gr.Button
	export_file: gr.File
	import_status: gr.Markdown
	selected: gr.State

	@property
	def editor(self) -> list[Component]:
		return [self.name, self.category, self.prompt, self.negative_prompt]

	@property
	def editor_outputs(self) -> list[Component]:
		"""What events.editor fills, in its order."""
		return [*self.editor, self.notice, self.selected, self.save, self.delete, self.status]


def table_rows(styles: list[StyleRecord]) -> list[list[str]]:
	return [[style.name, style.category, 'built-in' if style.builtin else 'mine'] for style in styles]


def build_controls(styles: list[StyleRecord], categories: list[str]) -> StylesControls:
	"""Create the components inside the current Blocks context."""
	with gr.Row():
		with gr.Column(scale=2, min_width=380):
			search = gr.Textbox(label='Search', placeholder='name or text', elem_id='styles-search')
			category_filter = gr.Dropdown([ALL, *categories], value=ALL, label='Category', elem_id='styles-category')
			table = gr.Dataframe(
				table_rows(styles),
				headers=TABLE_HEADERS,
				interactive=False,
				max_height=560,
				wrap=True,
				column_widths=['44%', '26%', '30%'],
				elem_id='styles-table',
			)
		with gr.Column(scale=3):
			notice = gr.Markdown('Pick a style in the list, or write a new one.', elem_id='styles-notice')
			with gr.Row():
				name = gr.Textbox(label='Name', elem_id='style-name', scale=2)
				category = gr.Textbox(label='Category', placeholder='My styles', elem_id='style-category')
			prompt = gr.Textbox(label='Prompt template', lines=3, info=TEMPLATE_INFO, elem_id='style-prompt')
			negative = gr.Textbox(label='Negative prompt', lines=2, elem_id='style-negative')
			with gr.Row():
				new = gr.Button('New', elem_id='style-new')
				save = gr.Button('Save', variant='primary', elem_id='style-save')
				duplicate = gr.Button('Duplicate', elem_id='style-duplicate')
				delete = gr.Button('Delete', variant='stop', elem_id='style-delete')
			status = gr.Markdown(elem_id='styles-status')
			with gr.Group():
				sample = gr.Textbox(SAMPLE_PROMPT, label='Sample prompt (preview)', elem_id='style-sample')
				final_prompt = gr.Textbox(
					SAMPLE_PROMPT, label='Final prompt', interactive=False, elem_id='style-final-prompt'
				)
				final_negative = gr.Textbox(
					label='Final negative prompt', interactive=False, elem_id='style-final-negative'
				)
	with gr.Accordion('Import and export', open=False):
		with gr.Row():
			with gr.Column():
				upload = gr.File(
					label='styles.csv (A1111) or .json (Fooocus)', file_types=['.csv', '.json'], elem_id='styles-upload'
				)
				on_clash = gr.Radio(['skip', 'overwrite', 'rename'], value='skip', label='When a name exists')
				import_button = gr.Button('Import', elem_id='styles-import')
			with gr.Column():
				export_format = gr.Radio(
					[('A1111 styles.csv', 'csv'), ('Fooocus JSON', 'json')], value='csv', label='Format'
				)
				include_builtins = gr.Checkbox(False, label='Include built-in styles')
				export_button = gr.Button('Export', elem_id='styles-export')
				export_file = gr.File(label='Exported file', interactive=False, elem_id='styles-export-file')
		import_status = gr.Markdown(elem_id='styles-import-status')
	return StylesControls(
		search, category_filter, table, notice, name, category, prompt, negative, new, save, duplicate, delete,
		status, sample, final_prompt, final_negative, upload, on_clash, import_button, export_format,
		include_builtins, export_button, export_file, import_status, gr.State(None),
	)  # fmt: skip
