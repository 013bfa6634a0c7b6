"""The device line while the engine starts: a run or an upscale asked for before it is ready says so and waits (a
Stop while waiting ends it), then goes through the real line; nothing is loaded yet, so there is nothing to unload."""

from collections.abc import Generator
from datetime import UTC, datetime

from PIL.Image import Image

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.engine import DeviceLine, UpscaleChoice
from localai_ui.schemas.late import EngineFailedError, Late
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, RunStatus, Started, Waiting
from localai_ui.warming.parts import EngineParts

POLL_S = 0.1  # how often a waiting run checks for a Stop


class LateLine:
	"""A DeviceLine over the engine being built: calls wait for it; a failed start raises EngineFailedError."""

	def __init__(self, engine: Late[EngineParts]) -> None:
		self._engine = engine

	@property
	def busy(self) -> bool:
		parts = self._engine.peek()
		return parts is not None and parts.line.busy

	@property
	def cached_models(self) -> list[ModelInfo]:
		parts = self._engine.peek()
		return [] if parts is None else parts.line.cached_models

	def load(self, info: ModelInfo, cancel: CancelToken) -> bool:
		return self._ready_line().load(info, cancel)

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]:
		started = datetime.now(UTC)
		if not (yield from self._wait_for_engine(cancel)):
			yield GenerationResult(RunStatus.INTERRUPTED, (), started, datetime.now(UTC), None)
			return
		try:
			line = self._ready_line()
		except EngineFailedError as error:  # the run fails with the reason, as any run that cannot start
			yield GenerationResult(RunStatus.FAILED, (), started, datetime.now(UTC), None, error=str(error))
			return
		yield from line.generate(job, cancel)

	def upscale(
		self, choice: UpscaleChoice, image: Image, factor: float, cancel: CancelToken
	) -> Generator[Waiting | Started, None, Image | None]:
		if not (yield from self._wait_for_engine(cancel)):
			return None
		return (yield from self._ready_line().upscale(choice, image, factor, cancel))

	def unload(self, info: ModelInfo | None = None) -> None:
		parts = self._engine.peek()
		if parts is not None:
			parts.line.unload(info)

	def _ready_line(self) -> DeviceLine:
		return self._engine.get().line

	def _wait_for_engine(self, cancel: CancelToken) -> Generator[Waiting, None, bool]:
		"""Say the engine is starting and wait for it; False when stopped first (a failed start raises later)."""
		if self._engine.wait(0):
			return True
		yield Waiting(0, warming=True)
		while not self._engine.wait(POLL_S):
			if cancel.cancelled:
				return False
		return True
