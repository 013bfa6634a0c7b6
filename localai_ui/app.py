"""build_app(context) lays out the tabs and wires them together; serve_options says how the server runs it."""

import gradio as gr

from localai_ui.context import AppContext
from localai_ui.features.generate.ui import build_generate_tab
from localai_ui.features.history.ui import build_history_tab
from localai_ui.features.loras.ui import build_loras_tab
from localai_ui.features.loras.ui.preview_action import lora_preview_action
from localai_ui.features.models.ui import build_models_tab
from localai_ui.features.styles.ui import build_styles_tab
from localai_ui.features.ui_common.handles import GENERATE_TAB_ID
from localai_ui.features.ui_common.page_style import CSS, HEAD
from localai_ui.server import ServeOptions
from localai_ui.settings import LOCALHOST, Settings


def build_app(context: AppContext) -> gr.Blocks:
	"""The whole UI; every long-lived part comes from the context, and tabs meet only through handles here."""
	libraries = context.libraries
	with gr.Blocks(title='LocalAI UI', analytics_enabled=False) as page, gr.Tabs(elem_id='main-tabs') as tabs:
		with gr.Tab('Generate', id=GENERATE_TAB_ID):
			generate = build_generate_tab(
				page, context.generate, context.runs, context.preferences, context.prompt_tools, libraries.loras.library
			)
		with gr.Tab('Models', id='models'):
			build_models_tab(page, context.models, libraries)
		with gr.Tab('LoRAs', id='loras'):
			build_loras_tab(page, libraries.loras, generate, tabs)
		with gr.Tab('Styles', id='styles'):
			build_styles_tab(page, context.styles, generate)
		with gr.Tab('History', id='history'):
			actions = [lora_preview_action(libraries.loras)]
			build_history_tab(context.history, context.history_report, generate, tabs, actions)
	return page


def serve_options(settings: Settings, *, quiet: bool = False) -> ServeOptions:
	"""The server's address, login and access rules from the settings; never shared, never phoning home."""
	return ServeOptions(
		host=settings.host,
		port=settings.port,
		auth=settings.auth,
		listen=settings.host != LOCALHOST,
		allowed_hosts=settings.allowed_hosts,
		allowed_origins=settings.allowed_origins,
		allowed_paths=(settings.outputs_dir,),
		max_file_size=settings.max_upload,
		css=CSS,
		head=HEAD,
		quiet=quiet,
	)
