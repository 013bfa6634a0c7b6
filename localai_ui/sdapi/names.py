"""A1111's names for models, schedulers and VAEs, mapped onto this app's: a checkpoint's title is its file with the
short hash (`model.safetensors [abc123def0]`), and a client may name it by title, file, name or hash."""

from pathlib import PurePosixPath

from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset, D
from localai_ui.schemas.samplers import SCHEDULE_NAMES
from localai_ui.sdapi.errors import field_error

AUTOMATIC_VAE = 'Automatic'
NO_VAE = 'None'


def model_title(record: Asset[D]) -> str:
	"""A1111's checkpoint title: the file under the models folder, then the AutoV2 hash once it is known."""
	short = record.row.autov2
	return f'{record.relative_path} [{short}]' if short else record.relative_path


def asset_aliases(record: Asset[D]) -> set[str]:
	"""Every way a client may name an entry: its name, file, file stem, title, `name [hash]`, hashes."""
	path = PurePosixPath(record.relative_path)
	names = {record.name, record.relative_path, path.stem, path.name, model_title(record)}
	short = record.row.autov2
	if short:
		names |= {short, f'{record.name} [{short}]'}
	if record.row.sha256:
		names.add(record.row.sha256)
	return names


def find_asset(library: AssetLibrary[D], text: str, field: str) -> Asset[D]:
	"""The usable entry `text` names (exactly, else ignoring case when that is unambiguous); a 422 naming `field`
	lists the titles otherwise."""
	usable = library.usable()
	wanted = text.strip()
	exact = [record for record in usable if wanted in asset_aliases(record)]
	if exact:
		return exact[0]
	folded = [record for record in usable if wanted.casefold() in {a.casefold() for a in asset_aliases(record)}]
	if len(folded) == 1:
		return folded[0]
	titles = ', '.join(model_title(record) for record in usable) or f'none yet (add files to {library.root})'
	raise field_error(field, f'{library.spec.noun} {wanted!r} not found; choose one of: {titles}', wanted)


def schedule_label(name: str | None, field: str) -> str:
	"""A1111's scheduler value (`karras`, `sgm_uniform`, or the label `SGM Uniform`) as this app's schedule type."""
	if not name:
		return SCHEDULE_NAMES[0]
	for label in SCHEDULE_NAMES:
		if name in (label, scheduler_name(label)) or name.casefold() == label.casefold():
			return label
	names = ', '.join(scheduler_name(label) for label in SCHEDULE_NAMES)
	raise field_error(field, f'unknown scheduler {name!r}; choose one of: {names}', name)


def scheduler_name(label: str) -> str:
	"""`SGM Uniform` -> `sgm_uniform`, the names A1111's /schedulers lists."""
	return label.lower().replace(' ', '_')
