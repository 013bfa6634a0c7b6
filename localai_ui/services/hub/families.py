"""Which family a hub repo belongs to, guessed from its tags and id, and the hub tag a family search filters on."""

from collections.abc import Iterable

from localai_ui.schemas.hub import HubFamily

# Checked in this order: an SDXL repo is usually tagged `stable-diffusion` as well.
_SIGNS: tuple[tuple[HubFamily, tuple[str, ...]], ...] = (
	(HubFamily.FLUX, ('diffusers:fluxpipeline', 'flux')),
	(HubFamily.SD3, ('diffusers:stablediffusion3pipeline', 'stable-diffusion-3', 'sd3')),
	(HubFamily.SDXL, ('diffusers:stablediffusionxlpipeline', 'stable-diffusion-xl', 'sdxl')),
	(HubFamily.SD2, ('stable-diffusion-2', 'sd2', 'sd-2')),
	(HubFamily.SD1, ('diffusers:stablediffusionpipeline', 'stable-diffusion', 'sd-1', 'sd1', 'sd15')),
)

# The hub filters on tags; SD 1 and SD 2 share a pipeline class, so the guess splits them afterwards.
FAMILY_FILTER_TAGS: dict[HubFamily, str] = {
	HubFamily.SD1: 'diffusers:StableDiffusionPipeline',
	HubFamily.SD2: 'diffusers:StableDiffusionPipeline',
	HubFamily.SDXL: 'diffusers:StableDiffusionXLPipeline',
	HubFamily.SD3: 'diffusers:StableDiffusion3Pipeline',
	HubFamily.FLUX: 'diffusers:FluxPipeline',
}


def guess_family(repo_id: str, tags: Iterable[str]) -> HubFamily:
	"""The first family whose sign appears in the tags (or, failing that, in the repo id)."""
	lowered = [tag.lower() for tag in tags]
	for family, signs in _SIGNS:
		if any(tag == sign or (tag.startswith('base_model:') and sign in tag) for tag in lowered for sign in signs):
			return family
	name = repo_id.lower()
	for family, signs in _SIGNS:
		if any(sign in name for sign in signs if ':' not in sign):
			return family
	return HubFamily.OTHER
