"""The HubError an HTTP answer stands for, read from its status and the hub's X-Error-Code / X-Error-Message."""

from urllib.parse import unquote

import httpx

from localai_ui.schemas.hub import HubBadTokenError, HubError, HubGatedError, HubNotFoundError, HubServerError

INVALID_TOKEN = 'Invalid credentials in Authorization header'
_NOT_FOUND_CODES = ('RepoNotFound', 'EntryNotFound', 'RevisionNotFound')


def status_error(response: httpx.Response, *, endpoint: str, token_sent: bool) -> HubError | None:
	"""None for success, redirects and 416 (a resume past the end: the download restarts)."""
	status = response.status_code
	if status < 400 or status == 416:
		return None
	repo, subject = _subject(response.request.url.path)
	code = response.headers.get('X-Error-Code', '')
	detail = response.headers.get('X-Error-Message', '')
	if status == 401 and detail.startswith(INVALID_TOKEN):
		return HubBadTokenError(
			f'{subject}: the hub refused the Hugging Face token: check that it was pasted whole and is not revoked '
			f'(tokens are made at {endpoint}/settings/tokens)'
		)
	if code == 'GatedRepo' or (status in (401, 403) and code not in _NOT_FOUND_CODES):
		page = f'{endpoint}/{repo}' if repo else endpoint
		if token_sent:
			return HubGatedError(
				f'{subject}: this token has no access to the gated repo; accept its conditions at {page} while '
				'logged in with the same account, then retry'
			)
		return HubGatedError(
			f'{subject}: the repo is gated; accept its conditions at {page}, then give a Hugging Face token with '
			'read access'
		)
	if status == 404 or code in _NOT_FOUND_CODES:
		private = '' if token_sent else '; a private repo needs a token that can read it'
		return HubNotFoundError(f'{subject}: not found on {endpoint}; check the spelling (owner/name){private}')
	if status == 429:
		return HubServerError(f'{subject}: the hub asks to slow down (HTTP 429); wait a minute and retry', status)
	said = f' ({detail[:200]})' if detail else ''
	return HubServerError(f'{subject}: the hub answered HTTP {status}{said}; try again later', status)


def _subject(path: str) -> tuple[str, str]:
	"""(repo id, what the message names) from a request path: the repo, a file in it, or the search."""
	text = unquote(path)
	if '/api/models/' in text:
		repo = '/'.join(text.split('/api/models/', 1)[1].split('/')[:2])
		return repo, repo
	if '/resolve/' in text:
		before, after = text.split('/resolve/', 1)
		repo = '/'.join(before.split('/')[-2:])
		return repo, f'{repo}: {after.partition("/")[2]}'
	if text.rstrip('/').endswith('/api/models'):
		return '', 'the Hugging Face model search'
	return '', 'the Hugging Face file server'
