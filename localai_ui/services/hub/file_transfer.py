"""Planned hub files fetched one by one through the shared download (.part, Range resume, sha256, cancel, atomic
rename), every target kept inside the target folder, with progress over the whole plan."""

from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.file_errors import DownloadCancelledError, DownloadError
from localai_ui.schemas.hub import HubPickleOnlyError, HubPlanError, HubProgress, PlannedFile
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.services.downloads.download import Validate, download
from localai_ui.services.hub.weight_names import PICKLE_SUFFIXES
from localai_ui.services.safe_paths import inside

HubProgressCallback = Callable[[HubProgress], None]
_ALLOWED_SUFFIXES = ('.safetensors', '.json', '.txt', '.model')


def fetch_planned(
	client: httpx.Client,
	url_of: Callable[[str], str],
	files: Sequence[PlannedFile],
	target_dir: Path,
	*,
	cancel: CancelToken,
	progress: HubProgressCallback,
	validate_weights: Validate,
) -> list[Path]:
	"""Every file of `files` under `target_dir`, in order; a file already there with the listed size is kept."""
	targets = [(planned, _target(target_dir, planned)) for planned in files]
	if len({target for _, target in targets}) != len(targets):
		raise HubPlanError(f'{target_dir.name}: two planned files would be saved under the same name')
	sizes = [planned.size for planned in files]
	total = None if None in sizes else sum(size or 0 for size in sizes)
	finished = 0
	for index, (planned, target) in enumerate(targets, start=1):
		if cancel.cancelled:
			raise DownloadCancelledError(f'{planned.save_as}: download cancelled')

		def report(
			done: int, size: int | None, planned: PlannedFile = planned, index: int = index, before: int = finished
		) -> None:
			progress(HubProgress(planned.save_as, index, len(targets), done, size, before + done, total))

		try:
			target.parent.mkdir(parents=True, exist_ok=True)
			_target(target_dir, planned)
			if not _already_there(target, planned):
				validate = _validator(planned, validate_weights)
				url = url_of(planned.path)
				download(
					url, target, sha256=planned.sha256, cancel=cancel, progress=report, client=client, validate=validate
				)
			size = target.stat().st_size
		except OSError as error:
			raise DownloadError(
				f'{planned.save_as}: cannot write in {target.parent}: {error.strerror or error}'
			) from error
		report(size, size)
		finished += size
	return [target for _, target in targets]


def _target(target_dir: Path, planned: PlannedFile) -> Path:
	"""Where `planned` goes: refused when the hub's name would leave the folder or is not a safe format."""
	for name in (planned.path, planned.save_as):
		if name.lower().endswith(PICKLE_SUFFIXES):
			raise HubPickleOnlyError(f'{name}: pickle files can run code when loaded, so they are never downloaded')
		if not name.lower().endswith(_ALLOWED_SUFFIXES):
			raise HubPlanError(f'{name}: only .safetensors weights and .json/.txt/.model configs are downloaded')
	return inside(target_dir, planned.save_as)


def _already_there(target: Path, planned: PlannedFile) -> bool:
	if not target.exists():
		return False
	if not target.is_file() or (planned.size is not None and target.stat().st_size != planned.size):
		raise DownloadError(
			f'{planned.save_as}: another file of that name is already in {target.parent}; move it away and retry'
		)
	return True


def _validator(planned: PlannedFile, validate_weights: Validate) -> Validate:
	"""Size as listed, then a safetensors header check for weights or a JSON parse for configs."""

	def check(part: Path) -> object:
		size = part.stat().st_size
		if planned.size is not None and size != planned.size:
			raise DownloadError(f'{planned.save_as}: {size} bytes arrived but the hub listed {planned.size}; retry')
		name = planned.save_as.lower()
		if name.endswith('.safetensors'):
			return validate_weights(part)
		if name.endswith('.json'):
			try:
				return parse_json_object(part.read_bytes())
			except (ValueError, RecursionError) as error:
				raise DownloadError(f'{planned.save_as}: not a JSON object ({error})') from error
		return None

	return check
