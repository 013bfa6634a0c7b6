"""The device line while the engine starts: a run says it waits and goes on once the engine is set; a Stop while it
waits ends it; a failed start fails the run with the reason; nothing is loaded before, so nothing is unloaded."""

import threading
from collections.abc import Generator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from localai_ui.schemas.assets import Family
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.engine import DeviceFacts, UpscaleChoice
from localai_ui.schemas.late import EngineFailedError, Late
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, RunStatus, Started, Waiting
from localai_ui.schemas.prompts import EmbeddingInfo, TokenCount
from localai_ui.schemas.upscalers import Resampler, UpscalerDetails
from localai_ui.services.system_info.facts import TorchFacts
from localai_ui.warming.engine import WarmingEngine
from localai_ui.warming.parts import EngineParts
from tests.cores.jobs import tiny_job

NOW = datetime(2026, 11, 28, tzinfo=UTC)
ESRGAN_X4 = UpscalerDetails(
	format='pth',
	architecture='ESRGAN',
	scale=4,
	purpose='SR',
	input_channels=3,
	output_channels=3,
	supports_half=True,
	supports_bfloat16=True,
	multiple_of=1,
	minimum=1,
	tiling='supported',
)
INFO = ModelInfo(name='tiny-sd15', path=Path('/models/tiny-sd15'), family=Family.SD1)


class RecordingLine:
	"""A device line that says what it was asked: each run ends done, each upscale doubles the image."""

	def __init__(self) -> None:
		self.calls: list[str] = []
		self.busy = False
		self.cached_models = [INFO]

	def load(self, info: ModelInfo, cancel: CancelToken) -> bool:
		self.calls.append(f'load {info.name}')
		return True

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]:
		self.calls.append(f'generate {job.request.prompt}')
		yield Started(NOW)
		yield GenerationResult(RunStatus.COMPLETED, (), NOW, NOW, 1.0)

	def upscale(
		self, choice: UpscaleChoice, image: Image.Image, factor: float, cancel: CancelToken
	) -> Generator[Waiting | Started, None, Image.Image | None]:
		self.calls.append(f'upscale x{factor:g}')
		yield Started(NOW)
		return image.resize((int(image.width * factor), int(image.height * factor)))

	def unload(self, info: ModelInfo | None = None) -> None:
		self.calls.append('unload')


class OneCount:
	def count(self, text: str, model: ModelInfo, embeddings: Sequence[EmbeddingInfo] = ()) -> TokenCount:
		return TokenCount(len(text.split()), 75)


def parts(line: RecordingLine, dropped: list[str]) -> EngineParts:
	return EngineParts(
		line=line,
		device=DeviceFacts('cpu', 'float32', 0, False),
		tokens=OneCount(),
		torch_facts=lambda: TorchFacts('2.14.1', None, False, (), None, False),
		read_upscaler=lambda path: ESRGAN_X4,
		drop_safety_checker=lambda: dropped.append('checker'),
		cuda_memory=lambda: {'error': 'unavailable'},
		close=lambda: dropped.append('models'),
	)


def test_a_run_says_it_waits_for_the_engine_then_runs_on_it() -> None:
	engine, line = WarmingEngine(Late[EngineParts]('The engine')), RecordingLine()
	events = engine.line.generate(tiny_job(INFO, prompt='a red apple'), CancelToken())
	assert next(events) == Waiting(0, warming=True)
	assert not engine.line.busy and engine.line.cached_models == []
	threading.Timer(0.2, engine.late.set, [parts(line, [])]).start()
	assert [type(event).__name__ for event in events] == ['Started', 'GenerationResult']
	assert line.calls == ['generate a red apple']
	assert engine.line.cached_models == [INFO]


def test_once_the_engine_is_up_a_run_goes_straight_to_it() -> None:
	engine, line = WarmingEngine(Late[EngineParts]('The engine')), RecordingLine()
	engine.late.set(parts(line, []))
	events = list(engine.line.generate(tiny_job(INFO), CancelToken()))
	assert isinstance(events[0], Started) and not any(isinstance(event, Waiting) for event in events)


def test_a_stop_while_waiting_ends_the_run_and_the_engine_never_sees_it() -> None:
	engine, line = WarmingEngine(Late[EngineParts]('The engine')), RecordingLine()
	cancel = CancelToken()
	events = engine.line.generate(tiny_job(INFO), cancel)
	assert next(events) == Waiting(0, warming=True)
	cancel.cancel()
	result = next(events)
	assert isinstance(result, GenerationResult) and result.status is RunStatus.INTERRUPTED
	engine.late.set(parts(line, []))
	assert line.calls == []


def test_a_failed_start_fails_the_run_with_the_reason_and_every_waiting_call() -> None:
	engine = WarmingEngine(Late[EngineParts]('The engine'))
	events = engine.line.generate(tiny_job(INFO), CancelToken())
	next(events)
	engine.late.fail('--device cuda:3: this machine has no such GPU')
	result = next(events)
	assert isinstance(result, GenerationResult) and result.status is RunStatus.FAILED
	assert result.error == 'The engine could not start: --device cuda:3: this machine has no such GPU'
	with pytest.raises(EngineFailedError, match='no such GPU'):
		engine.device()
	with pytest.raises(EngineFailedError, match='no such GPU'):
		engine.line.load(INFO, CancelToken())
	engine.close()  # nothing was loaded: nothing to free, no error


def test_an_upscale_waits_too_and_a_stop_before_the_engine_returns_nothing() -> None:
	engine, line = WarmingEngine(Late[EngineParts]('The engine')), RecordingLine()
	image = Image.new('RGB', (8, 8))
	cancel = CancelToken()
	stopped = engine.line.upscale(Resampler.LANCZOS, image, 2.0, cancel)
	assert next(stopped) == Waiting(0, warming=True)
	cancel.cancel()
	with pytest.raises(StopIteration) as done:
		next(stopped)
	assert done.value.value is None
	engine.late.set(parts(line, []))
	turns = engine.line.upscale(Resampler.LANCZOS, image, 2.0, CancelToken())
	assert isinstance(next(turns), Started)
	with pytest.raises(StopIteration) as done:
		next(turns)
	assert done.value.value.size == (16, 16) and line.calls == ['upscale x2']


def test_the_engine_parts_are_reached_through_the_wait() -> None:
	engine, line, dropped = WarmingEngine(Late[EngineParts]('The engine')), RecordingLine(), list[str]()
	engine.drop_safety_checker()  # before the engine: no checker is loaded, nothing to drop
	engine.line.unload()
	assert engine.late.peek() is None and engine.late.failure is None
	engine.late.set(parts(line, dropped))
	assert engine.device().label == 'cpu float32'
	assert engine.count('a red apple', INFO).label == '3/75'
	assert engine.torch_facts().version == '2.14.1'
	assert engine.read_upscaler(Path('x.pth')).scale == 4
	assert engine.cuda_memory() == {'error': 'unavailable'}
	engine.drop_safety_checker()
	engine.line.unload()
	engine.close()
	assert dropped == ['checker', 'models'] and line.calls == ['unload']
