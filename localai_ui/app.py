"""build_app(context) lays out the tabs and wires them together; serve_options says how the server runs it."""

import gradio as gr

from localai_ui.context import AppContext
from localai_ui.features.generate.ui import build_generate_tab
from localai_ui.features.generate.ui.hires import wire_hires_upscalers
from localai_ui.features.history.ui import build_history_tab
from localai_ui.features.loras.ui import build_loras_tab
from localai_ui.features.loras.ui.preview_action import lora_preview_action
from localai_ui.features.models.ui import build_models_tab
from localai_ui.features.settings.ui import build_settings_tab
from localai_ui.features.settings.ui.generate_defaults import wire_generate_defaults
from localai_ui.features.styles.previews import STYLE_PREVIEWS_DIR
from localai_ui.features.styles.ui import build_styles_tab
from localai_ui.features.styles.ui.preview_action import style_preview_action
from localai_ui.features.ui_common.engine_notice import build_engine_notice
from localai_ui.features.ui_common.handles import GENERATE_TAB_ID, UPSCALE_TAB_ID
from localai_ui.features.ui_common.page_style import CSS, HEAD
from localai_ui.features.upscale.ui import build_upscale_tab
from localai_ui.features.upscale.ui.send import upscale_action, wire_send_result
from localai_ui.sdapi import mount_api
from localai_ui.server import LoginAttempts, RunningServer, ServeOptions, build_server_app, start
from localai_ui.services.input_images import INPUTS_FOLDER
from localai_ui.settings import LOCALHOST, Settings


def build_app(context: AppContext) -> gr.Blocks:
	"""The whole UI; every long-lived part comes from the context, and tabs meet only through handles here."""
	libraries = context.libraries
	with gr.Blocks(title='LocalAI UI', analytics_enabled=False, fill_width=True) as page:
		build_engine_notice(page, context.engine.late)
		with gr.Tabs(elem_id='main-tabs') as tabs:
			with gr.Tab('Generate', id=GENERATE_TAB_ID):
				generate = build_generate_tab(
					page,
					context.generate,
					context.runs,
					context.preferences,
					context.prompt_tools,
					libraries.loras.library,
					context.engine.torch_facts,
				)
				wire_hires_upscalers(page, generate.fields['hires_upscaler'], libraries.upscalers.library)
			with gr.Tab('Upscale', id=UPSCALE_TAB_ID):
				upscale = build_upscale_tab(page, context.upscale)
				wire_send_result(generate.send_upscale, generate.result, upscale, tabs)
			with gr.Tab('Models', id='models'):
				build_models_tab(page, context.models, libraries, context.hub)
			with gr.Tab('LoRAs', id='loras'):
				build_loras_tab(page, libraries.loras, generate, tabs)
			with gr.Tab('Styles', id='styles') as styles_tab:
				build_styles_tab(page, context.styles, generate, context.generate, styles_tab)
			with gr.Tab('History', id='history'):
				actions = [
					upscale_action(upscale, tabs),
					lora_preview_action(libraries.loras),
					style_preview_action(context.styles),
				]
				build_history_tab(context.history, context.history_report, generate, tabs, actions)
			with gr.Tab('Settings', id='settings'):
				parts = context.app_settings
				build_settings_tab(page, parts.store, parts.report, context.safety)
				wire_generate_defaults(page, generate, context.preferences.defaults)
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
		allowed_paths=(settings.outputs_dir, settings.data_dir / INPUTS_FOLDER, settings.data_dir / STYLE_PREVIEWS_DIR),
		max_file_size=settings.max_upload,
		css=CSS,
		head=HEAD,
		quiet=quiet,
	)


def serve_app(demo: gr.Blocks, context: AppContext, options: ServeOptions) -> RunningServer:
	"""Serve the page and, with --api, AUTOMATIC1111's API beside it: one server, one login throttle."""
	attempts = LoginAttempts()
	server_app = build_server_app(demo, options)
	if context.settings.api:
		mount_api(server_app, context, attempts)
	return start(server_app, options, attempts=attempts)
