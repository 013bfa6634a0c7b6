"""Turns the use case's updates into what the Generate tab shows; no Gradio here, so it is tested directly.

The result pane shows the live preview while a run goes on and the final image when it is done.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from PIL.Image import Image

from localai_ui.features.generate.progress_text import finished_html, line, loading_html, progress_html, waiting_html
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import GenerationError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import SavedBatch, SavedImage
from localai_ui.schemas.progress import ModelLoading, RunStatus, StepUpdate, Waiting

GalleryItem = tuple[str, str]


@dataclass(frozen=True)
class GenerateView:
	"""One refresh of the tab; None means "leave that output as it is"."""

	progress: str
	result: Image | str | None = None
	gallery: list[GalleryItem] | None = None
	infotext: str | None = None
	seeds: list[int] | None = None
	infotexts: list[str] | None = None
	images: list[str] | None = None
	lighter_mode: str = ''  # the memory mode to offer when the run ends; every other view clears the last run's offer


def gallery_items(images: list[SavedImage]) -> list[GalleryItem]:
	return [
		(str(image.shown or image.path), f'Seed {image.seed}' + (' (flagged)' if image.flagged else ''))
		for image in images
	]


def stream_views(service: GenerateService, request: GenerationRequest, cancel: CancelToken) -> Iterator[GenerateView]:
	"""Run `request` and describe each change of the tab; a failed run shows why, then raises GenerationError."""
	saved: list[SavedImage] = []
	yield GenerateView(progress=line('Starting…'))
	for update in service.run(request, cancel):
		if isinstance(update, Waiting):
			yield GenerateView(progress=waiting_html(update))
		elif isinstance(update, ModelLoading):
			yield GenerateView(progress=loading_html(update.name))
		elif isinstance(update, StepUpdate):
			yield GenerateView(progress=progress_html(update), result=update.preview)
		elif isinstance(update, SavedBatch):
			saved.extend(update.images)
			yield GenerateView(
				progress=line('Saving…'),
				result=str(saved[0].shown or saved[0].path),
				gallery=gallery_items(saved),
				infotext=saved[0].infotext,
				infotexts=[image.infotext for image in saved],
				images=[str(image.path) for image in saved],
			)
		else:
			yield GenerateView(
				progress=finished_html(update),
				result=str(saved[0].shown or saved[0].path) if saved else None,
				gallery=gallery_items(saved),
				infotext=saved[0].infotext if saved else '',
				seeds=[image.seed for image in saved] or list(update.seeds),
				infotexts=[image.infotext for image in saved],
				images=[str(image.path) for image in saved],
				lighter_mode=update.lighter_mode.value if update.lighter_mode else '',
			)
			if update.status is RunStatus.FAILED:
				raise GenerationError(update.error or 'The run failed.')
