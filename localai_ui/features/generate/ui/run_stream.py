"""One stream behind every run endpoint: validate the values, run them as the caller's own run (Stop ends it), and
turn each view into the outputs the tab shows; pictures the caller sent are stored first."""

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import cast

import gradio as gr
from PIL.Image import Image

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.presenter import GenerateView, stream_views
from localai_ui.features.generate.resolve import parse_request
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.errors import LocalAIError

Outputs = tuple[object, ...]
Values = dict[str, object]


def outputs_of(view: GenerateView) -> Outputs:
	"""The view in OutputSection.outputs order; None leaves that output as it is."""
	values = (
		view.gallery,
		view.infotext,
		view.seeds,
		view.result,
		view.progress,
		view.infotexts,
		view.images,
		view.lighter_mode,
	)
	return tuple(gr.update() if value is None else value for value in values)


def _cleaned(values: Mapping[str, object]) -> Values:
	styles = values.get('styles')
	items = cast(list[object], styles) if isinstance(styles, list | tuple) else []
	texts = [str(style) for style in items]
	prompts = {name: values.get(name) or '' for name in ('prompt', 'negative_prompt')}
	return {**values, **prompts, 'styles': tuple(texts)}


class RunStream:
	"""Validate the values, run them as the caller's own run (Stop ends it), stream what the tab shows."""

	def __init__(self, service: GenerateService, runs: ActiveRuns) -> None:
		self.service = service
		self._runs = runs

	def __call__(self, values: Mapping[str, object], request: gr.Request | None) -> Iterator[Outputs]:
		owner = request.session_hash if request and request.session_hash else 'api'
		try:
			parsed = parse_request(_cleaned(values))
			with self._runs.track(owner) as cancel:
				for view in stream_views(self.service, parsed, cancel):
					yield outputs_of(view)
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	def store(self, source: str | Path | Image | None, what: str) -> str | None:
		"""Keep a picture the caller sent in the data folder; the name the request records."""
		if source is None or source == '':
			return None
		try:
			picture = source if isinstance(source, Image) else Path(source)
			return self.service.resolver.inputs.store(picture, what)
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error
