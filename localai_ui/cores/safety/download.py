"""Fetching the released checker's safetensors weights and config into its folder, only when the user asks."""

from pathlib import Path

from localai_ui.cores.safety.errors import SafetyCheckerMissingError
from localai_ui.cores.safety.files import CHECKER_REPO, NEEDED
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import PlannedFile
from localai_ui.services.hub import HubClient, HubProgressCallback


def download_checker(
	client: HubClient,
	folder: Path,
	*,
	token: str | None,
	cancel: CancelToken,
	progress: HubProgressCallback,
	repo_id: str = CHECKER_REPO,
) -> list[Path]:
	"""model.safetensors, then config.json (last, so a cut download never leaves a folder that looks complete)."""
	details = client.model_details(repo_id, token=token)
	files = {file.path: file for file in details.files}
	missing = [name for name in NEEDED if name not in files]
	if missing:
		raise SafetyCheckerMissingError(f'{repo_id} at {client.endpoint} has no {" or ".join(missing)} to download')
	planned = [PlannedFile(name, name, files[name].size, files[name].sha256) for name in reversed(NEEDED)]
	return client.download_files(
		repo_id, planned, folder, token=token, cancel=cancel, progress=progress, revision=details.revision
	)
