"""Settings read back from their key/value rows: a value that no longer validates falls back to its default."""

from collections.abc import Mapping
from typing import TypeVar

from pydantic import ValidationError

from localai_ui.schemas.app_settings import SECTIONS, AppSettings, SettingsSection

Section = TypeVar('Section', bound=SettingsSection)


def stored_section(model: type[Section], stored: Mapping[str, object]) -> Section:
	"""A section from stored values; a value that no longer validates (edited by hand, an older version's range)
	falls back to its default, so one bad row never hides the others."""
	values = {name: stored[name] for name in model.model_fields if name in stored}
	while True:
		try:
			return model.model_validate(values)
		except ValidationError as error:
			bad = {str(item['loc'][0]) for item in error.errors() if item['loc']}
			if not bad & values.keys():
				return model()
			values = {name: value for name, value in values.items() if name not in bad}


def stored_settings(stored: Mapping[str, object]) -> AppSettings:
	"""Every section from the stored key/value rows."""
	return AppSettings.model_validate({name: stored_section(model, stored) for name, model in SECTIONS.items()})
