"""History's "Use as LoRA preview": the image selected there becomes a LoRA's card picture in the LoRAs tab."""

from localai_ui.features.ui_common.handles import ImageAction
from localai_ui.features.ui_common.preview_action import PreviewTarget, preview_action
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails


def lora_preview_action(shelf: Shelf[LoraDetails]) -> ImageAction:
	"""The section History lays out under its selected image (app.py hands it over; neither tab imports the other)."""

	def usable_names() -> list[str]:
		return [record.name for record in shelf.library.usable()]

	return preview_action(PreviewTarget('LoRA', 'lora', 'LoRAs', usable_names, shelf.edits.set_preview))
