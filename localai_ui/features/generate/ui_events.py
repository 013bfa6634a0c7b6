"""The Generate tab's small local events: seed buttons, model refresh, gallery selection, preview settings."""

import gradio as gr

from localai_ui.cores.infotext import parse_infotext
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.generate.ui_controls import GenerateControls, no_model_text
from localai_ui.schemas.progress import PreviewMode
from localai_ui.settings import Preferences

PREVIEW_MODES: tuple[PreviewMode, ...] = ('off', 'cheap', 'full')


def seed_of(infotext: str) -> int:
	"""The seed written in an infotext, or -1 when there is none."""
	value = parse_infotext(infotext).params.get('Seed', '') if infotext else ''
	return int(value) if value.isdigit() else -1


def wire_local_events(c: GenerateControls, service: GenerateService, preferences: Preferences) -> None:
	"""Events that never touch the device; none of them is part of the public API."""

	def random_seed() -> int:
		return -1

	def refresh_models(current: str | None) -> tuple[dict[str, object], str]:
		names = [model.name for model in service.list_models()]
		value = current if current in names else (names[0] if names else None)
		return gr.update(choices=names, value=value), no_model_text(names, service.models_dir)

	def select_image(infotexts: list[str], event: gr.SelectData) -> str:
		index = event.index
		return infotexts[index] if isinstance(index, int) and 0 <= index < len(infotexts) else ''

	def set_preview(mode: str, every: float) -> None:
		for option in PREVIEW_MODES:
			if option == mode:
				preferences.set_preview(option, int(every))

	c.random_seed.click(random_seed, outputs=c.seed, api_visibility='private', queue=False)
	c.reuse_seed.click(seed_of, inputs=c.infotext, outputs=c.seed, api_visibility='private', queue=False)
	c.refresh_models.click(
		refresh_models, inputs=c.model, outputs=[c.model, c.no_model_notice], api_visibility='private'
	)
	c.gallery.select(select_image, inputs=c.infotexts, outputs=c.infotext, api_visibility='private', queue=False)
	for control in (c.preview_mode, c.preview_every):
		control.change(set_preview, inputs=[c.preview_mode, c.preview_every], api_visibility='private', queue=False)
