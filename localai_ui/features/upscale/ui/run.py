"""`/upscale`, the handler behind the Upscale button and the API: a picture in, the saved picture and infotext out."""

from collections.abc import Callable
from pathlib import Path

import gradio as gr

from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.features.upscale.request import parse_upscale
from localai_ui.features.upscale.saving import UpscaleDone
from localai_ui.features.upscale.service import UpscaleService
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.progress import WARMING_TEXT, Started, Waiting

Handler = Callable[..., tuple[str, str]]


def waiting_text(waiting: Waiting) -> str:
	if waiting.warming:
		return WARMING_TEXT
	runs = 'run' if waiting.ahead == 1 else 'runs'
	return f'Waiting: {waiting.ahead} {runs} ahead'


def upscale_handler(service: UpscaleService) -> Handler:
	"""The `/upscale` handler; its parameter names are the API's."""

	def upscale(
		image: str | None = None,
		upscaler: str = 'Lanczos',
		scale: float = 2.0,
		resize_width: int = 0,
		resize_height: int = 0,
		progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio reads the default to inject its tracker
	) -> tuple[str, str]:
		"""Upscale a picture with a resampler or a model upscaler of the upscalers folder; saved and kept in History.

		Args:
			image: the picture (PNG, JPEG or WEBP; at most 8192 px a side).
			upscaler: None, Lanczos, Nearest, Bicubic, or a model upscaler's name (see the Upscale tab's list).
			scale: the factor, 1 to 8 (A1111's "Scale by").
			resize_width: a target width instead of the scale (0: use the scale); with a height, cut to fit.
			resize_height: a target height instead of the scale (0: use the scale).
		Returns:
			The saved PNG (in the outputs folder) and its infotext (`Postprocess upscale by`, `Postprocess upscaler`).
		"""
		if not image:
			raise gr.Error('Upscale needs a picture: upload or paste one first.', print_exception=False)
		with shown_as_message():
			values: dict[str, object] = {'upscaler': upscaler, 'scale': scale}
			values.update(resize_width=resize_width, resize_height=resize_height)
			request = parse_upscale({**values, 'image': service.store(Path(image))})
			for event in service.run(request, CancelToken()):
				if isinstance(event, UpscaleDone):
					return str(event.path), event.infotext
				progress(None, desc=waiting_text(event) if isinstance(event, Waiting) else _running(event, upscaler))
		raise gr.Error('The upscale was stopped before it started.', print_exception=False)

	return upscale


def _running(_: Started, upscaler: str) -> str:
	return f'Upscaling with {upscaler}…'
