"""The settings as `/get_settings` and `/set_settings` answer them: plain JSON, the token never included."""

from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.system_report import Json
from localai_ui.features.settings.values import plain_value
from localai_ui.schemas.app_settings import SECTIONS, AppSettings

SECRET_SETTINGS = frozenset(('hf_token',))


def flat_values(settings: AppSettings) -> dict[str, Json]:
	"""Every setting by name (the token left out)."""
	values: dict[str, Json] = {}
	for name in SECTIONS:
		section = settings.section(name)
		for field in type(section).model_fields:
			if field not in SECRET_SETTINGS:
				values[field] = plain_value(getattr(section, field))
	return values


def settings_json(store: SettingsStore) -> dict[str, Json]:
	"""What is stored, what runs use (flags on top), which flags won, the defaults, and whether a token is stored."""
	return {
		'settings': flat_values(store.stored()),
		'in_effect': flat_values(store.current()),
		'set_by_flags': {name: given.flag for name, given in store.flags.items()},
		'defaults': flat_values(AppSettings()),
		'hf_token_set': store.hf_token() is not None,
	}
