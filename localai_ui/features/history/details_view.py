"""One history image as a person reads it: the settings that made it, when, how long, and how the run ended."""

from datetime import UTC, datetime

from localai_ui.features.history.presenter import LORA, settings_of
from localai_ui.schemas.history import HistoryDetails
from localai_ui.schemas.records import RunMode
from localai_ui.services.png_info.infotext import parse_infotext

MODE_LABELS: dict[RunMode, str] = {
	'txt2img': 'Text to image',
	'img2img': 'Image to image',
	'inpaint': 'Inpaint',
	'upscale': 'Upscale',
}
UPSCALE_KEYS = ('Postprocess upscale by', 'Postprocess upscale to')


def local_time(moment: datetime) -> str:
	"""The moment in this machine's time zone, to the second (stored times are UTC)."""
	aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
	return aware.astimezone().strftime('%Y-%m-%d %H:%M:%S')


def number(value: float) -> str:
	"""7.0 as '7', 6.5 as '6.5'."""
	return f'{value:g}'


def _took(details: HistoryDetails) -> str:
	run = details.generation
	parts: list[str] = []
	if run.finished_at is not None:
		parts.append(f'{(run.finished_at - run.started_at).total_seconds():.2f} s')
	if run.it_per_s is not None:
		parts.append(f'{run.it_per_s:.2f} it/s')
	return ' · '.join(parts)


def detail_rows(details: HistoryDetails, file_exists: bool = True) -> list[tuple[str, str]]:
	"""Label and value of every setting worth reading; the prompts are shown apart, in plain-text boxes.

	Text to image, the usual kind, says no mode; an upscale shows its upscaler, factor and source instead.
	"""
	run = details.generation
	if run.mode == 'upscale':
		return _upscale_rows(details, file_exists)
	settings = settings_of(details)
	loras = ', '.join(f'{name} ({weight})' for name, weight in LORA.findall(run.prompt))
	model = f'{run.model_name} [{run.model_hash}]' if run.model_hash else run.model_name
	rows = [
		('Mode', MODE_LABELS[run.mode] if run.mode != 'txt2img' else ''),
		('Model', model),
		('Sampler', f'{run.sampler} · {run.schedule}'),
		('Steps', str(run.steps)),
		('CFG scale', number(run.cfg_scale)),
		('Size', f'{details.width}x{details.height}'),
		('Seed', str(details.item.seed)),
		('Clip skip', str(settings.clip_skip or 1)),
		('Styles', ', '.join(settings.styles or ())),
		('LoRAs', loras),
		*_outcome(details, file_exists),
	]
	return [(label, value) for label, value in rows if value]


def _upscale_rows(details: HistoryDetails, file_exists: bool) -> list[tuple[str, str]]:
	run = details.generation
	params = parse_infotext(run.infotext).params
	factor = next(
		(f'{key.removeprefix("Postprocess upscale ")} {params[key]}' for key in UPSCALE_KEYS if key in params), ''
	)
	rows = [
		('Mode', MODE_LABELS['upscale']),
		('Upscaler', run.model_name),
		('Upscale', factor),
		('Size', f'{details.width}x{details.height}'),
		('Source', run.source or ''),
		*_outcome(details, file_exists),
	]
	return [(label, value) for label, value in rows if value]


def _outcome(details: HistoryDetails, file_exists: bool) -> list[tuple[str, str]]:
	"""When, how long, how it ended and where the file is: the same for every kind of run."""
	run = details.generation
	return [
		('When', local_time(details.item.created_at)),
		('Took', _took(details)),
		('Status', run.status.value.capitalize()),
		('Error', run.error or ''),
		('File', details.item.path + ('' if file_exists else ' (missing)')),
	]
