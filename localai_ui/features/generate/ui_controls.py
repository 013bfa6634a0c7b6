"""The Generate tab's components (split from ui.py to keep each file focused)."""

from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from gradio.components import Component

from localai_ui.features.generate.ui_prompt_tools import PromptHelpers, embedding_picker, token_counter
from localai_ui.schemas.generation import MAX_SIDE, MIN_SIDE
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE, SAMPLER_NAMES, SCHEDULE_NAMES
from localai_ui.settings import Preferences


@dataclass(frozen=True)
class GenerateControls:
	"""Every component of the tab; `inputs` is in the order of the /generate parameters."""

	prompt: gr.Textbox
	negative_prompt: gr.Textbox
	model: gr.Dropdown
	refresh_models: gr.Button
	sampler: gr.Dropdown
	schedule: gr.Dropdown
	steps: gr.Slider
	cfg_scale: gr.Slider
	width: gr.Slider
	height: gr.Slider
	seed: gr.Number
	random_seed: gr.Button
	reuse_seed: gr.Button
	batch_count: gr.Slider
	batch_size: gr.Slider
	generate: gr.Button
	stop: gr.Button
	preview_mode: gr.Radio
	preview_every: gr.Slider
	no_model_notice: gr.Markdown
	preview: gr.Image
	progress: gr.HTML
	gallery: gr.Gallery
	infotext: gr.Textbox
	seeds: gr.JSON
	infotexts: gr.State
	styles: gr.Dropdown
	helpers: PromptHelpers
	clip_skip: gr.Slider

	@property
	def inputs(self) -> list[Component]:
		return [
			self.prompt,
			self.negative_prompt,
			self.model,
			self.sampler,
			self.schedule,
			self.steps,
			self.cfg_scale,
			self.width,
			self.height,
			self.seed,
			self.batch_count,
			self.batch_size,
			self.styles,
			self.clip_skip,
		]

	@property
	def outputs(self) -> list[Component]:
		return [self.gallery, self.infotext, self.seeds, self.preview, self.progress, self.infotexts]


def no_model_text(models: list[str], models_dir: Path) -> str:
	if models:
		return ''
	return (
		f'**No model yet.** Put a checkpoint (`.safetensors`) or a diffusers model folder in `{models_dir}`, '
		'or add one in the Models tab, then press 🔄 next to the model list.'
	)


def build_controls(
	models: list[str], embeddings: list[str], models_dir: Path, preferences: Preferences
) -> GenerateControls:
	"""Create the components inside the current Blocks context."""
	notice = gr.Markdown(no_model_text(models, models_dir), elem_id='no-model-notice')
	with gr.Row():
		with gr.Column(scale=3):
			prompt = gr.Textbox(label='Prompt', lines=3, placeholder='Ctrl+Enter generates', elem_id='prompt')
			prompt_tokens = token_counter('prompt-tokens')
			negative = gr.Textbox(label='Negative prompt', lines=2, elem_id='negative-prompt')
			negative_tokens = token_counter('negative-tokens')
			styles = gr.Dropdown(
				[],
				value=[],
				multiselect=True,
				allow_custom_value=True,
				label='Styles',
				info='Applied in the order chosen; the Styles tab shows and edits them.',
				elem_id='styles',
			)
		with gr.Column(scale=1, min_width=200):
			generate = gr.Button('Generate', variant='primary', elem_id='generate')
			stop = gr.Button('Stop', variant='stop', elem_id='stop')
			embedding, embedding_notes = embedding_picker(embeddings)
	with gr.Row():
		with gr.Column(scale=1):
			with gr.Row():
				model = gr.Dropdown(
					models, value=models[0] if models else None, label='Model', allow_custom_value=True, scale=4
				)
				refresh = gr.Button('🔄', scale=0, min_width=48, elem_id='refresh-models')
			with gr.Row():
				sampler = gr.Dropdown(
					list(SAMPLER_NAMES), value=DEFAULT_SAMPLER, label='Sampler', allow_custom_value=True
				)
				schedule = gr.Dropdown(list(SCHEDULE_NAMES), value=DEFAULT_SCHEDULE, label='Schedule type')
			steps = gr.Slider(1, 150, value=20, step=1, label='Steps')
			with gr.Row():
				cfg_scale = gr.Slider(1, 30, value=7, step=0.5, label='CFG scale', scale=3)
				clip_skip = gr.Slider(1, 12, value=1, step=1, label='Clip skip', scale=1, elem_id='clip-skip')
			with gr.Row():
				width = gr.Slider(MIN_SIDE, MAX_SIDE, value=512, step=8, label='Width')
				height = gr.Slider(MIN_SIDE, MAX_SIDE, value=512, step=8, label='Height')
			with gr.Row():
				seed = gr.Number(-1, label='Seed (-1 = random)', precision=0, scale=4, elem_id='seed')
				random_seed = gr.Button('🎲', scale=0, min_width=48, elem_id='random-seed')
				reuse_seed = gr.Button('♻️', scale=0, min_width=48, elem_id='reuse-seed')
			with gr.Row():
				batch_count = gr.Slider(1, 100, value=1, step=1, label='Batch count')
				batch_size = gr.Slider(1, 8, value=1, step=1, label='Batch size')
			with gr.Accordion('Live preview', open=False):
				current = preferences.current_preview()
				preview_mode = gr.Radio(['off', 'cheap', 'full'], value=current.mode, label='Preview')
				preview_every = gr.Slider(1, 20, value=current.every_n_steps, step=1, label='Every N steps')
		with gr.Column(scale=1):
			preview = gr.Image(label='Live preview', type='pil', format='jpeg', interactive=False, height=256)
			progress = gr.HTML(label='Progress', elem_id='progress')
			gallery = gr.Gallery(label='Images', columns=2, elem_id='gallery', interactive=False, format='png')
			infotext = gr.Textbox(label='Generation parameters', lines=4, interactive=False, elem_id='infotext')
			seeds = gr.JSON(label='Seeds', elem_id='seeds')
	return GenerateControls(
		prompt, negative, model, refresh, sampler, schedule, steps, cfg_scale, width, height, seed, random_seed,
		reuse_seed, batch_count, batch_size, generate, stop, preview_mode, preview_every, notice, preview, progress,
		gallery, infotext, seeds, gr.State([]), styles,
		PromptHelpers(prompt_tokens, negative_tokens, embedding, embedding_notes), clip_skip,
	)  # fmt: skip
