"""The lighter memory mode an out-of-memory failure offers, stored as Device and memory's Save stores it: the memory
policy reads the setting at every load, so the next run plans with it (a model placed in another mode is loaded
again) without a restart. A memory flag given at start wins, as it does over the Settings tab."""

from localai_ui.features.settings.store import SettingsStore
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MemoryMode

MODES = ', '.join(mode.value for mode in MemoryMode)


def memory_mode(text: str) -> MemoryMode:
	"""`text` as a memory mode; anything else is refused, naming the value and the modes."""
	try:
		return MemoryMode(text)
	except ValueError as error:
		raise InvalidRequestError(f'memory mode {text!r} is unknown; use one of {MODES}') from error


def switch_memory_mode(store: SettingsStore, text: str) -> str:
	"""Store the mode `text` names for the next model load and say so; with `--memory`, `--medvram` or `--lowvram`
	given at start nothing is stored and the message names the flag that wins. A mode the device cannot do, or an
	unknown one, raises InvalidRequestError naming it."""
	mode = memory_mode(text)
	given = store.flags.get('memory')
	if given is not None:
		return (
			f'Not changed: `{given.flag}` was given on the command line and wins over the stored memory mode until the '
			f'app starts without it; start it with `--memory {mode.value}` to run in {mode.value} mode.'
		)
	store.save({'memory': mode.value})
	return f'Memory mode is now {mode.value}; run again.'
