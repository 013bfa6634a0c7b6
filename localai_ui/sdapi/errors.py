"""How the API says no, in the shapes A1111 clients parse: FastAPI's 422 `detail` list naming the field for a wrong
value, and A1111's `{error, detail, body, errors}` object for a run that failed."""

from collections.abc import Generator
from contextlib import contextmanager

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import JsonValue

from localai_ui.schemas.errors import InvalidRequestError, LocalAIError, NoModelError

UNPROCESSABLE = 422
FAILED = 500
Json = dict[str, JsonValue]


class ApiError(Exception):
	"""An answer other than 200: its status, its JSON body, and extra headers (a login's WWW-Authenticate)."""

	def __init__(self, status: int, content: Json, headers: dict[str, str] | None = None) -> None:
		super().__init__(str(content))
		self.status = status
		self.content = content
		self.headers = headers or {}


def field_error(field: str, message: str, value: JsonValue = None) -> ApiError:
	"""A 422 naming `field` (dotted for nested values, as `override_settings.sd_model_checkpoint`)."""
	return field_errors([(field, message, value)])


def field_errors(problems: list[tuple[str, str, JsonValue]]) -> ApiError:
	"""A 422 listing several fields at once, as FastAPI does for a body that fails validation."""
	detail: list[JsonValue] = [
		{'type': 'value_error', 'loc': location(field), 'msg': message, 'input': value}
		for field, message, value in problems
	]
	return ApiError(UNPROCESSABLE, {'detail': detail})


def location(field: str) -> list[JsonValue]:
	"""FastAPI's `loc` of a body field: `['body', 'override_settings', 'sd_model_checkpoint']`; the body itself for ''."""
	return ['body', *field.split('.')] if field else ['body']


def run_failed(error: Exception, status: int = FAILED) -> ApiError:
	"""A1111's answer to a run that raised: the error's name and message."""
	name, message = type(error).__name__, str(error)
	return ApiError(status, {'error': name, 'detail': message, 'body': '', 'errors': message})


@contextmanager
def answered(field: str = '') -> Generator[None]:
	"""Our refusals become API answers: a request the app refuses is a 422 (naming `field` when the caller knows
	it, else the request body), any other LocalAIError a 500 in A1111's shape."""
	try:
		yield
	except ApiError:
		raise
	except (InvalidRequestError, NoModelError) as error:
		raise field_error(field, str(error)) if field else refusal(error) from error
	except LocalAIError as error:
		raise run_failed(error) from error


def refusal(error: LocalAIError) -> ApiError:
	"""A 422 for the request as a whole (the message names the value at fault)."""
	return field_errors([('', str(error), None)])


async def api_error_answer(_request: Request, error: Exception) -> JSONResponse:
	"""The exception handler of the API routes."""
	if not isinstance(error, ApiError):
		raise error
	return JSONResponse(error.content, status_code=error.status, headers=error.headers)
