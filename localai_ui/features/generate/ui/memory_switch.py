"""One click from an out-of-memory failure to the lighter memory mode it names: a button under the run's status line,
shown only after such a failure, that stores the mode as the Settings tab does (`/use_lighter_memory`)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import gradio as gr
from gradio.events import Dependency

from localai_ui.features.ui_common.endpoints import shown_as_message

PRIVATE = 'private'
Update = dict[str, object]


@dataclass(frozen=True)
class MemorySwitch:
	"""`suggested` is what the last run offers ('' for nothing); `mode` the mode the shown button stores."""

	button: gr.Button
	mode: gr.Textbox
	message: gr.Markdown
	suggested: gr.State


def build_memory_switch() -> MemorySwitch:
	button = gr.Button(
		'Switch to a lighter memory mode',
		size='sm',
		visible=False,
		scale=0,
		min_width=240,
		elem_id='use-lighter-memory',
	)
	mode = gr.Textbox('', visible=False, label='Memory mode', elem_id='lighter-memory-mode')
	message = gr.Markdown('', elem_id='memory-switch-message')
	return MemorySwitch(button, mode, message, gr.State(''))


def offer(suggested: str) -> tuple[Update, str, str, str]:
	"""After each run: the button when it ran out of memory with a lighter mode left, else nothing. Each view of a run
	sets the suggestion (cleared until the last), so a run that fails after it started never shows an older offer; it
	is used up here too, for a run refused before it starts (a bad value)."""
	if not suggested:
		return gr.update(visible=False), '', '', ''
	return gr.update(visible=True, value=f'Switch to {suggested} memory mode'), suggested, '', ''


def wire_memory_switch(switch: MemorySwitch, runs: Sequence[Dependency], use_mode: Callable[[str], str]) -> None:
	"""Offer the switch after each of `runs`; the click stores the mode through `use_mode` and says what it did."""
	offered = [switch.button, switch.mode, switch.message, switch.suggested]
	for run in runs:
		# Gradio's page runs .then listeners after a success or a cancel, .failure ones after an error (a failed run).
		run.then(offer, switch.suggested, offered, api_visibility=PRIVATE, queue=False)
		run.failure(offer, switch.suggested, offered, api_visibility=PRIVATE, queue=False)

	def use_lighter_memory(mode: str) -> tuple[Update, str]:
		"""Switch to the lighter GPU memory mode an out-of-memory error named, from the next run on (no restart);
		a `--memory`, `--medvram` or `--lowvram` flag given at start wins and nothing is stored.

		Args:
			mode: high, medium or low (the mode the error offered).
		Returns:
			What was done: "Memory mode is now medium; run again.", or which flag wins.
		"""
		with shown_as_message():
			done = use_mode(mode)
		return gr.update(visible=False), done

	switch.button.click(
		use_lighter_memory,
		switch.mode,
		[switch.button, switch.message],
		api_name='use_lighter_memory',
		api_visibility='public',
		queue=False,
	)
