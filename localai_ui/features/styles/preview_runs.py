"""Previews made on request: one run per chosen style with the current model and a fixed prompt, on the device queue
like any run (the runs are in History too); each finished image becomes that style's preview."""

from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from typing import Protocol

from localai_ui.features.styles.service import StylesService
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished

PREVIEW_PROMPT = 'a lighthouse on a cliff at dusk'


class RequestRunner(Protocol):
	"""The Generate use case as the previews need it (app.py hands it over; the tabs never import each other)."""

	def run(self, request: GenerationRequest, cancel: CancelToken) -> Generator[object]: ...


def finished_run(runner: RequestRunner, request: GenerationRequest, cancel: CancelToken) -> RunFinished | None:
	"""Run one request to its end; the RunFinished it ends with (None when it stopped before it ran)."""
	finished: RunFinished | None = None
	with closing(runner.run(request, cancel)) as updates:
		for update in updates:
			if isinstance(update, RunFinished):
				finished = update
	return finished


def render_previews(
	styles: StylesService, runner: RequestRunner, names: Sequence[str], base: GenerationRequest, cancel: CancelToken
) -> Iterator[str]:
	"""Yield a line per style as it starts, then a summary; a failed run is named there and the others go on."""
	chosen = [styles.get(name) for name in names]
	done: list[str] = []
	failed: list[str] = []
	for number, style in enumerate(chosen, 1):
		yield f'Rendering the preview of **{plain(style.name)}** ({number}/{len(chosen)})...'
		update = {'prompt': PREVIEW_PROMPT, 'styles': (style.name,), 'batch_count': 1, 'batch_size': 1}
		finished = finished_run(runner, base.model_copy(update=update), cancel)
		if cancel.cancelled:
			break
		if finished is None or not finished.images:
			failed.append(plain(f'{style.name} ({finished.error if finished and finished.error else "no image"})'))
			continue
		styles.previews.set_from_file(style, finished.images[0].path)
		done.append(plain(style.name))
	summary = f'Previews set: {", ".join(done) or "none"}.'
	yield summary + (f' Failed: {"; ".join(failed)}.' if failed else '')
