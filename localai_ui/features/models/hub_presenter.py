"""What the Hugging Face section and its API show (no Gradio here): search rows, a repo's details, its files."""

from localai_ui.features.library_views import Json, human_size
from localai_ui.features.models.hub_downloads import HubStarted
from localai_ui.features.models.hub_targets import HUB_TARGETS, HubTarget
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.hub import HubDetails, HubError, HubFamily, HubModel, HubSort
from localai_ui.services.hub import plan_repo_download, single_file_choices

RESULT_HEADERS = ['Repo', 'Family', 'Downloads', 'Likes', 'Gated']
FILE_HEADERS = ['File', 'Size', 'Whole-repo download']
FAMILY_CHOICES = ['any', *(family.value for family in HubFamily if family is not HubFamily.OTHER)]


def family_from(choice: str) -> HubFamily | None:
	"""'any' (or empty) is no filter; any other value must be a family the hub can be filtered on."""
	text = choice.strip().lower()
	if text not in FAMILY_CHOICES and text:
		raise InvalidRequestError(f'{choice!r}: the family filter is one of {", ".join(FAMILY_CHOICES)}')
	return None if text in ('', 'any') else HubFamily(text)


def checked_sort(sort: str) -> HubSort:
	if sort not in ('downloads', 'likes'):
		raise InvalidRequestError(f'{sort!r}: sort is "downloads" or "likes"')
	return sort


def checked_target(target: str) -> HubTarget:
	if target not in HUB_TARGETS:
		raise InvalidRequestError(f'{target!r}: the target is one of {", ".join(HUB_TARGETS)}')
	return target


def model_dict(model: HubModel) -> Json:
	return {
		'id': model.id,
		'author': model.author,
		'downloads': model.downloads,
		'likes': model.likes,
		'family': model.family.value,
		'gated': model.gated,
		'tags': list(model.tags),
		'last_modified': model.last_modified.isoformat() if model.last_modified else None,
	}


def result_rows(models: list[HubModel]) -> list[list[str]]:
	return [
		[model.id, model.family.value, f'{model.downloads:,}', f'{model.likes:,}', 'yes' if model.gated else '']
		for model in models
	]


def needed_files(details: HubDetails, fp16: bool = False) -> tuple[list[str], str | None]:
	"""The files a whole-repo download fetches, or why it cannot (not diffusers, gated, pickles only)."""
	if not details.is_diffusers:
		return [], 'not a diffusers repo: download one of its .safetensors files on its own'
	try:
		plan = plan_repo_download(details, 'fp16' if fp16 else None)
	except HubError as error:
		return [], str(error)
	return [file.path for file in plan.files], None


def details_dict(details: HubDetails) -> Json:
	needed, problem = needed_files(details)
	return {
		**model_dict(details.model),
		'license': details.license,
		'summary': details.summary,
		'revision': details.revision,
		'diffusers': details.is_diffusers,
		'components': list(details.components or ()),
		'files': [{'file': file.path, 'size': file.size} for file in details.files],
		'single_files': [file.path for file in single_file_choices(details)],
		'repo_download': needed,
		'repo_download_problem': problem,
	}


def file_rows(details: HubDetails, fp16: bool = False) -> list[list[str]]:
	needed = set(needed_files(details, fp16)[0])
	return [
		[file.path, human_size(file.size) if file.size is not None else '?', 'yes' if file.path in needed else '']
		for file in details.files
	]


def details_markdown(details: HubDetails) -> str:
	"""License, family, tags and the card's summary, every hub-given text shown as written."""
	model = details.model
	gated = ' · **Gated:** needs a token with access (Settings → Hugging Face)' if model.gated else ''
	lines = [
		f'### {plain(model.id)}',
		f'**License:** {plain(details.license or "not stated")} · **Family:** {model.family.value} · '
		f'**Downloads:** {model.downloads:,} · **Likes:** {model.likes:,}{gated}',
		f'**Tags:** {plain(", ".join(model.tags[:20]) or "none")}',
		plain(details.summary) if details.summary else '_The repo has no model card summary._',
	]
	return '\n\n'.join(lines)


def started_dict(started: HubStarted, status_endpoint: str) -> Json:
	"""The new download as /download_status shows it, with its plan and where to follow it."""
	status = started.status
	return {
		'id': status.id,
		'name': status.name,
		'state': status.state,
		'received': status.received,
		'total': status.total or started.plan.total_size or None,
		'error': status.error,
		'target': started.target,
		'status_endpoint': status_endpoint,
		'files': [file.save_as for file in started.plan.files],
	}
