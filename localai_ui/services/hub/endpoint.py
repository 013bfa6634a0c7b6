"""Where the hub is (explicit, else HF_ENDPOINT, else huggingface_hub's default), which ids it takes, and the
message shown while the user has not allowed network access."""

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from huggingface_hub import constants

from localai_ui.schemas.hub import HubInvalidIdError, HubOfflineError, HubUnreachableError

_REPO_ID = re.compile(r'^[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,96}$')
_REVISION = re.compile(r'^(?:main|[0-9a-f]{40})$')
OFFLINE_MESSAGE = (
	'Hugging Face access is off: LocalAI UI stays offline unless you allow it. Turn on network access for '
	'Hugging Face downloads in the Models tab, or download the file elsewhere and import it.'
)


def resolve_endpoint(explicit: str | None, environ: Mapping[str, str]) -> str:
	"""The hub's base URL without a trailing slash; HubUnreachableError when it is not an http(s) URL."""
	url = (explicit or environ.get('HF_ENDPOINT') or constants.ENDPOINT).strip().rstrip('/')
	parts = urlsplit(url)
	if parts.scheme not in ('http', 'https') or not parts.netloc or parts.query or parts.fragment:
		raise HubUnreachableError(f'{url!r}: the Hugging Face endpoint (HF_ENDPOINT) must be an http(s) URL')
	return url


def checked_repo_id(repo_id: str) -> str:
	"""`owner/name` as the hub spells ids; anything else (`..`, more slashes, spaces) is refused."""
	repo = repo_id.strip()
	if not _REPO_ID.match(repo) or any(part in ('.', '..') or '..' in part for part in repo.split('/')):
		raise HubInvalidIdError(f'{repo_id!r}: a Hugging Face repo id looks like owner/name')
	return repo


def checked_revision(revision: str) -> str:
	if not _REVISION.match(revision):
		raise HubInvalidIdError(f'{revision!r}: a revision is "main" or a 40-character commit id')
	return revision


def require_network(allowed: bool) -> None:
	if not allowed:
		raise HubOfflineError(OFFLINE_MESSAGE)
