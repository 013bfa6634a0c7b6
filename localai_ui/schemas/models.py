"""What the app knows about a checkpoint: the details its library kind keeps, and a model ready to load."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from localai_ui.schemas.assets import Family

ModelFormat = Literal['diffusers', 'safetensors']


class CheckpointDetails(BaseModel):
	"""What a scan learnt of a checkpoint: `config` names the offline configs of a single file (a bundled
	variant such as 'sd15', or 'sidecar' for its `<name>.diffusers/` folder); None for diffusers folders."""

	model_config = ConfigDict(frozen=True)

	config: str | None = None
	inpainting: bool = False


@dataclass(frozen=True)
class ModelInfo:
	"""A loadable model: its display name, where it lives and what it is.

	`config_dir` holds the offline configs a single file loads with (a bundled architecture or its sidecar);
	`hash` is the AutoV2 hash (first 10 hex of `sha256`); `vae` an external VAE file that replaces the model's own;
	`inpainting` marks a dedicated inpainting checkpoint (a 9-channel UNet: image, mask and masked image latents).
	"""

	name: str
	path: Path
	family: Family
	format: ModelFormat = 'diffusers'
	hash: str | None = None
	sha256: str | None = None
	config_dir: Path | None = None
	vae: Path | None = None
	inpainting: bool = False

	@property
	def load_key(self) -> tuple[Path, Path | None, Path | None]:
		"""What decides the weights in memory: renaming or hashing a model does not make it a different one."""
		return (self.path, self.config_dir, self.vae)
