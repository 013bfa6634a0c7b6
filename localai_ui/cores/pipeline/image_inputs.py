"""An image-to-image or inpainting job's pictures made ready once: what the passes denoise, and how a result goes
back so that pixels outside the (blurred) mask come back exactly as they were, as A1111 pastes them."""

from dataclasses import dataclass

import numpy as np
from PIL import Image

from localai_ui.cores.images import crop_for_inpaint, crop_region, fill_masked, paste_back, prepare_mask, resize_image
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.image_edits import Box

NOTHING_GREY = 127  # pixels of 0 in the model's -1..1 range: what "latent nothing" starts the masked area from


@dataclass(frozen=True)
class EditInputs:
	"""`image` and `mask` are what a pass gets (generation size); `base`, `overlay` and `region` put results back."""

	base: Image.Image
	image: Image.Image
	mask: Image.Image | None = None
	overlay: Image.Image | None = None
	region: Box | None = None

	def finish(self, generated: Image.Image) -> Image.Image:
		"""The generated image as the user gets it: pasted over the original outside the mask."""
		if self.overlay is None:
			return generated
		return paste_back(self.base, generated, self.overlay, self.region)


def prepare_inputs(request: GenerationRequest, init: Image.Image, mask: Image.Image | None, seed: int) -> EditInputs:
	"""Resize the init image (and mask) by the request's resize mode, then apply the inpainting choices."""
	width, height = request.width, request.height
	base = resize_image(init, width, height, request.resize_mode)
	if mask is None:
		return EditInputs(base, base)
	fitted = resize_image(mask, width, height, request.resize_mode)
	prepared = prepare_mask(fitted, (width, height), invert=request.invert_mask, blur=request.mask_blur)
	start = _masked_start(base, prepared.binary, request, seed)
	if request.inpaint_area == 'Only masked':
		region = crop_region(prepared.binary, request.inpaint_padding, width, height)
		image, pass_mask = crop_for_inpaint(start, prepared.blurred, region, width, height)
		return EditInputs(base, image, pass_mask, prepared.blurred, region)
	return EditInputs(base, start, prepared.blurred, prepared.overlay)


def _masked_start(image: Image.Image, binary: Image.Image, request: GenerationRequest, seed: int) -> Image.Image:
	"""What the masked area starts from: the original, its surroundings ('fill'), noise, or nothing (mid grey).

	A1111 does the last two in latent space; here they are made in pixels before the image is encoded, which gives
	the same starting point up to the VAE's rounding.
	"""
	if request.masked_content == 'original':
		return image
	if request.masked_content == 'fill':
		return fill_masked(image, binary)
	pixels = np.asarray(image).copy()
	hole = np.asarray(binary) >= 128
	if request.masked_content == 'latent noise':
		noise = np.random.default_rng(seed).integers(0, 256, size=pixels.shape, dtype=np.uint8)
		pixels[hole] = noise[hole]
	else:
		pixels[hole] = NOTHING_GREY
	return Image.fromarray(pixels, mode='RGB')
