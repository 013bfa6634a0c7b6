"""Where a Hugging Face download may go: the models, LoRA, VAE or upscaler folder, each with its own check and the
download list its tab follows."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from localai_ui.library.shelves import Libraries
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.downloads.download import Validate
from localai_ui.services.downloads.jobs import DownloadJobs

HubTarget = Literal['model', 'lora', 'vae', 'upscaler']
HUB_TARGETS: tuple[HubTarget, ...] = ('model', 'lora', 'vae', 'upscaler')


@dataclass(frozen=True)
class HubFolder:
	"""Where a kind's downloads go, how a file is checked there, and the job list its tab follows."""

	root: Path
	noun: str
	validate: Validate
	jobs: DownloadJobs


def folder_of(libraries: Libraries, target: HubTarget) -> HubFolder:
	"""The folder, check and job list of `target`; InvalidRequestError naming the choices for anything else."""
	shelves = {
		'model': (libraries.checkpoints.library, libraries.checkpoints.imports.jobs),
		'lora': (libraries.loras.library, libraries.loras.imports.jobs),
		'vae': (libraries.vaes.library, libraries.vaes.imports.jobs),
		'upscaler': (libraries.upscalers.library, libraries.upscalers.imports.jobs),
	}
	if target not in shelves:
		raise InvalidRequestError(f'{target!r}: a download goes to one of {", ".join(HUB_TARGETS)}')
	library, jobs = shelves[target]
	return HubFolder(library.root, library.spec.folder_noun, library.spec.validate, jobs)
