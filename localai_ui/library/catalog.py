"""The checkpoints as the rest of the app uses them: loadable models by name, the default, each with its VAE."""

from pathlib import Path

from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset, NoDetails
from localai_ui.schemas.errors import NoModelError
from localai_ui.schemas.models import CheckpointDetails, ModelInfo
from localai_ui.services.checkpoint_files.inspect import resolve_config


class ModelCatalog:
	"""Turns checkpoint records into ModelInfo; a model's own VAE choice wins over the `--vae` file."""

	def __init__(
		self,
		checkpoints: AssetLibrary[CheckpointDetails],
		vaes: AssetLibrary[NoDetails],
		vae_override: Path | None = None,
	) -> None:
		self.checkpoints = checkpoints
		self.vaes = vaes
		self._vae_override = vae_override

	@property
	def models_dir(self) -> Path:
		return self.checkpoints.root

	def info(self, record: Asset[CheckpointDetails]) -> ModelInfo:
		"""What the pipeline manager loads; a model that cannot load says why."""
		if not record.usable or record.details is None:
			raise NoModelError(f'{record.name} cannot be loaded: {record.reason}')
		path = self.checkpoints.path_of(record)
		vae = self.vaes.root / record.row.vae if record.row.vae else self._vae_override
		return ModelInfo(
			name=record.name,
			path=path,
			family=record.family,
			format='diffusers' if record.row.format == 'diffusers' else 'safetensors',
			hash=record.row.autov2,
			sha256=record.row.sha256,
			config_dir=resolve_config(path, record.details.config),
			vae=vae,
			inpainting=record.details.inpainting,
		)

	def list_models(self) -> list[ModelInfo]:
		"""Every loadable model by name, after a quick incremental scan (new files show up at once)."""
		return [self.info(record) for record in self.checkpoints.refresh() if record.usable]

	def default_name(self) -> str | None:
		"""The model Generate preselects: the one marked default, else the first loadable one."""
		record = self.checkpoints.default()
		return None if record is None else record.name

	def pick(self, name: str | None) -> ModelInfo:
		"""The model called `name`, or the default one for None; NoModelError says what to do otherwise."""
		models = self.list_models()
		if not models:
			raise NoModelError(
				f'No model found. Put a checkpoint (.safetensors) or a diffusers model folder in {self.models_dir} '
				'and press the refresh button next to the model list.'
			)
		wanted = name or self.default_name()
		model = next((found for found in models if found.name == wanted), None)
		if model is None:
			names = ', '.join(found.name for found in models)
			raise NoModelError(f'Model {name!r} is not in {self.models_dir}; available: {names}')
		return model

	def used(self, model: ModelInfo) -> None:
		self.checkpoints.touch(model.name)
