"""Generate's controls on page load: a default saved since the start replaces the control's start value, but never a
value the user already changed."""

from localai_ui.features.settings.ui.generate_defaults import DEFAULTED_FIELDS, default_updates
from localai_ui.schemas.app_settings import GenerationDefaults

STARTED = GenerationDefaults()


def _shown(**changed: object) -> tuple[object, ...]:
	return tuple(changed.get(name, getattr(STARTED, name)) for name in DEFAULTED_FIELDS)


def _values(updates: list[object]) -> dict[str, object]:
	found: dict[str, object] = {}
	for name, update in zip(DEFAULTED_FIELDS, updates, strict=True):
		assert isinstance(update, dict)
		if 'value' in update:
			found[name] = update['value']
	return found


def test_nothing_changes_when_the_defaults_did_not() -> None:
	assert _values(default_updates(STARTED, STARTED, _shown(steps=3))) == {}


def test_new_defaults_fill_untouched_controls_only() -> None:
	now = GenerationDefaults(sampler='Euler a', schedule='Karras', steps=12, negative_prompt='lowres')
	updates = default_updates(STARTED, now, _shown(steps=3))
	assert _values(updates) == {'sampler': 'Euler a', 'schedule': 'Karras', 'negative_prompt': 'lowres'}
	schedule = updates[DEFAULTED_FIELDS.index('schedule')]
	assert isinstance(schedule, dict) and 'Karras' in schedule['choices']
