"""The safety checker's folder as the Settings tab shows it, and the download of its weights on request."""

from collections.abc import Callable
from pathlib import Path

from localai_ui.cores.safety.download import download_checker
from localai_ui.cores.safety.files import CHECKER_REPO, NEEDED
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import HubProgress
from localai_ui.services.hub import HubClient


class SafetyFiles:
	"""Where the checker's weights live (a local folder), whether they are there, and fetching them when asked."""

	def __init__(
		self, folder: Path, drop_loaded: Callable[[], None], client: HubClient, token: Callable[[], str | None]
	) -> None:
		self.folder = folder
		self._drop_loaded = drop_loaded  # forgets a checker loaded from older weights
		self._client = client
		self._token = token

	def state(self) -> str:
		folder = self.folder
		missing = [name for name in NEEDED if not (folder / name).is_file()]
		if not missing:
			return f'Checker weights found in `{folder}`.'
		return (
			f'No checker weights in `{folder}` (missing {", ".join(missing)}): put the files of {CHECKER_REPO} '
			'there, or press Download (about 1.2 GB from Hugging Face, only when pressed).'
		)

	def download(self, cancel: CancelToken, progress: Callable[[HubProgress], None]) -> str:
		"""Fetch the weights into the folder; the next checked run loads them (a loaded older checker is dropped)."""
		download_checker(self._client, self.folder, token=self._token(), cancel=cancel, progress=progress)
		self._drop_loaded()
		return self.state()
