"""Hugging Face repos, fetched through huggingface_hub only when the user asks; offline it fails clearly."""

import re
from pathlib import Path
from typing import Protocol

import huggingface_hub
from huggingface_hub import constants
from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabled

from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset
from localai_ui.schemas.file_errors import DownloadError
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.services.safe_paths import checked_name, inside

REPO_ID = re.compile(r'^[A-Za-z0-9][\w.-]*/[\w.-]+$')
WEIGHTS_AND_CONFIGS = ['*.json', '*.txt', '*.safetensors']
OFFLINE_MESSAGE = (
	'{repo}: Hugging Face downloads need the network, and HF_HUB_OFFLINE is set; unset it, '
	'or download the file elsewhere and import it'
)


class _FileFetch(Protocol):
	def __call__(self, repo_id: str, filename: str, *, local_dir: Path) -> str: ...


class _RepoFetch(Protocol):
	def __call__(self, repo_id: str, *, local_dir: Path, allow_patterns: list[str]) -> str: ...


# huggingface_hub's signatures hold untyped parts; these adapters give pyright the two calls used here.
hf_hub_download: _FileFetch = getattr(huggingface_hub, 'hf_hub_download')  # noqa: B009
snapshot_download: _RepoFetch = getattr(huggingface_hub, 'snapshot_download')  # noqa: B009


def download_from_hub(
	library: AssetLibrary[CheckpointDetails], repo_id: str, file_name: str | None = None
) -> Asset[CheckpointDetails]:
	"""A diffusers repo (weights and configs only, no pickles) as a folder, or one .safetensors file."""
	repo = repo_id.strip()
	if not REPO_ID.match(repo):
		raise DownloadError(f'{repo_id!r}: a Hugging Face repo id looks like owner/name')
	if constants.HF_HUB_OFFLINE:
		raise DownloadError(OFFLINE_MESSAGE.format(repo=repo))
	try:
		if file_name:
			name = checked_name(file_name)
			if not name.lower().endswith('.safetensors'):
				raise DownloadError(f'{name}: only .safetensors files are downloaded (pickle formats can run code)')
			hf_hub_download(repo, name, local_dir=library.root)
			relative = name
		else:
			relative = checked_name(repo.split('/')[1])
			target = inside(library.root, relative)
			snapshot_download(repo, local_dir=target, allow_patterns=WEIGHTS_AND_CONFIGS)
	except (OfflineModeIsEnabled, LocalEntryNotFoundError) as error:
		raise DownloadError(OFFLINE_MESSAGE.format(repo=repo)) from error
	except (HfHubHTTPError, OSError) as error:
		raise DownloadError(f'{repo}: the Hugging Face download failed: {error}') from error
	return next(record for record in library.refresh() if record.relative_path == relative)
