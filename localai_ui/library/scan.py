"""One folder entry read into what the database stores; whatever the file holds, this never raises."""

from localai_ui.library.kind import KindSpec
from localai_ui.library.walk import Entry
from localai_ui.schemas.assets import AssetStatus, D, Family, ScannedAsset
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_errors import PickleRefusedError, UnsupportedModelError, pickle_message


def scan_entry(spec: KindSpec[D], entry: Entry) -> ScannedAsset:
	"""Inspect one entry (pickles and entries with a problem are never opened) and say what it is or why not."""
	name = spec.display_name(entry.relative, entry.format)
	if entry.problem is not None:
		return _refused(entry, name, 'invalid', entry.problem)
	if entry.format == 'pickle':
		return _refused(entry, name, 'unsupported', pickle_message(entry.path.name))
	try:
		found = spec.inspect(entry.path, entry.format)
	except (UnsupportedModelError, PickleRefusedError) as error:
		return _refused(entry, name, 'unsupported', str(error))
	except LocalAIError as error:
		return _refused(entry, name, 'invalid', str(error))
	except RecursionError:
		return _refused(entry, name, 'invalid', f'{entry.path.name}: its header nests too deeply to be a real file')
	except Exception as error:  # one bad file never stops a scan: anything else is reported as what it is
		return _refused(entry, name, 'invalid', f'{entry.path.name}: cannot be read: {type(error).__name__}: {error}')
	return ScannedAsset(
		relative_path=entry.relative,
		name=name,
		format=entry.format,
		family=found.family,
		status='ok',
		problem=None,
		size=entry.size,
		mtime=entry.mtime,
		metadata=dict(found.metadata),
		details_json=found.details.model_dump_json(),
	)


def _refused(entry: Entry, name: str, status: AssetStatus, problem: str) -> ScannedAsset:
	return ScannedAsset(
		entry.relative, name, entry.format, Family.UNKNOWN, status, problem, entry.size, entry.mtime, {}, '{}'
	)


def parse_details(details_type: type[D], text: str) -> D | None:
	"""The stored details of a usable row; None when the text no longer fits the kind (an older version wrote it)."""
	try:
		return details_type.model_validate_json(text)
	except ValueError:
		return None
