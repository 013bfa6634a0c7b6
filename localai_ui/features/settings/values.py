"""Pure functions over setting values: flags laid over stored settings, values as stored, pydantic's complaints
as one line."""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import SecretStr, ValidationError

from localai_ui.database.crud.settings import JsonScalar
from localai_ui.schemas.app_settings import SECTION_OF, AppSettings


@dataclass(frozen=True)
class FlagValue:
	"""A command-line flag that wins over the stored setting of the same name: its value and the flag as typed."""

	value: str | int
	flag: str


def plain_value(value: object) -> JsonScalar:
	"""A setting's value as stored and sent over the API (a secret is revealed only here, to be stored)."""
	if isinstance(value, SecretStr):
		return value.get_secret_value()
	return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def with_flags(settings: AppSettings, flags: Mapping[str, FlagValue]) -> AppSettings:
	"""`settings` as the app runs with them: each flag given replaces the stored value of its setting."""
	for name, given in flags.items():
		section_name = SECTION_OF[name]
		section = settings.section(section_name).model_copy(update={name: given.value})
		settings = settings.model_copy(update={section_name: section})
	return settings


def problems(error: ValidationError) -> str:
	"""Pydantic's complaints as one line that names each setting and its value (never the token's)."""
	found: list[str] = []
	for item in error.errors():
		name = '.'.join(str(part) for part in item['loc']) or 'settings'
		message = str(item['msg']).removeprefix('Value error, ')
		if message.startswith(('file name pattern', 'the file name pattern', 'the token')):
			found.append(message)
		elif name == 'hf_token':
			found.append(f'hf_token: {message}')
		else:
			found.append(f'{name} {item["input"]!r}: {message}')
	return '; '.join(found)
