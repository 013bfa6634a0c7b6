# Typed surface of the parts of diffusers this project uses (diffusers' own annotations leave kwargs unknown).
from collections.abc import Callable, Mapping, Sequence
from os import PathLike
from typing import Self

import torch
from diffusers.loaders import StableDiffusionLoraLoaderMixin, StableDiffusionXLLoraLoaderMixin
from diffusers.models.autoencoders.vae import DecoderOutput
from PIL.Image import Image
from transformers import CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

class FrozenDict(dict[str, object]): ...

class ConfigMixin:
	@property
	def config(self) -> FrozenDict: ...
	@classmethod
	def from_config(cls, config: Mapping[str, object], **kwargs: object) -> Self: ...

class SchedulerMixin(ConfigMixin):
	timesteps: torch.Tensor
	order: int
	def set_timesteps(self, num_inference_steps: int, device: str | torch.device | None = None) -> None: ...

class EulerDiscreteScheduler(SchedulerMixin):
	def __init__(self, **kwargs: object) -> None: ...

class EulerAncestralDiscreteScheduler(SchedulerMixin): ...
class HeunDiscreteScheduler(SchedulerMixin): ...
class LMSDiscreteScheduler(SchedulerMixin): ...
class KDPM2DiscreteScheduler(SchedulerMixin): ...
class KDPM2AncestralDiscreteScheduler(SchedulerMixin): ...
class DPMSolverMultistepScheduler(SchedulerMixin): ...
class DPMSolverSDEScheduler(SchedulerMixin): ...
class DPMSolverSinglestepScheduler(SchedulerMixin): ...
class DDIMScheduler(SchedulerMixin): ...
class PNDMScheduler(SchedulerMixin): ...
class UniPCMultistepScheduler(SchedulerMixin): ...
class LCMScheduler(SchedulerMixin): ...

class ModelMixin(torch.nn.Module, ConfigMixin):
	@property
	def dtype(self) -> torch.dtype: ...
	@property
	def device(self) -> torch.device: ...
	@classmethod
	def from_pretrained(cls, pretrained_model_name_or_path: str | PathLike[str], **kwargs: object) -> Self: ...
	@classmethod
	def from_single_file(cls, pretrained_model_link_or_path_or_dict: str, **kwargs: object) -> Self: ...
	def save_pretrained(self, save_directory: str | PathLike[str], **kwargs: object) -> None: ...
	def to(
		self,
		device: str | torch.device | None = None,
		dtype: torch.dtype | None = None,
		*,
		memory_format: torch.memory_format | None = None,
	) -> Self: ...

class UNet2DConditionModel(ModelMixin):
	def __init__(self, **kwargs: object) -> None: ...

class DiagonalGaussianDistribution:
	def mode(self) -> torch.Tensor: ...
	def sample(self, generator: torch.Generator | None = None) -> torch.Tensor: ...

class AutoencoderKLOutput:
	latent_dist: DiagonalGaussianDistribution

class AutoencoderKL(ModelMixin):
	def __init__(self, **kwargs: object) -> None: ...
	def decode(self, z: torch.Tensor, return_dict: bool = True) -> DecoderOutput: ...
	def encode(self, x: torch.Tensor, return_dict: bool = True) -> AutoencoderKLOutput: ...

class PipelineImageOutput:
	images: list[Image]

class DiffusionPipeline(ConfigMixin):
	unet: UNet2DConditionModel
	vae: AutoencoderKL
	scheduler: SchedulerMixin
	vae_scale_factor: int
	_interrupt: bool
	@property
	def device(self) -> torch.device: ...
	@property
	def dtype(self) -> torch.dtype: ...
	@property
	def components(self) -> dict[str, object]: ...
	@classmethod
	def from_pretrained(cls, pretrained_model_name_or_path: str | PathLike[str], **kwargs: object) -> Self: ...
	@classmethod
	def from_single_file(cls, pretrained_model_link_or_path: str, **kwargs: object) -> Self: ...
	def save_pretrained(self, save_directory: str | PathLike[str], **kwargs: object) -> None: ...
	def to(self, device: str | torch.device | None = None, dtype: torch.dtype | None = None) -> Self: ...
	def set_progress_bar_config(self, **kwargs: object) -> None: ...
	@classmethod
	def from_pipe(cls, pipeline: DiffusionPipeline, **kwargs: object) -> Self: ...

StepCallback = Callable[[DiffusionPipeline, int, torch.Tensor, dict[str, torch.Tensor]], dict[str, torch.Tensor]]

class StableDiffusionPipeline(DiffusionPipeline, StableDiffusionLoraLoaderMixin):
	text_encoder: CLIPTextModel
	tokenizer: CLIPTokenizer
	def __init__(
		self,
		vae: AutoencoderKL,
		text_encoder: CLIPTextModel,
		tokenizer: CLIPTokenizer,
		unet: UNet2DConditionModel,
		scheduler: SchedulerMixin,
		safety_checker: None,
		feature_extractor: None,
		image_encoder: None = None,
		requires_safety_checker: bool = True,
	) -> None: ...
	def encode_prompt(
		self,
		prompt: str | list[str] | None,
		device: torch.device | None,
		num_images_per_prompt: int,
		do_classifier_free_guidance: bool,
		negative_prompt: str | list[str] | None = None,
		prompt_embeds: torch.Tensor | None = None,
		negative_prompt_embeds: torch.Tensor | None = None,
		lora_scale: float | None = None,
		clip_skip: int | None = None,
	) -> tuple[torch.Tensor, torch.Tensor | None]: ...
	def __call__(
		self,
		prompt: str | list[str] | None = None,
		height: int | None = None,
		width: int | None = None,
		num_inference_steps: int = 50,
		guidance_scale: float = 7.5,
		negative_prompt: str | list[str] | None = None,
		num_images_per_prompt: int = 1,
		generator: torch.Generator | Sequence[torch.Generator] | None = None,
		prompt_embeds: torch.Tensor | None = None,
		negative_prompt_embeds: torch.Tensor | None = None,
		output_type: str = 'pil',
		callback_on_step_end: StepCallback | None = None,
		callback_on_step_end_tensor_inputs: list[str] | None = None,
		**kwargs: object,
	) -> PipelineImageOutput: ...

class StableDiffusionXLPipeline(DiffusionPipeline, StableDiffusionXLLoraLoaderMixin):
	text_encoder: CLIPTextModel
	text_encoder_2: CLIPTextModelWithProjection
	tokenizer: CLIPTokenizer
	tokenizer_2: CLIPTokenizer
	def __init__(
		self,
		vae: AutoencoderKL,
		text_encoder: CLIPTextModel,
		text_encoder_2: CLIPTextModelWithProjection,
		tokenizer: CLIPTokenizer,
		tokenizer_2: CLIPTokenizer,
		unet: UNet2DConditionModel,
		scheduler: SchedulerMixin,
		image_encoder: None = None,
		feature_extractor: None = None,
		force_zeros_for_empty_prompt: bool = True,
		add_watermarker: bool | None = None,
	) -> None: ...
	def encode_prompt(
		self,
		prompt: str | list[str],
		prompt_2: str | list[str] | None = None,
		device: torch.device | None = None,
		num_images_per_prompt: int = 1,
		do_classifier_free_guidance: bool = True,
		negative_prompt: str | list[str] | None = None,
		negative_prompt_2: str | list[str] | None = None,
		prompt_embeds: torch.Tensor | None = None,
		negative_prompt_embeds: torch.Tensor | None = None,
		pooled_prompt_embeds: torch.Tensor | None = None,
		negative_pooled_prompt_embeds: torch.Tensor | None = None,
		lora_scale: float | None = None,
		clip_skip: int | None = None,
	) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor, torch.Tensor | None]: ...
	def __call__(
		self,
		prompt: str | list[str] | None = None,
		height: int | None = None,
		width: int | None = None,
		num_inference_steps: int = 50,
		guidance_scale: float = 5.0,
		negative_prompt: str | list[str] | None = None,
		num_images_per_prompt: int = 1,
		generator: torch.Generator | Sequence[torch.Generator] | None = None,
		prompt_embeds: torch.Tensor | None = None,
		negative_prompt_embeds: torch.Tensor | None = None,
		pooled_prompt_embeds: torch.Tensor | None = None,
		negative_pooled_prompt_embeds: torch.Tensor | None = None,
		output_type: str = 'pil',
		callback_on_step_end: StepCallback | None = None,
		callback_on_step_end_tensor_inputs: list[str] | None = None,
		**kwargs: object,
	) -> PipelineImageOutput: ...

class StableDiffusionImg2ImgPipeline(DiffusionPipeline, StableDiffusionLoraLoaderMixin):
	def __call__(self, **kwargs: object) -> PipelineImageOutput: ...

class StableDiffusionXLImg2ImgPipeline(DiffusionPipeline, StableDiffusionXLLoraLoaderMixin):
	def __call__(self, **kwargs: object) -> PipelineImageOutput: ...

class StableDiffusionInpaintPipeline(DiffusionPipeline, StableDiffusionLoraLoaderMixin):
	text_encoder: CLIPTextModel
	tokenizer: CLIPTokenizer
	def __call__(self, **kwargs: object) -> PipelineImageOutput: ...

class StableDiffusionXLInpaintPipeline(DiffusionPipeline, StableDiffusionXLLoraLoaderMixin):
	text_encoder: CLIPTextModel
	text_encoder_2: CLIPTextModelWithProjection
	tokenizer: CLIPTokenizer
	tokenizer_2: CLIPTokenizer
	def __call__(self, **kwargs: object) -> PipelineImageOutput: ...
