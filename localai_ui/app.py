"""build_app(context) assembles the tabs into one Gradio Blocks; launch_app serves it with safe defaults."""

import gradio as gr
from fastapi import FastAPI

from localai_ui.context import AppContext
from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.generate.ui import build_generate_tab
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui import build_history_tab
from localai_ui.features.loras.ui import build_loras_tab
from localai_ui.features.loras.ui_picker import build_lora_picker
from localai_ui.features.loras.ui_preview import lora_preview_action
from localai_ui.features.models.ui import build_models_tab
from localai_ui.features.styles.service import StylesService
from localai_ui.features.styles.ui import build_styles_tab
from localai_ui.services.model_files_configs import CLIP_TOKENIZER_DIR
from localai_ui.settings import Settings

HEAD = """<script>
document.addEventListener('keydown', (event) => {
	if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
	const target = event.target instanceof Element ? event.target : null;
	if (!target || !target.closest('#prompt, #negative-prompt')) return;
	event.preventDefault();
	document.querySelector('#generate')?.click();
}, true);
</script>"""

CSS = """
.lai-progress { height: 8px; border-radius: 4px; background: var(--neutral-200); overflow: hidden; }
.lai-progress-bar { height: 100%; background: var(--color-accent); transition: width 0.2s; }
.lai-progress-text { margin: 4px 0; font-variant-numeric: tabular-nums; }
.lai-token-count { text-align: right; font-size: 0.8em; opacity: 0.7; font-variant-numeric: tabular-nums; }
"""


def build_app(context: AppContext) -> gr.Blocks:
	"""The whole UI; event handlers reach the device only through the context's pipeline manager."""
	settings = context.settings
	styles = StylesService(database=context.database)
	styles.seed_builtins()
	generate = GenerateService(
		manager=context.manager,
		database=context.database,
		models_dir=settings.models_dir,
		outputs_dir=settings.outputs_dir,
		preview=context.preferences.current_preview,
		steps=[styles.apply_to_request],
		catalog=context.models.library,
		loras=context.loras.resolver,
	)
	with gr.Blocks(title='LocalAI UI', analytics_enabled=False) as demo, gr.Tabs(elem_id='main-tabs') as tabs:
		with gr.Tab('Generate', id='generate'):
			tools = PromptTools(generate.models, TokenCounter(CLIP_TOKENIZER_DIR), context.embeddings)
			generate_tab = build_generate_tab(generate, ActiveRuns(), context.preferences, tools)
			build_lora_picker(context.loras.library, generate_tab.controls.prompt)
		with gr.Tab('Models', id='models'):
			build_models_tab(context.models)
		with gr.Tab('LoRAs', id='loras'):
			build_loras_tab(context.loras, generate_tab.controls.prompt, tabs)
		with gr.Tab('Styles', id='styles'):
			build_styles_tab(styles, generate_tab.controls.styles, demo)
		with gr.Tab('History', id='history'):  # keep last
			history = HistoryService(database=context.database, outputs_dir=settings.outputs_dir)
			build_history_tab(history, context.history_report, generate_tab, tabs, [lora_preview_action(context.loras)])
	return demo


def launch_app(demo: gr.Blocks, settings: Settings, *, block: bool = True, quiet: bool = False) -> tuple[FastAPI, str]:
	"""Serve on the configured address; never shared, never phoning home; returns the app and its local URL."""
	demo.queue(default_concurrency_limit=4)
	app, local_url, _ = demo.launch(
		server_name=settings.host,
		server_port=settings.port,
		auth=settings.auth,
		share=False,
		prevent_thread_lock=not block,
		quiet=quiet,
		allowed_paths=[str(settings.outputs_dir)],
		max_file_size=settings.max_upload,
		enable_monitoring=False,
		footer_links=['api', 'settings'],
		ssr_mode=False,
		pwa=False,
		mcp_server=False,
		head=HEAD,
		css=CSS,
	)
	return app, local_url
