"""Loading an A1111/Civitai single-file checkpoint with no network: validated first, configs from disk."""

from pathlib import Path

import torch
from diffusers import (
	AutoencoderKL,
	StableDiffusionInpaintPipeline,
	StableDiffusionPipeline,
	StableDiffusionXLInpaintPipeline,
	StableDiffusionXLPipeline,
)
from transformers import CLIPTokenizer

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.pipeline_types import LoadedPipeline
from localai_ui.cores.loading.weight_pages import cast_releasing, file_dtype
from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.schemas.models import ModelInfo
from localai_ui.services.checkpoint_files.configs import CLIP_TOKENIZER_DIR, TOKENIZER_NAMES, is_bundled
from localai_ui.services.safetensors.header import read_header

MAX_TOKENS = 77


def bundled_tokenizers(config: Path) -> dict[str, CLIPTokenizer]:
	"""The tokenizers a bundled config folder names, built from the one shared BPE with its own pad token."""
	found: dict[str, CLIPTokenizer] = {}
	for name in TOKENIZER_NAMES:
		settings = config / name / 'tokenizer_config.json'
		if settings.is_file():
			pad = str(parse_json_object(settings.read_bytes()).get('pad_token', '<|endoftext|>'))
			vocab, merges = str(CLIP_TOKENIZER_DIR / 'vocab.json'), str(CLIP_TOKENIZER_DIR / 'merges.txt')
			found[name] = CLIPTokenizer(vocab, merges, pad_token=pad, model_max_length=MAX_TOKENS)
	return found


def load_vae(path: Path, config: Path, dtype: torch.dtype) -> AutoencoderKL:
	"""An external VAE (.safetensors, LDM or plain layout) with the model's own VAE config."""
	read_header(path)
	return AutoencoderKL.from_single_file(
		str(path), config=str(config), subfolder='vae', local_files_only=True, dtype=dtype
	)


def load_single_file(info: ModelInfo, plan: DevicePlan) -> LoadedPipeline:
	"""`from_single_file(path, config=<local configs>, local_files_only=True)`, after checking every byte range.

	It loads in the file's own dtype (the weights are views of the mapped file, no copy) and is then cast tensor by
	tensor to the plan's dtype, so RAM never holds the file and the cast weights at once (weight_pages.py).
	An inpainting model loads as the inpaint pipeline of its family (its config folder has a 9-channel UNet).
	"""
	load_dtype = file_dtype(read_header(info.path)) or plan.dtype
	pipeline = _from_single_file(info, plan, load_dtype)
	if load_dtype != plan.dtype:
		modules = [part for part in pipeline.components.values() if isinstance(part, torch.nn.Module)]
		cast_releasing(modules, plan.dtype, info.path)
	return pipeline


def _from_single_file(info: ModelInfo, plan: DevicePlan, dtype: torch.dtype) -> LoadedPipeline:
	config = info.config_dir
	if config is None or not (config / 'model_index.json').is_file():
		raise ModelFileError(f'{info.path.name}: no offline configs for it ({config}); press Refresh in the Models tab')
	components: dict[str, object] = dict(bundled_tokenizers(config)) if is_bundled(config) else {}
	if info.vae is not None:
		components['vae'] = load_vae(info.vae, config, plan.dtype)
	common: dict[str, object] = {'config': str(config), 'local_files_only': True, 'dtype': dtype, **components}
	if info.family is Family.SDXL:
		xl = StableDiffusionXLInpaintPipeline if info.inpainting else StableDiffusionXLPipeline
		return xl.from_single_file(str(info.path), **common)
	sd = StableDiffusionInpaintPipeline if info.inpainting else StableDiffusionPipeline
	return sd.from_single_file(str(info.path), safety_checker=None, requires_safety_checker=False, **common)
