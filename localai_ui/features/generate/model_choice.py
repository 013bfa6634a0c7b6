"""Which model a request means: the one it names, else the default (marked default, else the first loadable)."""

from pathlib import Path

from localai_ui.schemas.errors import NoModelError
from localai_ui.schemas.models import ModelCatalog, ModelInfo
from localai_ui.services.model_scan import scan_models


class ModelChoice:
	"""The Generate tab's view of the models: the library when there is one, else a scan of the folder."""

	def __init__(self, models_dir: Path, catalog: ModelCatalog | None = None) -> None:
		self.models_dir = models_dir
		self._catalog = catalog

	def list_models(self) -> list[ModelInfo]:
		return self._catalog.list_models() if self._catalog else scan_models(self.models_dir)

	def pick(self, name: str | None) -> ModelInfo:
		"""The model called `name`, or the default one for None; NoModelError says what to do otherwise."""
		models = self.list_models()
		if not models:
			raise NoModelError(
				f'No model found. Put a checkpoint (.safetensors) or a diffusers model folder in {self.models_dir} '
				'and press the refresh button next to the model list.'
			)
		default = (self._catalog.default_model() if self._catalog else None) or models[0]
		model = default if name is None else next((m for m in models if m.name == name), None)
		if model is None:
			names = ', '.join(m.name for m in models)
			raise NoModelError(f'Model {name!r} is not in {self.models_dir}; available: {names}')
		return model

	def used(self, model: ModelInfo) -> None:
		if self._catalog:
			self._catalog.model_used(model)
