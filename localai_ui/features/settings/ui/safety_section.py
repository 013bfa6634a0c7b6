"""The Safety checker section: on/off (off by default), keep flagged images, the weights' folder and its download."""

import gradio as gr

from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.ui.section_form import PRIVATE, error_text, wire_section
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.hub import HubProgress

SAFETY_WORDS = (
	"Off by default. When on, every image is checked after its decode (the checker runs in the run's own turn on the "
	'device, for its own cost). A flagged image is shown blurred, marked in History (filter "Flagged"), and saved '
	'blurred unless you keep flagged images.'
)


def build_safety_section(page: gr.Blocks, store: SettingsStore, files: SafetyFiles) -> None:
	stored = store.stored().safety
	with gr.Accordion('Safety checker', open=False, elem_id='settings-safety'):
		checker = gr.Checkbox(
			value=stored.safety_checker, label='Check images with the safety checker', elem_id='settings-safety-on'
		)
		keep = gr.Checkbox(
			value=stored.keep_flagged,
			label='Keep flagged images unblurred on disk (the app still shows them blurred)',
			elem_id='settings-safety-keep',
		)
		gr.Markdown(SAFETY_WORDS)
		download = gr.Button('Download the checker weights', size='sm', elem_id='settings-safety-download')
		folder = gr.Markdown(files.state(), elem_id='settings-safety-folder')
		wire_section(page, store, 'safety', {'safety_checker': checker, 'keep_flagged': keep})

	def fetch(progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 (Gradio's way to ask for progress)
		def report(update: HubProgress) -> None:
			progress((update.done, update.total or update.done or 1), desc=update.path)

		try:
			return files.download(CancelToken(), report)
		except LocalAIError as error:
			return error_text(error) + '\n\n' + files.state()

	download.click(fetch, None, folder, api_visibility=PRIVATE)
	page.load(files.state, None, folder, api_visibility=PRIVATE, queue=False)
