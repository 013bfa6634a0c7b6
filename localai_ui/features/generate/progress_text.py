"""The Generate tab's progress line as HTML: waiting in line, loading a model, steps with speed and ETA, the end."""

import html

from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.progress import WARMING_TEXT, RunStatus, StepUpdate, Waiting


def line(text: str, kind: str = '') -> str:
	"""One line of text under the bar (escaped); `kind` 'error' shows it in the error colour."""
	css = 'lai-progress-text lai-error' if kind == 'error' else 'lai-progress-text'
	return f'<p class="{css}">{html.escape(text)}</p>'


def format_seconds(seconds: float) -> str:
	whole = round(seconds)
	return f'{whole // 60} min {whole % 60:02d} s' if whole >= 60 else f'{whole} s'


def progress_html(update: StepUpdate) -> str:
	"""A bar plus "Batch 1/2 · Step 3/20 · 4.1 it/s · ETA 5 s", and the pass when it is not the first ("Hires fix")."""
	done = update.batch_index * update.total + update.step
	percent = 100.0 * done / max(1, update.total * update.batch_count)
	parts = [f'Step {update.step}/{update.total}', f'{update.it_per_s:.2f} it/s', f'ETA {format_seconds(update.eta_s)}']
	if update.batch_count > 1:
		parts.insert(0, f'Batch {update.batch_index + 1}/{update.batch_count}')
	if update.phase:  # "Hires fix", or a size --fast could not compile
		parts.append(update.phase)
	return (
		f'<div class="lai-progress" data-percent="{percent:.0f}">'
		f'<div class="lai-progress-bar" style="width:{percent:.1f}%"></div></div>' + line(' · '.join(parts))
	)


def waiting_html(waiting: Waiting) -> str:
	"""'Waiting: 1 run ahead · about 40 s', the estimate from the app's own measured speed."""
	if waiting.warming:
		return line(WARMING_TEXT)
	runs = 'run' if waiting.ahead == 1 else 'runs'
	text = f'Waiting: {waiting.ahead} {runs} ahead'
	if waiting.eta_s is not None:
		text += f' · about {format_seconds(waiting.eta_s)}'
	return line(text)


def loading_html(name: str) -> str:
	return line(f'Loading model {name}… (the first run after a switch waits for it)')


def finished_html(finished: RunFinished) -> str:
	count = len(finished.images)
	noun = 'image' if count == 1 else 'images'
	if finished.status is RunStatus.INTERRUPTED:
		return line(f'Stopped: {count} {noun} kept.' if count else 'Stopped before any image was finished.')
	if finished.status is RunStatus.FAILED:
		return line(f'Failed: {finished.error or "the run failed"}', 'error')
	speed = f' at {finished.it_per_s:.2f} it/s' if finished.it_per_s else ''
	return line(f'Done: {count} {noun}{speed}.')
