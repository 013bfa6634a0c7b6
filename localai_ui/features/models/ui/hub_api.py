"""The public Hugging Face endpoints: /hub_search, /hub_details, /hub_download, /hub_download_status and
/cancel_hub_download (pure data). Each call contacts the hub at HF_ENDPOINT (default huggingface.co); none runs
unasked. The stored token (Settings -> Hugging Face) is sent for gated repos and never returned or logged."""

from localai_ui.features.library_views import Json, download_dict
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.models.hub_presenter import (
	checked_sort,
	checked_target,
	details_dict,
	family_from,
	model_dict,
	started_dict,
)
from localai_ui.features.models.hub_targets import HUB_TARGETS, HubTarget
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.downloads.jobs import DownloadJobs

STATUS_ENDPOINTS: dict[HubTarget, str] = {
	'model': '/download_status',
	'lora': '/lora_download_status',
	'vae': '/hub_download_status',
	'upscaler': '/hub_download_status',
}


def register_hub_api(hub: HubDownloads) -> None:
	"""Add the endpoints to the current Blocks; parameter names are the API's."""

	def hub_search(query: str = '', sort: str = 'downloads', family: str = 'any', limit: int = 30) -> list[Json]:
		"""Search Hugging Face for text-to-image models.

		Args:
			query: words in the repo id; empty lists the most popular.
			sort: "downloads" or "likes" (most first).
			family: "any", "sd1", "sd2", "sdxl", "sd3" or "flux".
			limit: at most this many results (1-100).
		Returns:
			A list of {id, author, downloads, likes, family, gated, tags, last_modified}.
		"""
		with shown_as_message():
			found = hub.search(query, sort=checked_sort(sort), family=family_from(family), limit=limit)
			return [model_dict(model) for model in found]

	def hub_details(repo_id: str) -> Json:
		"""A repo's details: files with sizes, license, tags, the card's summary, and what a download would fetch.

		Args:
			repo_id: owner/name, as /hub_search gives it.
		Returns:
			{id, ..., license, summary, revision, diffusers, components, files: [{file, size}], single_files,
			repo_download (the files a whole-repo download fetches), repo_download_problem}.
		"""
		with shown_as_message():
			return details_dict(hub.details(repo_id))

	def hub_download(repo_id: str, file: str = '', target: str = 'model', fp16: bool = False) -> Json:
		"""Download from Hugging Face in the background: a whole diffusers repo (only the files a pipeline needs)
		into the models folder, or one .safetensors file into the folder of `target`.

		Args:
			repo_id: owner/name.
			file: a .safetensors file of the repo (see single_files of /hub_details); empty: the whole diffusers repo.
			target: "model", "lora", "vae" or "upscaler": the folder a single file goes to.
			fp16: for a whole repo, fetch the fp16 weights where the repo has them.
		Returns:
			{id, name, state, received, total, error, target, status_endpoint, files}: poll status_endpoint with id
			(models: /download_status; cancel with /cancel_download). Downloading again resumes a cut-short one.
		"""
		with shown_as_message():
			chosen = checked_target(target)
			started = hub.start(repo_id, file=file, target=chosen, fp16=fp16)
			return started_dict(started, STATUS_ENDPOINTS[chosen])

	def hub_download_status(download_id: str) -> Json:
		"""Follow a download started by /hub_download (any target): state is running, done, failed or cancelled.

		Args:
			download_id: the id /hub_download returned.
		"""
		with shown_as_message():
			return download_dict(_jobs_of(hub, download_id).status(download_id))

	def cancel_hub_download(download_id: str) -> Json:
		"""Stop a download started by /hub_download; a whole repo's finished files stay to resume it later.

		Args:
			download_id: the id /hub_download returned.
		"""
		with shown_as_message():
			return download_dict(_jobs_of(hub, download_id).cancel(download_id))

	for endpoint in (hub_search, hub_details, hub_download, hub_download_status, cancel_hub_download):
		add_endpoint(endpoint, api_name=endpoint.__name__)


def _jobs_of(hub: HubDownloads, download_id: str) -> DownloadJobs:
	"""The job list (models, LoRAs, VAEs, upscalers) that holds the download."""
	for target in HUB_TARGETS:
		jobs = hub.jobs(target)
		if any(status.id == download_id for status in jobs.statuses()):
			return jobs
	raise InvalidRequestError(f'no download with id {download_id!r}')
