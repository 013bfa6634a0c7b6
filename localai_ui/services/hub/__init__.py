"""Hugging Face hub access over its HTTP API: search, details, download plans and resumable downloads."""

from localai_ui.services.hub.client import HubClient
from localai_ui.services.hub.component_choice import (
	SKIP_EMA,
	SKIP_FOREIGN,
	SKIP_FP16,
	SKIP_FULL,
	SKIP_PICKLE,
	SKIP_UNUSED,
	SKIP_VARIANT,
)
from localai_ui.services.hub.download_plan import (
	SKIP_CHECKPOINT,
	SKIP_NOT_COMPONENT,
	SKIP_SAFETY_CHECKER,
	plan_repo_download,
	plan_single_file,
	single_file_choices,
)
from localai_ui.services.hub.endpoint import OFFLINE_MESSAGE, checked_repo_id, resolve_endpoint
from localai_ui.services.hub.families import guess_family
from localai_ui.services.hub.file_transfer import HubProgressCallback

__all__ = [
	'OFFLINE_MESSAGE',
	'SKIP_CHECKPOINT',
	'SKIP_EMA',
	'SKIP_FOREIGN',
	'SKIP_FP16',
	'SKIP_FULL',
	'SKIP_NOT_COMPONENT',
	'SKIP_PICKLE',
	'SKIP_SAFETY_CHECKER',
	'SKIP_UNUSED',
	'SKIP_VARIANT',
	'HubClient',
	'HubProgressCallback',
	'checked_repo_id',
	'guess_family',
	'plan_repo_download',
	'plan_single_file',
	'resolve_endpoint',
	'single_file_choices',
]
