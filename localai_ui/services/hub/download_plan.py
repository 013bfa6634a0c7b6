"""Download plans: the files a diffusers pipeline needs from a repo, or one single-file checkpoint (pure: no I/O)."""

from collections.abc import Sequence

from localai_ui.schemas.hub import (
	HubDetails,
	HubDownloadPlan,
	HubFile,
	HubGatedError,
	HubNotFoundError,
	HubPickleOnlyError,
	HubPlanError,
	HubVariant,
	PlannedFile,
	SkippedFile,
)
from localai_ui.services.hub.component_choice import SKIP_FOREIGN, SKIP_PICKLE, SKIP_UNUSED, choose_component_files
from localai_ui.services.hub.weight_names import PICKLE_SUFFIXES, name_kind
from localai_ui.services.safe_paths import checked_name

MODEL_INDEX = 'model_index.json'
SKIP_SAFETY_CHECKER = 'safety checker: the app runs without it'
SKIP_CHECKPOINT = 'single-file checkpoint: download it on its own if you want it'
SKIP_NOT_COMPONENT = 'not a pipeline folder named in model_index.json'


def plan_repo_download(
	details: HubDetails, variant: HubVariant | None, *, leave_out: Sequence[str] = ('safety_checker',)
) -> HubDownloadPlan:
	"""model_index.json (last) and, per component folder, its configs and one set of .safetensors weights.

	HubPickleOnlyError when a component's weights exist only as pickles; HubPlanError when there is no pipeline.
	"""
	repo = details.model.id
	if not details.is_diffusers:
		names = ', '.join(file.path for file in single_file_choices(details)) or 'none'
		raise HubPlanError(
			f'{repo}: not a diffusers repo (it has no model_index.json); download one of its .safetensors files '
			f'on its own instead (found: {names})'
		)
	if details.components is None:
		raise HubGatedError(f'{repo}: its model_index.json is gated; give a token with access and open the repo again')
	folders: dict[str, list[HubFile]] = {name: [] for name in details.components if name not in leave_out}
	chosen: list[PlannedFile] = []
	skipped: list[SkippedFile] = []
	for file in details.files:
		parts = file.path.split('/')
		if len(parts) == 2 and parts[0] in folders:
			folders[parts[0]].append(file)
		elif file.path != MODEL_INDEX:
			skipped.append(SkippedFile(file.path, _reason_outside(parts, leave_out)))
	for name, files in folders.items():
		choice = choose_component_files(files, variant)
		if choice.weightless is not None:
			found = ', '.join(file.path for file in files if name_kind(file.path.rsplit('/', 1)[-1]).kind != 'config')
			refusal = HubPickleOnlyError if choice.weightless == 'pickle' else HubPlanError
			raise refusal(_weightless_message(repo, name, choice.weightless, found))
		chosen.extend(choice.files)
		skipped.extend(choice.skipped)
	index = next(file for file in details.files if file.path == MODEL_INDEX)
	chosen.append(PlannedFile(index.path, index.path, index.size, index.sha256))
	return HubDownloadPlan(repo, details.revision, tuple(chosen), tuple(skipped))


def plan_single_file(details: HubDetails, path: str) -> HubDownloadPlan:
	"""One .safetensors file of the repo (a checkpoint, LoRA, VAE or upscaler), saved under its own name."""
	repo = details.model.id
	file = next((file for file in details.files if file.path == path), None)
	if file is None:
		raise HubNotFoundError(f'{repo}: it has no file {path!r}; pick one from the file list')
	name = path.rsplit('/', 1)[-1]
	if name.lower().endswith(PICKLE_SUFFIXES):
		raise HubPickleOnlyError(f'{repo}: {path}: {SKIP_PICKLE}, so it is never downloaded; pick a .safetensors file')
	if not name.lower().endswith('.safetensors'):
		raise HubPlanError(f'{repo}: {path}: only .safetensors files are downloaded on their own')
	planned = PlannedFile(file.path, checked_name(name), file.size, file.sha256)
	return HubDownloadPlan(repo, details.revision, (planned,), ())


def single_file_choices(details: HubDetails) -> tuple[HubFile, ...]:
	"""The .safetensors files outside the pipeline folders: each can be downloaded on its own."""
	folders = set(details.components or ())
	return tuple(
		file
		for file in details.files
		if file.path.lower().endswith('.safetensors') and file.path.split('/', 1)[0] not in folders
	)


def _reason_outside(parts: list[str], leave_out: Sequence[str]) -> str:
	if len(parts) == 2 and parts[0] in leave_out:
		return SKIP_SAFETY_CHECKER if parts[0] == 'safety_checker' else f'{parts[0]}: left out as asked'
	kind = name_kind(parts[-1]).kind
	if kind == 'pickle':
		return SKIP_PICKLE
	if kind == 'foreign':
		return SKIP_FOREIGN
	if len(parts) == 1:
		return SKIP_CHECKPOINT if kind == 'weights' else SKIP_UNUSED
	return SKIP_NOT_COMPONENT


def _weightless_message(repo: str, component: str, weightless: str, found: str) -> str:
	if weightless == 'pickle':
		return (
			f'{repo}: the {component} weights exist only as pickle files ({found}); pickles can run code when '
			'loaded, so this repo is not downloaded; look for a version with .safetensors weights'
		)
	return f'{repo}: the {component} weights exist only for another framework ({found}); no PyTorch weights to load'
