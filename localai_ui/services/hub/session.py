"""One httpx client per hub call: the token only in its Authorization header, HTTP errors turned into HubErrors,
and the token cut out of every error that leaves."""

import copy
from collections.abc import Generator, Iterator
from contextlib import contextmanager

import httpx

from localai_ui import __version__
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.hub import HubBadTokenError, HubUnreachableError
from localai_ui.services.hub.status_errors import status_error

USER_AGENT = f'localai-ui/{__version__}'
REDACTED = '<token>'


def checked_token(token: str | None) -> str | None:
	"""The token as sent, or None when empty; one with spaces or control characters is refused (not echoed)."""
	text = (token or '').strip()
	if not text:
		return None
	if not all(33 <= ord(character) <= 126 for character in text):
		raise HubBadTokenError('the Hugging Face token holds spaces or characters no token has; paste it again')
	return text


def redact(text: str, token: str | None) -> str:
	return text.replace(token, REDACTED) if token else text


@contextmanager
def hub_session(
	endpoint: str, token: str | None, *, timeout_s: float, transport: httpx.BaseTransport | None
) -> Generator[httpx.Client]:
	"""A client for one hub call; its errors leave as HubErrors (or the download's own) without the token."""
	secret = checked_token(token)
	headers = {'User-Agent': USER_AGENT}
	if secret:
		headers['Authorization'] = f'Bearer {secret}'

	def check(response: httpx.Response) -> None:
		error = status_error(response, endpoint=endpoint, token_sent='Authorization' in response.request.headers)
		if error is not None:
			raise error

	client = httpx.Client(
		headers=headers,
		timeout=timeout_s,
		follow_redirects=True,
		event_hooks={'response': [check]},
		transport=transport,
	)
	try:
		with client:
			yield client
	except httpx.HTTPError as error:
		message = f'cannot reach the Hugging Face hub at {endpoint}: {error}; check the connection (or HF_ENDPOINT)'
		raise HubUnreachableError(redact(message, secret)) from None
	except LocalAIError as error:
		if not secret or not any(secret in str(part) for part in _chain(error)):
			raise
		clean = copy.copy(error)
		clean.args = (redact(str(error), secret),)
		raise clean from None


def _chain(error: BaseException) -> Iterator[BaseException]:
	"""The error and its causes: a message built from a cause could quote it."""
	current: BaseException | None = error
	for _ in range(16):
		if current is None:
			return
		yield current
		current = current.__cause__ or current.__context__
