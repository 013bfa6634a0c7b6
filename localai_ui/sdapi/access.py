"""Who may call the API: nobody needs to log in on loopback without a password; with `--api-auth`, or the app's
login (always set with --listen), every request carries HTTP basic credentials, as A1111's --api-auth asks. Wrong
passwords are throttled per address like the page's login."""

import base64
import binascii
import math
from secrets import compare_digest

from fastapi import Request

from localai_ui.sdapi.errors import ApiError
from localai_ui.server import LoginAttempts
from localai_ui.server.login_attempts import LoginOutcome
from localai_ui.settings import Settings

UNAUTHORIZED = 401
TOO_MANY = 429
CHALLENGE = {'WWW-Authenticate': 'Basic realm="LocalAI UI API"'}


def api_logins(settings: Settings) -> tuple[tuple[str, str], ...]:
	"""--api-auth's logins, else the app's own login, else none (loopback only: ServeOptions refuses the rest)."""
	if settings.api_auth:
		return settings.api_auth
	return (settings.auth,) if settings.auth else ()


def basic_credentials(header: str | None) -> tuple[str, str] | None:
	"""(user, password) of an `Authorization: Basic ...` header; None when there is none or it is malformed."""
	scheme, _, token = (header or '').partition(' ')
	if scheme.lower() != 'basic' or not token:
		return None
	try:
		user, colon, password = base64.b64decode(token.strip(), validate=True).decode('utf-8').partition(':')
	except (binascii.Error, UnicodeDecodeError):
		return None
	return (user, password) if colon else None


class ApiAccess:
	"""The API routes' dependency: passes, or raises a 401 asking for basic auth, or a 429 while locked out."""

	def __init__(self, logins: tuple[tuple[str, str], ...], attempts: LoginAttempts | None = None) -> None:
		self.logins = logins
		self.attempts = attempts or LoginAttempts()

	def allows(self, user: str, password: str) -> bool:
		found = False
		for known_user, known_password in self.logins:
			same_user = compare_digest(user.encode(), known_user.encode())
			same_password = compare_digest(password.encode(), known_password.encode())
			found = found or (same_user and same_password)
		return found

	async def __call__(self, request: Request) -> None:
		if not self.logins:
			return
		given = basic_credentials(request.headers.get('authorization'))
		if given is None:
			raise ApiError(UNAUTHORIZED, {'detail': 'This API needs a login: send HTTP basic auth'}, CHALLENGE)
		client = request.client.host if request.client else 'unknown'
		wait_s = self.attempts.begin(client)
		if wait_s > 0:
			seconds = math.ceil(wait_s)
			detail = f'Too many failed logins from {client}: try again in {seconds} s.'
			raise ApiError(TOO_MANY, {'detail': detail}, {'Retry-After': str(seconds)})
		allowed = self.allows(*given)
		self.attempts.settle(client, LoginOutcome.SUCCESS if allowed else LoginOutcome.FAILURE)
		if not allowed:
			raise ApiError(UNAUTHORIZED, {'detail': 'Incorrect username or password'}, CHALLENGE)
