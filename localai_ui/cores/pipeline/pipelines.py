"""The diffusers pipeline each kind of pass needs, built from the loaded model's own modules (no weight is copied).

Image to image and inpainting share the text-to-image pipeline's UNet, VAE and text encoders (`from_pipe`), so the
LoRA adapters and embeddings a run set up apply to every pass. A dedicated inpainting checkpoint runs every kind
through its own inpaint pipeline: text to image with a full mask, image to image with a full mask too.
"""

from typing import Literal
from weakref import WeakKeyDictionary

from diffusers import (
	StableDiffusionImg2ImgPipeline,
	StableDiffusionInpaintPipeline,
	StableDiffusionXLImg2ImgPipeline,
	StableDiffusionXLInpaintPipeline,
)

from localai_ui.cores.loading.loader import LoadedModel, LoadedPipeline
from localai_ui.cores.loading.pipeline_types import INPAINT_PIPELINES, SDXL_PIPELINES

PassKind = Literal['txt2img', 'img2img', 'inpaint']
ImageToImagePipeline = StableDiffusionImg2ImgPipeline | StableDiffusionXLImg2ImgPipeline
InpaintingPipeline = StableDiffusionInpaintPipeline | StableDiffusionXLInpaintPipeline
PassPipeline = LoadedPipeline | ImageToImagePipeline | InpaintingPipeline

_DERIVED: WeakKeyDictionary[LoadedPipeline, dict[PassKind, PassPipeline]] = WeakKeyDictionary()


def pipeline_for(model: LoadedModel, kind: PassKind) -> tuple[PassPipeline, PassKind]:
	"""The pipeline for `kind`, and the kind it really runs as (an inpainting model runs everything as 'inpaint')."""
	base = model.pipeline
	if isinstance(base, INPAINT_PIPELINES):
		return base, 'inpaint'
	if kind == 'txt2img':
		return base, kind
	derived = _DERIVED.setdefault(base, {})
	found = derived.get(kind)
	if found is None:
		found = _derive(base, kind)
		found.set_progress_bar_config(disable=True)
		derived[kind] = found
	return found, kind


def _derive(base: LoadedPipeline, kind: PassKind) -> PassPipeline:
	sdxl = isinstance(base, SDXL_PIPELINES)
	if kind == 'img2img':
		return (StableDiffusionXLImg2ImgPipeline if sdxl else StableDiffusionImg2ImgPipeline).from_pipe(base)
	return (StableDiffusionXLInpaintPipeline if sdxl else StableDiffusionInpaintPipeline).from_pipe(base)
