"""The infotext keys of image to image, inpainting and the hires fix, as A1111 writes them (a key only when it
says something: default values are left out as A1111 leaves them out)."""

from localai_ui.schemas.generation import GenerationRequest

InfotextValue = str | int | float | None


def pass_params(request: GenerationRequest) -> dict[str, InfotextValue]:
	"""Denoising strength and the inpainting choices of an image run, or the hires fix of a text run."""
	if request.mode != 'txt2img':
		params: dict[str, InfotextValue] = {'Denoising strength': request.denoising_strength}
		if request.mode == 'inpaint':
			params.update(_inpaint_params(request))
		return params
	if not request.hires:
		return {}
	targeted = bool(request.hires_resize_width or request.hires_resize_height)
	width, height = request.hires_size(request.width, request.height)
	return {
		'Denoising strength': request.hires_denoising_strength,
		'Hires upscale': None if targeted else request.hires_scale,
		'Hires resize': f'{width}x{height}' if targeted else None,
		'Hires steps': request.hires_steps or None,
		'Hires upscaler': request.hires_upscaler,
		'Hires sampler': request.hires_sampler or None,
		'Hires prompt': request.hires_prompt or None,
		'Hires negative prompt': request.hires_negative_prompt or None,
	}


def _inpaint_params(request: GenerationRequest) -> dict[str, InfotextValue]:
	only_masked = request.inpaint_area == 'Only masked'
	return {
		'Mask blur': request.mask_blur or None,
		'Mask mode': 'Inpaint not masked' if request.invert_mask else None,
		'Masked content': request.masked_content if request.masked_content != 'original' else None,
		'Inpaint area': 'Only masked' if only_masked else None,
		'Masked area padding': request.inpaint_padding if only_masked else None,
	}
