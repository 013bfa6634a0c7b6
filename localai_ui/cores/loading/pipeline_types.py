"""The diffusers pipelines a loaded model can be: text-to-image, or a dedicated inpainting model (9-channel UNet).

The inpainting pipelines are not subclasses of the text-to-image ones: test SDXL with `SDXL_PIPELINES`.
"""

from diffusers import (
	StableDiffusionInpaintPipeline,
	StableDiffusionPipeline,
	StableDiffusionXLInpaintPipeline,
	StableDiffusionXLPipeline,
)

TextToImagePipeline = StableDiffusionPipeline | StableDiffusionXLPipeline
InpaintPipeline = StableDiffusionInpaintPipeline | StableDiffusionXLInpaintPipeline
LoadedPipeline = TextToImagePipeline | InpaintPipeline
SDXLPipeline = StableDiffusionXLPipeline | StableDiffusionXLInpaintPipeline
SDXL_PIPELINES = (StableDiffusionXLPipeline, StableDiffusionXLInpaintPipeline)
INPAINT_PIPELINES = (StableDiffusionInpaintPipeline, StableDiffusionXLInpaintPipeline)
