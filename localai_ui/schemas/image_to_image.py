"""Image to image and inpainting, with A1111's names and meanings: an init image (and a mask) stored by the app."""

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

ResizeModeName = Literal['Just resize', 'Crop and resize', 'Resize and fill', 'Just resize (latent upscale)']
MaskedContentName = Literal['fill', 'original', 'latent noise', 'latent nothing']
InpaintAreaName = Literal['Whole picture', 'Only masked']
RESIZE_MODES: tuple[ResizeModeName, ...] = (
	'Just resize',
	'Crop and resize',
	'Resize and fill',
	'Just resize (latent upscale)',
)
MASKED_CONTENTS: tuple[MaskedContentName, ...] = ('fill', 'original', 'latent noise', 'latent nothing')
INPAINT_AREAS: tuple[InpaintAreaName, ...] = ('Whole picture', 'Only masked')


class ImageToImageFields(BaseModel):
	"""`init_image` and `mask_image` are paths under the outputs folder (the app stores what a user sends).

	Denoising strength has A1111's meaning: steps × strength steps run; 0 returns the image through the VAE only.
	"""

	model_config = ConfigDict(frozen=True, extra='forbid')

	init_image: str | None = None
	mask_image: str | None = None
	denoising_strength: float = Field(default=0.75, ge=0.0, le=1.0)
	resize_mode: ResizeModeName = 'Just resize'
	mask_blur: int = Field(default=4, ge=0, le=64)
	masked_content: MaskedContentName = 'original'
	inpaint_area: InpaintAreaName = 'Whole picture'
	inpaint_padding: int = Field(default=32, ge=0, le=256)
	invert_mask: bool = False

	@model_validator(mode='after')
	def _mask_needs_an_image(self) -> Self:
		if self.mask_image and not self.init_image:
			raise ValueError('a mask needs the image it masks: send init_image too')
		return self

	@property
	def mode(self) -> Literal['txt2img', 'img2img', 'inpaint']:
		"""Which kind of run this is."""
		if self.mask_image:
			return 'inpaint'
		return 'img2img' if self.init_image else 'txt2img'
