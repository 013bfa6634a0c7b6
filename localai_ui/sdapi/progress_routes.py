"""GET /progress, POST /interrupt and /skip: the API's run that holds the device, as A1111's `shared.state` shows
it. A run started in the app's page is its own (its Stop button ends it); /progress still says the device is busy."""

from fastapi import APIRouter

from localai_ui.schemas.engine import DeviceLine
from localai_ui.sdapi.images import png_base64
from localai_ui.sdapi.progress import JobView, ProgressBoard
from localai_ui.sdapi.responses import ProgressResponse, ProgressState

STARTED = 0.01  # A1111 reports 0.01 once a run has begun, before its first step
BUSY_NOTE = 'A run started in the app holds the device.'


def progress_of(view: JobView) -> float:
	"""Batches done plus the share of the current batch, over the batches (0 while the run waits its turn)."""
	if view.waiting:
		return 0.0
	if not view.steps:
		return STARTED
	return min(1.0, max(STARTED, (view.job_no + view.step / view.steps) / max(1, view.job_count)))


def progress_answer(board: ProgressBoard, manager: DeviceLine, *, with_image: bool) -> ProgressResponse:
	view = board.current()
	if view is None:
		busy = manager.busy
		state = ProgressState(job='busy' if busy else '', job_count=1 if busy else 0)
		return ProgressResponse(progress=0.0, eta_relative=0.0, state=state, textinfo=BUSY_NOTE if busy else None)
	state = ProgressState(
		skipped=view.skipped,
		interrupted=view.interrupted,
		job=view.job,
		job_count=view.job_count,
		job_timestamp=view.timestamp,
		job_no=view.job_no,
		sampling_step=view.step,
		sampling_steps=view.steps,
	)
	image = png_base64(view.preview) if with_image and view.preview is not None else None
	eta = 0.0 if view.waiting else view.eta_s
	return ProgressResponse(
		progress=progress_of(view), eta_relative=eta, state=state, current_image=image, textinfo=view.note
	)


def add_progress_routes(router: APIRouter, board: ProgressBoard, manager: DeviceLine) -> None:
	def progress(skip_current_image: bool = False) -> ProgressResponse:
		"""The live preview comes as `current_image` unless `skip_current_image` is true."""
		return progress_answer(board, manager, with_image=not skip_current_image)

	def interrupt() -> dict[str, str]:
		"""Stop the API run that holds the device; it answers with the images made so far."""
		board.stop_current(skip=False)
		return {}

	def skip() -> None:
		"""A1111 skips to the next image; a run here is one job on the device, so skip ends it as interrupt does."""
		board.stop_current(skip=True)

	router.add_api_route('/progress', progress, methods=['GET'], response_model=ProgressResponse)
	router.add_api_route('/interrupt', interrupt, methods=['POST'])
	router.add_api_route('/skip', skip, methods=['POST'])
