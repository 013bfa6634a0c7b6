"""The hub's JSON answers (search hits, model info, tree listings, model_index.json) turned into records."""

import re
from typing import cast

from localai_ui.schemas.hub import HubFile, HubModel, HubServerError
from localai_ui.services.hub.answer_fields import as_object, as_objects, child, number, text, texts, timestamp
from localai_ui.services.hub.families import guess_family

_SHA256 = re.compile(r'^[0-9a-f]{64}$')
_COMMIT = re.compile(r'^[0-9a-f]{40}$')


def model_from(entry: dict[str, object], what: str) -> HubModel:
	"""A search hit or the head of a model info answer."""
	repo_id = text(entry, 'id') or text(entry, 'modelId')
	if not repo_id:
		raise HubServerError(f'{what}: the hub answered a model without an id')
	tags = texts(entry, 'tags')
	gated = entry.get('gated')
	return HubModel(
		id=repo_id,
		author=text(entry, 'author') or repo_id.partition('/')[0],
		downloads=number(entry, 'downloads') or 0,
		likes=number(entry, 'likes') or 0,
		tags=tags,
		pipeline_tag=text(entry, 'pipeline_tag'),
		family=guess_family(repo_id, tags),
		gated=gated not in (None, False, '', 'false'),
		last_modified=timestamp(entry, 'lastModified'),
	)


def files_from_siblings(entry: dict[str, object], what: str) -> list[HubFile]:
	"""`siblings` of a model info answer (`?blobs=true` adds `size` and `lfs.sha256`)."""
	siblings = as_objects(entry.get('siblings') or [], what)
	return [
		HubFile(path, number(sibling, 'size'), _sha256(text(child(sibling, 'lfs'), 'sha256')))
		for sibling in siblings
		if (path := text(sibling, 'rfilename'))
	]


def files_from_tree(items: object, what: str) -> list[HubFile]:
	"""The files of a `tree/<revision>?recursive=true` page (folders are listed too: dropped)."""
	return [
		HubFile(path, number(item, 'size'), _sha256(text(child(item, 'lfs'), 'oid')))
		for item in as_objects(items, what)
		if text(item, 'type') == 'file' and (path := text(item, 'path'))
	]


def license_of(entry: dict[str, object], tags: tuple[str, ...]) -> str | None:
	"""The card's `license` (a name or a list of names), else a `license:` tag."""
	card = child(entry, 'cardData')
	named = text(card, 'license') or ', '.join(texts(card, 'license'))
	if named:
		return named
	return next((tag.partition(':')[2] for tag in tags if tag.startswith('license:')), None)


def revision_of(entry: dict[str, object]) -> str:
	"""The commit the answer describes, so every file comes from the same one (and a resume too)."""
	sha = text(entry, 'sha') or ''
	return sha if _COMMIT.match(sha) else 'main'


def components_of(model_index: object, what: str) -> tuple[str, ...]:
	"""The pipeline folders model_index.json names: entries `[library, class]` (`[null, null]` means unused)."""
	entries = as_object(model_index, what)
	return tuple(
		name
		for name, value in entries.items()
		if not name.startswith('_') and _component(value) and '/' not in name and name not in ('.', '..')
	)


def _component(value: object) -> bool:
	if not isinstance(value, list):
		return False
	parts = cast(list[object], value)
	return len(parts) == 2 and all(isinstance(part, str) for part in parts)


def _sha256(value: str | None) -> str | None:
	return value.lower() if value and _SHA256.match(value.lower()) else None
