"""LoginThrottle: slows password guessing on Gradio's login route to a few tries per address."""

import math

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from localai_ui.server.login_attempts import LoginAttempts, LoginOutcome
from localai_ui.server.refusals import refuse

LOGIN_PATHS = frozenset({'/login', '/login/'})  # gradio 6.31 routes.py: @app.post('/login') and '/login/'
TOO_MANY = 429
UNKNOWN_CLIENT = 'unknown'


def client_address(scope: Scope) -> str:
	"""The address of the peer that connected (never X-Forwarded-For, which the client writes itself)."""
	client: tuple[str, int] | None = scope.get('client')
	return client[0] if client else UNKNOWN_CLIENT


def outcome_of(status: int | None) -> LoginOutcome:
	"""Gradio answers 200 to a good login and 400 to a wrong one; no answer at all counts as a failure."""
	if status == 200:
		return LoginOutcome.SUCCESS
	if status is None or status == 400:
		return LoginOutcome.FAILURE
	return LoginOutcome.NOT_AN_ATTEMPT


class LoginThrottle:
	"""Pure ASGI middleware around POST /login: a locked-out address gets 429 with Retry-After and never reaches
	the password check; other addresses are not affected."""

	def __init__(self, app: ASGIApp, *, attempts: LoginAttempts) -> None:
		self.app = app
		self.attempts = attempts

	async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
		if scope['type'] != 'http' or scope['method'] != 'POST' or scope['path'] not in LOGIN_PATHS:
			await self.app(scope, receive, send)
			return
		client = client_address(scope)
		wait_s = self.attempts.begin(client)
		if wait_s > 0:
			seconds = math.ceil(wait_s)
			message = f'Too many failed logins from {client}: try again in {seconds} s.\n'
			await refuse(scope, send, TOO_MANY, message, {'Retry-After': str(seconds)})
			return
		statuses: list[int] = []

		async def watched(message: Message) -> None:
			if message['type'] == 'http.response.start':
				statuses.append(int(message['status']))
			await send(message)

		try:
			await self.app(scope, receive, watched)
		finally:
			self.attempts.settle(client, outcome_of(statuses[0] if statuses else None))
