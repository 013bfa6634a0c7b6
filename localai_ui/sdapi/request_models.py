"""The bodies of /txt2img and /img2img with A1111's field names and defaults (modules/api/models.py generates them
from its processing classes). Fields this app does not use are accepted and ignored, as A1111 ignores unknown ones."""

from pydantic import BaseModel, ConfigDict, Field, JsonValue

A1111_DEFAULT_SAMPLER = 'Euler'  # the API's sampler_index default
A1111_DEFAULT_STEPS = 50


class ProcessingRequest(BaseModel):
	"""What every run takes; `sampler_name` wins over the older `sampler_index`."""

	model_config = ConfigDict(extra='ignore')

	prompt: str = ''
	negative_prompt: str | None = None
	styles: list[str] | None = None
	seed: int = -1
	sampler_name: str | None = None
	sampler_index: str = A1111_DEFAULT_SAMPLER
	scheduler: str | None = None
	batch_size: int = 1
	n_iter: int = 1
	steps: int = A1111_DEFAULT_STEPS
	cfg_scale: float = 7.0
	width: int = 512
	height: int = 512
	restore_faces: bool | None = None
	tiling: bool | None = None
	override_settings: dict[str, JsonValue] | None = None
	override_settings_restore_afterwards: bool = True
	script_name: str | None = None
	script_args: list[JsonValue] = Field(default_factory=list[JsonValue])
	alwayson_scripts: dict[str, JsonValue] = Field(default_factory=dict[str, JsonValue])
	send_images: bool = True
	save_images: bool = False

	@property
	def sampler(self) -> str:
		return self.sampler_name or self.sampler_index or A1111_DEFAULT_SAMPLER

	@property
	def overrides(self) -> dict[str, JsonValue]:
		return self.override_settings or {}


class Txt2ImgRequest(ProcessingRequest):
	"""Text to image, with A1111's hires fix fields (`denoising_strength` is the second pass's)."""

	denoising_strength: float | None = None
	enable_hr: bool = False
	hr_scale: float = 2.0
	hr_upscaler: str | None = None
	hr_second_pass_steps: int = 0
	hr_resize_x: int = 0
	hr_resize_y: int = 0
	hr_checkpoint_name: str | None = None
	hr_sampler_name: str | None = None
	hr_scheduler: str | None = None
	hr_prompt: str = ''
	hr_negative_prompt: str = ''
	firstphase_width: int = 0
	firstphase_height: int = 0


class Img2ImgRequest(ProcessingRequest):
	"""Image to image; a `mask` makes it inpainting. Indexes follow A1111's radio buttons:
	resize_mode 0-3 (Just resize, Crop and resize, Resize and fill, latent upscale), inpainting_fill 0-3
	(fill, original, latent noise, latent nothing); inpaint_full_res is "Only masked"."""

	init_images: list[str] | None = None
	resize_mode: int = Field(default=0, ge=0, le=3)
	denoising_strength: float = 0.75
	image_cfg_scale: float | None = None
	mask: str | None = None
	mask_blur: int | None = None
	inpainting_fill: int = Field(default=0, ge=0, le=3)
	inpaint_full_res: bool = True
	inpaint_full_res_padding: int = 0
	inpainting_mask_invert: int = Field(default=0, ge=0, le=1)
	initial_noise_multiplier: float | None = None
	include_init_images: bool = False
