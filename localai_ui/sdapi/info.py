"""The `info` string of /txt2img and /img2img: A1111's Processed.js() keys, filled from the History record of the
run (the prompts after styles, the seeds, the model) and the infotext written into each image."""

import json

from pydantic import JsonValue

from localai_ui import __version__
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.records import GenerationRecord
from localai_ui.services.png_info.infotext import parse_infotext

CORE_KEYS = frozenset({'Steps', 'Sampler', 'CFG scale', 'Seed', 'Size', 'Model hash', 'Model', 'Version'})
VERSION = f'LocalAI UI {__version__}'


def extra_params(infotext: str) -> dict[str, JsonValue]:
	"""The infotext's settings beyond the core ones (Schedule type, Clip skip, Hires upscale...), as A1111 keeps
	them in `extra_generation_params`."""
	if not infotext:
		return {}
	return {key: value for key, value in parse_infotext(infotext).params.items() if key not in CORE_KEYS}


def run_info(
	request: GenerationRequest,
	finished: RunFinished,
	record: GenerationRecord | None,
	*,
	job_timestamp: str,
	inpainting_model: bool,
) -> str:
	"""Processed.js() for this run; a run stopped before it started reports the request and its seeds."""
	prompt = record.prompt if record else request.prompt
	negative = record.negative_prompt if record else request.negative_prompt
	seeds = list(finished.seeds)
	count = max(1, len(seeds))
	infotexts = [image.infotext for image in finished.images]
	strength = request.denoising_strength if request.mode != 'txt2img' else None
	if request.hires:
		strength = request.hires_denoising_strength
	info: dict[str, object] = {
		'prompt': prompt,
		'all_prompts': [prompt] * count,
		'negative_prompt': negative,
		'all_negative_prompts': [negative] * count,
		'seed': seeds[0] if seeds else request.seed,
		'all_seeds': list[JsonValue](seeds),
		'subseed': -1,
		'all_subseeds': [-1] * count,
		'subseed_strength': 0,
		'width': request.width,
		'height': request.height,
		'sampler_name': record.sampler if record else request.sampler,
		'cfg_scale': request.cfg_scale,
		'steps': request.steps,
		'batch_size': request.batch_size,
		'restore_faces': False,
		'face_restoration_model': None,
		'sd_model_name': record.model_name if record else request.model,
		'sd_model_hash': record.model_hash if record else None,
		'sd_vae_name': None,
		'sd_vae_hash': None,
		'seed_resize_from_w': -1,
		'seed_resize_from_h': -1,
		'denoising_strength': strength,
		'extra_generation_params': extra_params(infotexts[0] if infotexts else record.infotext if record else ''),
		'index_of_first_image': 0,
		'infotexts': list[JsonValue](infotexts),
		'styles': list[JsonValue](request.styles),
		'job_timestamp': job_timestamp,
		'clip_skip': request.clip_skip,
		'is_using_inpainting_conditioning': inpainting_model and request.mode == 'inpaint',
		'version': VERSION,
	}
	return json.dumps(info)
