from os import PathLike

import torch
from transformers import CLIPConfig, CLIPVisionModel, PreTrainedModel

class StableDiffusionSafetyChecker(PreTrainedModel):
	config: CLIPConfig
	vision_model: CLIPVisionModel
	visual_projection: torch.nn.Linear
	concept_embeds: torch.nn.Parameter
	special_care_embeds: torch.nn.Parameter
	concept_embeds_weights: torch.nn.Parameter
	special_care_embeds_weights: torch.nn.Parameter
	def __init__(self, config: CLIPConfig) -> None: ...
	@classmethod
	def from_pretrained(
		cls,
		pretrained_model_name_or_path: str | PathLike[str],
		*,
		use_safetensors: bool | None = ...,
		local_files_only: bool = ...,
	) -> StableDiffusionSafetyChecker: ...
	def forward_onnx(self, clip_input: torch.Tensor, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]: ...
