"""What the user can change while the app runs (live preview mode and rate); read at the start of each run."""

from dataclasses import replace

from localai_ui.schemas.progress import PreviewMode, PreviewSettings


class Preferences:
	"""Starts from the flags; the Generate tab's live preview controls change it for the next run."""

	def __init__(self, preview: PreviewSettings) -> None:
		self.preview = preview

	def current_preview(self) -> PreviewSettings:
		return self.preview

	def set_preview(self, mode: PreviewMode, every_n_steps: int) -> PreviewSettings:
		self.preview = replace(self.preview, mode=mode, every_n_steps=max(1, every_n_steps))
		return self.preview
