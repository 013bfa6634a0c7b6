"""The Generate tab, built by page section: prompt and parameters on the left, the result pane on the right."""

from collections.abc import Callable

import gradio as gr

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.generate.ui.extra_networks import build_extra_networks
from localai_ui.features.generate.ui.image_inputs import build_image_settings
from localai_ui.features.generate.ui.memory_switch import wire_memory_switch
from localai_ui.features.generate.ui.model_list import wire_model_list
from localai_ui.features.generate.ui.modes import build_modes, wire_modes, wire_send_to_img2img
from localai_ui.features.generate.ui.output import build_output
from localai_ui.features.generate.ui.parameters import build_parameters
from localai_ui.features.generate.ui.prompt import build_prompt_section, wire_token_counters
from localai_ui.features.generate.ui.run import build_run_buttons, wire_run
from localai_ui.features.generate.ui.run_stream import RunStream
from localai_ui.features.generate.ui.sampler_api import register_sampler_api
from localai_ui.features.generate.ui.seed import wire_seed_buttons
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES, IMAGE_FIELD_NAMES
from localai_ui.schemas.loras import LoraDetails
from localai_ui.services.system_info.facts import TorchFacts


def build_generate_tab(
	page: gr.Blocks,
	service: GenerateService,
	runs: ActiveRuns,
	preferences: Preferences,
	tools: PromptTools,
	loras: AssetLibrary[LoraDetails],
	machine: Callable[[], TorchFacts],
) -> GenerateHandle:
	"""Lay out the tab (call inside its gr.Tab) and wire it; `/generate` is its public endpoint. `machine` gives the
	GPU facts the no-model notice advises on (the engine's: filled on page load)."""
	notice = gr.Markdown(elem_id='no-model-notice')
	# Three areas laid out by CSS grid (page_style.py): prompt and parameters on the left with the result pane on the
	# right; on a tablet the result comes right after the prompt, before the parameters.
	with gr.Row(equal_height=False, elem_id='generate-layout'):
		with gr.Column(min_width=0, elem_id='generate-inputs'):
			prompt = build_prompt_section(preferences.defaults().negative_prompt)
			build_extra_networks(tools, loras, prompt.prompt)
			modes = build_modes()
		with gr.Column(min_width=0, elem_id='generate-result'):
			buttons = build_run_buttons()
			output = build_output()
		with gr.Column(min_width=0, elem_id='generate-parameters'):
			parameters = build_parameters(preferences)
			image_settings = build_image_settings()
	fields = {
		**parameters.fields,
		**modes.hires,
		**image_settings.fields,
		'prompt': prompt.prompt,
		'negative_prompt': prompt.negative_prompt,
		'styles': prompt.styles,
	}
	missing = [name for name in (*GENERATE_FIELD_NAMES, *IMAGE_FIELD_NAMES) if name not in fields]
	if missing:
		raise RuntimeError(f'the Generate tab has no control for the public fields {missing}')
	run_events = wire_run(buttons, fields, modes, output, runs, RunStream(service, runs))
	wire_memory_switch(output.memory, run_events, preferences.use_memory_mode)
	switch = wire_modes(modes, buttons.runs, image_settings)
	wire_send_to_img2img(output.send_img2img, output.result, modes, switch)
	wire_token_counters(prompt, parameters.model, tools)
	wire_model_list(parameters.model, parameters.refresh_models, notice, service, page, machine)
	wire_seed_buttons(parameters, output)
	register_sampler_api()
	return GenerateHandle(
		fields,
		prompt.prompt,
		prompt.negative_prompt,
		parameters.model,
		prompt.styles,
		modes.init_image,
		modes.mask_upload,
		switch,
		service.resolver.inputs.existing,
		output.result,
		output.send_upscale,
		prompt.style_cards,
	)
