"""The Generate tab's controls take the stored defaults on each page load (wired in app.py through its handle)."""

from collections.abc import Callable

import gradio as gr

from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.app_settings import GenerationDefaults
from localai_ui.schemas.samplers import schedules_for

DEFAULTED_FIELDS = ('sampler', 'schedule', 'steps', 'cfg_scale', 'width', 'height', 'clip_skip', 'negative_prompt')


def default_updates(started: GenerationDefaults, now: GenerationDefaults, shown: tuple[object, ...]) -> list[object]:
	"""An update for each control that still shows the default the page was built with and whose stored default has
	changed since; a value the user already changed (the page loads while they type) is left alone."""
	updates: list[object] = []
	for name, value in zip(DEFAULTED_FIELDS, shown, strict=True):
		wanted = getattr(now, name)
		if value != getattr(started, name) or value == wanted:
			updates.append(gr.update())
		elif name == 'schedule':
			updates.append(gr.update(choices=list(schedules_for(now.sampler)), value=wanted))
		else:
			updates.append(gr.update(value=wanted))
	return updates


def wire_generate_defaults(
	page: gr.Blocks, generate: GenerateHandle, defaults: Callable[[], GenerationDefaults]
) -> None:
	"""On page load, set Generate's sampler, schedule, steps, CFG, size, clip skip and negative prompt to the defaults
	saved since the app started (the controls were built with the defaults stored at start)."""
	controls = [generate.fields[name] for name in DEFAULTED_FIELDS]
	started = defaults()

	def on_load(*shown: object) -> list[object]:
		return default_updates(started, defaults(), shown)

	page.load(on_load, controls, controls, api_visibility='private', queue=False)
