"""The Hugging Face hub client: search text-to-image models, a repo's details, and downloads of planned files.

Nothing is sent unless `allow_network` is on (the user's explicit choice; the app starts with it off).
"""

import os
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import httpx

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import HubDetails, HubFamily, HubModel, HubSort, PlannedFile
from localai_ui.services.downloads.download import TIMEOUT_S, Validate
from localai_ui.services.hub.answer_fields import as_object, as_objects, parse_answer
from localai_ui.services.hub.answers import files_from_siblings, license_of, model_from, revision_of
from localai_ui.services.hub.card_summary import card_summary
from localai_ui.services.hub.endpoint import checked_repo_id, checked_revision, require_network, resolve_endpoint
from localai_ui.services.hub.families import FAMILY_FILTER_TAGS
from localai_ui.services.hub.file_transfer import HubProgressCallback, fetch_planned
from localai_ui.services.hub.repo_reads import read_card, read_components, read_tree, resolve_url
from localai_ui.services.hub.session import hub_session
from localai_ui.services.safetensors.header import read_header

MODEL_INDEX = 'model_index.json'


class HubClient:
	"""Calls the hub at `endpoint` (explicit, else HF_ENDPOINT in `environ`, else huggingface_hub's default).

	`allow_network` may be switched while the app runs; every call checks it before opening a connection.
	"""

	def __init__(
		self,
		*,
		allow_network: bool,
		endpoint: str | None = None,
		environ: Mapping[str, str] | None = None,
		timeout_s: float = TIMEOUT_S,
		transport: httpx.BaseTransport | None = None,
	) -> None:
		self.allow_network = allow_network
		self.endpoint = resolve_endpoint(endpoint, os.environ if environ is None else environ)
		self._timeout_s = timeout_s
		self._transport = transport

	def search_models(
		self,
		query: str = '',
		*,
		sort: HubSort = 'downloads',
		family: HubFamily | None = None,
		limit: int = 30,
		token: str | None = None,
		tags: Sequence[str] = (),
	) -> list[HubModel]:
		"""Text-to-image models matching `query`, most downloaded (or liked) first; `family` filters on its tag."""
		require_network(self.allow_network)
		filters = ['text-to-image', *tags] + (
			[FAMILY_FILTER_TAGS[family]] if family is not None and family in FAMILY_FILTER_TAGS else []
		)
		params: list[tuple[str, str | int | float | bool | None]] = [('search', query.strip())] if query.strip() else []
		params += [('filter', tag) for tag in filters]
		params += [('sort', sort), ('direction', '-1'), ('limit', str(max(1, min(limit, 100)))), ('full', 'true')]
		with self._session(token) as client:
			answer = client.get(f'{self.endpoint}/api/models', params=params)
			items = as_objects(parse_answer(answer.content, 'search'), 'search')
		found = [model_from(item, 'search') for item in items]
		return [model for model in found if family is None or model.family in (family, HubFamily.OTHER)]

	def model_details(self, repo_id: str, *, token: str | None = None) -> HubDetails:
		"""Files with sizes (and sha256 of weights), license, tags, the card's summary, and the pipeline folders."""
		require_network(self.allow_network)
		repo = checked_repo_id(repo_id)
		with self._session(token) as client:
			answer = client.get(f'{self.endpoint}/api/models/{repo}', params={'blobs': 'true'})
			info = as_object(parse_answer(answer.content, repo), repo)
			revision = revision_of(info)
			files = files_from_siblings(info, repo)
			if any(file.size is None for file in files):
				files = read_tree(client, self.endpoint, repo, revision)
			paths = {file.path for file in files}
			components = read_components(client, self.endpoint, repo, revision) if MODEL_INDEX in paths else None
			readme = read_card(client, self.endpoint, repo, revision) if 'README.md' in paths else ''
		model = model_from(info, repo)
		return HubDetails(model, tuple(files), license_of(info, model.tags), card_summary(readme), revision, components)

	def download_files(
		self,
		repo_id: str,
		files: Sequence[PlannedFile],
		target_dir: Path,
		*,
		token: str | None,
		cancel: CancelToken,
		progress: HubProgressCallback,
		revision: str = 'main',
		validate: Validate = read_header,
	) -> list[Path]:
		"""Fetch `files` (a plan's) into `target_dir`: resumable, cancellable, each checked before it gets its name."""
		require_network(self.allow_network)
		repo, commit = checked_repo_id(repo_id), checked_revision(revision)

		def url_of(path: str) -> str:
			return resolve_url(self.endpoint, repo, commit, path)

		with self._session(token) as client:
			return fetch_planned(
				client, url_of, files, target_dir, cancel=cancel, progress=progress, validate_weights=validate
			)

	def _session(self, token: str | None) -> AbstractContextManager[httpx.Client]:
		return hub_session(self.endpoint, token, timeout_s=self._timeout_s, transport=self._transport)
