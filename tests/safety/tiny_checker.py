"""A tiny random safety checker built in code: the released checker's layout (CLIP vision, projection, 17 concept
and 3 special-care embeddings), 32 px input; its thresholds decide whether it flags every image or none."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
from PIL import Image
from transformers import CLIPConfig, CLIPTextConfig, CLIPVisionConfig

from tests.models.tiny_checkpoints import save_file

FLAG_ALL = -2.0  # a cosine similarity is always above -2: every image is flagged
FLAG_NONE = 2.0  # and always below 2: none is


@dataclass(frozen=True)
class VisionShape:
	hidden: int
	intermediate: int
	layers: int
	heads: int
	image_size: int
	patch: int
	projection: int


TINY = VisionShape(32, 37, 2, 4, 32, 8, 16)
RELEASED = VisionShape(1024, 4096, 24, 16, 224, 14, 768)  # CLIP ViT-L/14, as CompVis/stable-diffusion-safety-checker


def tiny_checker(threshold: float, shape: VisionShape = TINY) -> StableDiffusionSafetyChecker:
	projection = shape.projection
	vision = CLIPVisionConfig(
		hidden_size=shape.hidden,
		intermediate_size=shape.intermediate,
		num_hidden_layers=shape.layers,
		num_attention_heads=shape.heads,
		image_size=shape.image_size,
		patch_size=shape.patch,
	)
	text = CLIPTextConfig(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4)
	config = CLIPConfig(text_config=text.to_dict(), vision_config=vision.to_dict(), projection_dim=projection)
	checker = StableDiffusionSafetyChecker(config)
	generator = torch.Generator().manual_seed(0)
	with torch.no_grad():
		checker.concept_embeds.copy_(torch.randn(17, projection, generator=generator))
		checker.special_care_embeds.copy_(torch.randn(3, projection, generator=generator))
		checker.concept_embeds_weights.fill_(threshold)
		checker.special_care_embeds_weights.fill_(threshold)
	return checker.eval()


def save_tiny_checker(folder: Path, threshold: float, shape: VisionShape = TINY) -> Path:
	"""config.json and model.safetensors in `folder`, as the released checker's folder holds them."""
	checker = tiny_checker(threshold, shape)
	folder.mkdir(parents=True, exist_ok=True)
	(folder / 'config.json').write_text(checker.config.to_json_string(), encoding='utf-8')
	state = {name: tensor.contiguous() for name, tensor in checker.state_dict().items()}
	save_file(state, str(folder / 'model.safetensors'), metadata={'format': 'pt'})
	return folder


def checkerboard(size: int = 64, cell: int = 4) -> Image.Image:
	ys, xs = np.indices((size, size))
	values = (((xs // cell + ys // cell) % 2) * 255).astype(np.uint8)
	return Image.fromarray(np.stack([values, 255 - values, values], axis=-1), mode='RGB')
