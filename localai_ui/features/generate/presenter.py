"""Turns the use case's updates into what the Generate tab shows; no Gradio here, so it is tested directly."""

from collections.abc import Iterator
from dataclasses import dataclass

from PIL.Image import Image

from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.errors import GenerationError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished, SavedBatch, SavedImage
from localai_ui.schemas.progress import RunStatus, StepUpdate

GalleryItem = tuple[str, str]


@dataclass(frozen=True)
class GenerateView:
	"""One refresh of the tab; None means "leave that output as it is"."""

	progress: str
	gallery: list[GalleryItem] | None = None
	infotext: str | None = None
	seeds: list[int] | None = None
	preview: Image | None = None
	infotexts: list[str] | None = None


def progress_html(update: StepUpdate) -> str:
	"""A bar plus "Batch 1/2 · Step 3/20 · 4.1 it/s · ETA 5 s"."""
	done = update.batch_index * update.total + update.step
	percent = 100.0 * done / max(1, update.total * update.batch_count)
	parts = [f'Step {update.step}/{update.total}', f'{update.it_per_s:.2f} it/s', f'ETA {format_seconds(update.eta_s)}']
	if update.batch_count > 1:
		parts.insert(0, f'Batch {update.batch_index + 1}/{update.batch_count}')
	return (
		f'<div class="lai-progress" data-percent="{percent:.0f}">'
		f'<div class="lai-progress-bar" style="width:{percent:.1f}%"></div></div>'
		f'<p class="lai-progress-text">{" · ".join(parts)}</p>'
	)


def finished_html(finished: RunFinished) -> str:
	count = len(finished.images)
	noun = 'image' if count == 1 else 'images'
	speed = f' at {finished.it_per_s:.2f} it/s' if finished.it_per_s else ''
	if finished.status is RunStatus.INTERRUPTED:
		return f'<p class="lai-progress-text">Stopped: {count} finished {noun} kept.</p>'
	return f'<p class="lai-progress-text">Done: {count} {noun}{speed}.</p>'


def format_seconds(seconds: float) -> str:
	whole = round(seconds)
	return f'{whole // 60} min {whole % 60:02d} s' if whole >= 60 else f'{whole} s'


def gallery_items(images: list[SavedImage]) -> list[GalleryItem]:
	return [(str(image.path), f'Seed {image.seed}') for image in images]


def stream_views(service: GenerateService, request: GenerationRequest, cancel: CancelToken) -> Iterator[GenerateView]:
	"""Run `request` and describe each change of the tab; a failed run raises GenerationError with its message."""
	saved: list[SavedImage] = []
	last_preview: Image | None = None
	yield GenerateView(progress='<p class="lai-progress-text">Starting…</p>')
	for update in service.run(request, cancel):
		if isinstance(update, StepUpdate):
			last_preview = update.preview or last_preview
			yield GenerateView(progress=progress_html(update), preview=update.preview)
		elif isinstance(update, SavedBatch):
			saved.extend(update.images)
			yield GenerateView(
				progress='<p class="lai-progress-text">Saving…</p>',
				gallery=gallery_items(saved),
				infotext=saved[0].infotext,
				infotexts=[image.infotext for image in saved],
			)
		else:
			if update.status is RunStatus.FAILED:
				raise GenerationError(update.error or 'The run failed.')
			yield GenerateView(
				progress=finished_html(update),
				gallery=gallery_items(saved),
				infotext=saved[0].infotext if saved else '',
				seeds=[image.seed for image in saved] or list(update.seeds),
				preview=last_preview,
				infotexts=[image.infotext for image in saved],
			)
