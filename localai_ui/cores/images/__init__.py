"""Image and mask preparation for image-to-image, inpainting and outpainting (PIL and numpy, no device work)."""

from localai_ui.cores.images.edge_fill import extend_edges
from localai_ui.cores.images.image_checks import as_rgb
from localai_ui.cores.images.inpaint_crop import crop_for_inpaint, crop_region
from localai_ui.cores.images.mask_preparation import MASK_THRESHOLD, masked_area, prepare_mask
from localai_ui.cores.images.masked_fill import fill_masked
from localai_ui.cores.images.outpaint import pad_for_outpaint
from localai_ui.cores.images.paste_back import paste_back
from localai_ui.cores.images.resize_modes import resize_image

__all__ = [
	'MASK_THRESHOLD',
	'as_rgb',
	'crop_for_inpaint',
	'crop_region',
	'extend_edges',
	'fill_masked',
	'masked_area',
	'pad_for_outpaint',
	'paste_back',
	'prepare_mask',
	'resize_image',
]
