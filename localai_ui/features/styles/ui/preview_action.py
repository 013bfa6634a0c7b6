"""History's "Use as style preview": the image selected there becomes a style's card in the Styles and Generate tabs."""

from localai_ui.features.styles.service import StylesService
from localai_ui.features.ui_common.handles import ImageAction
from localai_ui.features.ui_common.preview_action import PreviewTarget, preview_action


def style_preview_action(service: StylesService) -> ImageAction:
	"""The section History lays out under its selected image (app.py hands it over; neither tab imports the other)."""
	return preview_action(PreviewTarget('style', 'style', 'Styles', service.names, service.set_preview))
