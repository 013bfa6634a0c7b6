"""The part of webuiapi 0.9.17 (an AUTOMATIC1111 API client) the tests drive; the package ships no types."""

from collections.abc import Mapping, Sequence

import requests
from PIL.Image import Image

__version__: str

_Json = str | int | float | bool | None | list[_Json] | dict[str, _Json]

class WebUIApiResult:
	images: list[Image]
	parameters: dict[str, _Json]
	info: dict[str, _Json]
	json: dict[str, _Json]
	@property
	def image(self) -> Image: ...

class WebUIApi:
	baseurl: str
	session: requests.Session
	def __init__(
		self,
		host: str = ...,
		port: int = ...,
		baseurl: str | None = ...,
		sampler: str = ...,
		scheduler: str = ...,
		steps: int = ...,
		use_https: bool = ...,
		username: str | None = ...,
		password: str | None = ...,
	) -> None: ...
	def set_auth(self, username: str, password: str) -> None: ...
	def txt2img(
		self,
		*,
		prompt: str = ...,
		negative_prompt: str = ...,
		styles: Sequence[str] = ...,
		seed: int = ...,
		sampler_name: str | None = ...,
		scheduler: str | None = ...,
		batch_size: int = ...,
		n_iter: int = ...,
		steps: int | None = ...,
		cfg_scale: float = ...,
		width: int = ...,
		height: int = ...,
		enable_hr: bool = ...,
		hr_scale: float = ...,
		denoising_strength: float = ...,
		override_settings: Mapping[str, _Json] = ...,
		send_images: bool = ...,
		save_images: bool = ...,
	) -> WebUIApiResult: ...
	def img2img(
		self,
		*,
		images: Sequence[Image] = ...,
		resize_mode: int = ...,
		denoising_strength: float = ...,
		mask_image: Image | None = ...,
		mask_blur: int = ...,
		inpainting_fill: int = ...,
		inpaint_full_res: bool = ...,
		inpaint_full_res_padding: int = ...,
		inpainting_mask_invert: int = ...,
		prompt: str = ...,
		negative_prompt: str = ...,
		seed: int = ...,
		sampler_name: str | None = ...,
		steps: int | None = ...,
		cfg_scale: float = ...,
		width: int = ...,
		height: int = ...,
		send_images: bool = ...,
	) -> WebUIApiResult: ...
	def extra_single_image(
		self, image: Image, *, resize_mode: int = ..., upscaling_resize: float = ..., upscaler_1: str = ...
	) -> WebUIApiResult: ...
	def png_info(self, image: Image) -> WebUIApiResult: ...
	def interrupt(self) -> dict[str, _Json]: ...
	def skip(self) -> _Json: ...
	def get_options(self) -> dict[str, _Json]: ...
	def set_options(self, options: Mapping[str, _Json]) -> _Json: ...
	def get_progress(self) -> dict[str, _Json]: ...
	def get_samplers(self) -> list[dict[str, _Json]]: ...
	def get_schedulers(self) -> list[dict[str, _Json]]: ...
	def get_upscalers(self) -> list[dict[str, _Json]]: ...
	def get_loras(self) -> list[dict[str, _Json]]: ...
	def get_sd_models(self) -> list[dict[str, _Json]]: ...
	def get_sd_vae(self) -> list[dict[str, _Json]]: ...
	def get_prompt_styles(self) -> list[dict[str, _Json]]: ...
	def get_embeddings(self) -> dict[str, _Json]: ...
	def get_memory(self) -> dict[str, _Json]: ...
	def get_scripts(self) -> dict[str, _Json]: ...
	def refresh_checkpoints(self) -> _Json: ...
	def util_get_model_names(self) -> list[str]: ...
	def util_set_model(self, name: str, find_closest: bool = ...) -> None: ...
	def util_get_current_model(self) -> str: ...
