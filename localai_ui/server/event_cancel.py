"""EventCancel: a cancel stops only the job it names.

Gradio 6.31's `/gradio_api/cancel` cancels every task of the caller's session and endpoint (`{session}_{fn_index}`),
so cancelling one queued job of a gradio_client also stopped that client's running job, whose `result()` then never
returned. Here the named event's own task is cancelled, and Gradio's handler gets an fn_index no event has: it still
takes the event off the queue, completes it for the caller and closes its iterator (which stops the run).
"""

import asyncio
import json
from typing import cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CANCEL_PATH = '/gradio_api/cancel'
NO_FUNCTION = -1  # an fn_index no event has: Gradio's session-wide task cancel then matches nothing
TASK_SEPARATOR = '<gradio-sep>'  # gradio.utils.set_task_name: f'{session_hash}_{fn_index}<gradio-sep>{event_id}'


async def cancel_event_task(event_id: str) -> int:
	"""Cancel the task running `event_id` (none while it waits in the queue); returns how many were cancelled."""
	marker = f'{TASK_SEPARATOR}{event_id}'
	tasks = [task for task in asyncio.all_tasks() if task.get_name().endswith(marker)]
	for task in tasks:
		task.cancel()
	await asyncio.gather(*tasks, return_exceptions=True)
	return len(tasks)


def named_event(body: bytes) -> tuple[str, dict[str, object]] | None:
	"""The event id and the parsed body of a cancel request; None when it is not one Gradio would accept."""
	try:
		parsed: object = json.loads(body)
	except ValueError:
		return None
	if not isinstance(parsed, dict):
		return None
	values = cast(dict[str, object], parsed)
	event_id = values.get('event_id')
	return (event_id, values) if isinstance(event_id, str) and event_id else None


class EventCancel:
	"""Pure ASGI middleware around POST /gradio_api/cancel; every other request passes untouched."""

	def __init__(self, app: ASGIApp) -> None:
		self.app = app

	async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
		path = str(scope.get('path', ''))
		if scope['type'] != 'http' or scope['method'] != 'POST' or not path.endswith(CANCEL_PATH):
			await self.app(scope, receive, send)
			return
		body = await _whole_body(receive)
		named = named_event(body)
		if named is not None:
			event_id, values = named
			await cancel_event_task(event_id)
			body = json.dumps({**values, 'fn_index': NO_FUNCTION}).encode()
		headers = [(name, value) for name, value in scope['headers'] if name.lower() != b'content-length']
		headers.append((b'content-length', str(len(body)).encode()))
		await self.app({**scope, 'headers': headers}, _replay(body, receive), send)


async def _whole_body(receive: Receive) -> bytes:
	chunks: list[bytes] = []
	while True:
		message = await receive()
		if message['type'] != 'http.request':
			break
		chunks.append(bytes(message.get('body', b'')))
		if not message.get('more_body', False):
			break
	return b''.join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
	sent = False

	async def replayed() -> Message:
		nonlocal sent
		if sent:
			return await receive()
		sent = True
		return {'type': 'http.request', 'body': body, 'more_body': False}

	return replayed
