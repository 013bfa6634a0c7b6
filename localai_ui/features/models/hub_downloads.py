"""Hugging Face in the Models tab: search, details, and downloads into a library folder through its download jobs
(the same list, byte progress, cancel and resume as URL downloads). Only a user's click or API call contacts the hub.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from localai_ui.features.models.hub_targets import HubTarget, folder_of
from localai_ui.library.shelves import Libraries
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.hub import HubDetails, HubDownloadPlan, HubFamily, HubModel, HubProgress, HubSort
from localai_ui.services.downloads.download import Progress, Validate
from localai_ui.services.downloads.jobs import DownloadJobs, DownloadStatus
from localai_ui.services.downloads.partials import forget_source, remember_source
from localai_ui.services.hub import HubClient, plan_repo_download, plan_single_file
from localai_ui.services.hub.repo_reads import resolve_url
from localai_ui.services.safe_paths import checked_name, inside
from localai_ui.services.safetensors.header import read_header

STAGING = '.{name}.hub-download'  # hidden: the library scan skips it until every file is in and it gets its name


@dataclass(frozen=True)
class HubStarted:
	"""A download under way (`status` polls like a URL download's) and the plan it follows."""

	status: DownloadStatus
	plan: HubDownloadPlan
	target: HubTarget


class HubDownloads:
	"""The hub client with the stored token (read per call, never logged) and the library folders it fills."""

	def __init__(self, libraries: Libraries, token: Callable[[], str | None], connect: Callable[[], HubClient]) -> None:
		"""`connect` builds a client per call, so a bad HF_ENDPOINT is a message on the click, not a failed start."""
		self._libraries = libraries
		self._token = token
		self._connect = connect

	def search(self, query: str, *, sort: HubSort, family: HubFamily | None, limit: int = 30) -> list[HubModel]:
		return self._connect().search_models(query, sort=sort, family=family, limit=limit, token=self._token())

	def details(self, repo_id: str) -> HubDetails:
		return self._connect().model_details(repo_id, token=self._token())

	def jobs(self, target: HubTarget) -> DownloadJobs:
		return folder_of(self._libraries, target).jobs

	def start(self, repo_id: str, *, file: str = '', target: HubTarget = 'model', fp16: bool = False) -> HubStarted:
		"""One .safetensors file into the `target` kind's folder, or (no `file`) a diffusers repo's needed files."""
		folder, client = folder_of(self._libraries, target), self._connect()
		details = client.model_details(repo_id, token=self._token())
		if file.strip():
			plan = plan_single_file(details, file.strip())
			final = inside(folder.root, plan.files[0].save_as)
			if final.exists():
				raise InvalidRequestError(f'{final.name}: a file of that name is already in the {folder.noun}')
			gated = details.model.gated
			source = None if gated else resolve_url(client.endpoint, plan.repo_id, plan.revision, plan.files[0].path)
			task = partial(self._fetch_file, client, plan, final, folder.validate, source)
		else:
			if target != 'model':
				raise InvalidRequestError(
					f'{details.model.id}: a whole repo goes to the models folder; for a {target}, pick one of its '
					'.safetensors files'
				)
			plan = plan_repo_download(details, 'fp16' if fp16 else None)
			final = inside(folder.root, checked_name(details.model.id.split('/')[1]))
			if final.exists():
				raise InvalidRequestError(f'{final.name}: a model of that name is already in the {folder.noun}')
			task = partial(self._fetch_repo, client, plan, final)
		status = folder.jobs.start_task(final.name, f'{client.endpoint}/{plan.repo_id}', task)
		return HubStarted(status, plan, target)

	def _fetch_file(
		self,
		client: HubClient,
		plan: HubDownloadPlan,
		final: Path,
		validate: Validate,
		source: str | None,
		cancel: CancelToken,
		progress: Progress,
	) -> Path:
		"""The `.part` beside `final` is noted with its URL (public repos) so Partial downloads can resume it too."""
		if source is not None:
			remember_source(final, source, plan.files[0].sha256)
		try:
			self._download(client, plan, final.parent, (cancel, progress), validate)
		finally:
			forget_source(final)
		return final

	def _fetch_repo(
		self, client: HubClient, plan: HubDownloadPlan, final: Path, cancel: CancelToken, progress: Progress
	) -> Path:
		"""Into a hidden folder (kept when cut short: downloading again resumes it), renamed once complete."""
		staging = final.with_name(STAGING.format(name=final.name))
		self._download(client, plan, staging, (cancel, progress), read_header)
		os.replace(staging, final)
		return final

	def _download(
		self,
		client: HubClient,
		plan: HubDownloadPlan,
		into: Path,
		job: tuple[CancelToken, Progress],
		validate: Validate,
	) -> None:
		cancel, progress = job

		def moved(step: HubProgress) -> None:
			progress(step.done, step.total)

		client.download_files(
			plan.repo_id,
			plan.files,
			into,
			token=self._token(),
			cancel=cancel,
			progress=moved,
			revision=plan.revision,
			validate=validate,
		)
