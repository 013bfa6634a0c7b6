"""Loading the safety checker from a local folder, safetensors only (the hub's pickle copy is refused)."""

from pathlib import Path

from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker

from localai_ui.cores.safety.checker import SafetyChecker
from localai_ui.cores.safety.errors import SafetyCheckerMissingError
from localai_ui.cores.safety.files import CHECKER_REPO, NEEDED


def load_checker(folder: Path) -> SafetyChecker:
	"""The checker saved in `folder` (config.json + model.safetensors), on the CPU; never reads the network."""
	missing = [name for name in NEEDED if not (folder / name).is_file()]
	if missing:
		pickle = ' (pytorch_model.bin is a pickle and is not loaded)' if (folder / 'pytorch_model.bin').exists() else ''
		raise SafetyCheckerMissingError(
			f'{folder}: the safety checker needs {" and ".join(missing)}{pickle}; put the files of {CHECKER_REPO} '
			'there (Settings > Safety > Download), or turn the safety checker off'
		)
	model = StableDiffusionSafetyChecker.from_pretrained(folder, use_safetensors=True, local_files_only=True)
	return SafetyChecker(model)
