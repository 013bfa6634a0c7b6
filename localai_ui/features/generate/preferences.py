"""The Generate tab's preferences: the live preview of the next run and the defaults its controls start with.

Both come from the stored settings (flags given at start win), read at the start of each run and on each page load,
so a change in the Settings tab applies without a restart. Without a settings source (scripts, some tests) the
preview stays in memory and the defaults are the built-in ones. The memory mode an out-of-memory failure offers is
stored through the settings too.
"""

from collections.abc import Callable
from dataclasses import replace

from localai_ui.schemas.app_settings import AppSettings, GenerationDefaults
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.progress import PreviewMode, PreviewSettings

SavePreview = Callable[[PreviewMode, int], None]
SwitchMemory = Callable[[str], str]


class Preferences:
	"""`preview` carries what only flags set (previews per second, size); mode and rate follow the settings."""

	def __init__(
		self,
		preview: PreviewSettings,
		settings: Callable[[], AppSettings] | None = None,
		save_preview: SavePreview | None = None,
		switch_memory: SwitchMemory | None = None,
	) -> None:
		self.preview = preview
		self._settings = settings
		self._save_preview = save_preview
		self._switch_memory = switch_memory

	def current_preview(self) -> PreviewSettings:
		if self._settings is None:
			return self.preview
		stored = self._settings().preview
		return replace(self.preview, mode=stored.preview_mode, every_n_steps=stored.preview_every)

	def set_preview(self, mode: PreviewMode, every_n_steps: int) -> PreviewSettings:
		"""Change the preview for the next run (and store it, when there is a settings store)."""
		every = max(1, every_n_steps)
		if self._save_preview is None:
			self.preview = replace(self.preview, mode=mode, every_n_steps=every)
		else:
			self._save_preview(mode, every)
		return self.current_preview()

	def defaults(self) -> GenerationDefaults:
		"""What the Generate tab's sampler, schedule, steps, CFG, size, clip skip and negative prompt start with."""
		return GenerationDefaults() if self._settings is None else self._settings().generation

	def preview_values(self) -> tuple[PreviewMode, int]:
		"""The live preview controls' values on page load: (mode, every N steps)."""
		current = self.current_preview()
		return current.mode, current.every_n_steps

	def use_memory_mode(self, mode: str) -> str:
		"""Store `mode` ('medium', 'low' ...) as the memory mode the next load plans with; the message to show."""
		if self._switch_memory is None:
			raise InvalidRequestError(f'memory mode {mode!r} not stored: this app was started without its settings')
		return self._switch_memory(mode)
