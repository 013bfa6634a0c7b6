"""What the pipeline manager yields while a job runs."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

from PIL.Image import Image

from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.loras import LoraSpec
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.prompts import EmbeddingInfo
from localai_ui.schemas.system import MemoryMode
from localai_ui.schemas.upscalers import UpscalerInfo

PreviewMode = Literal['off', 'cheap', 'full']


@dataclass(frozen=True)
class PreviewSettings:
	"""How live previews are made: mode, every N steps, at most K per second, longest side in pixels."""

	mode: PreviewMode = 'cheap'
	every_n_steps: int = 1
	max_per_second: float = 4.0
	max_side: int = 256


@dataclass(frozen=True)
class GenerationJob:
	"""A validated request resolved to a model and one seed per image; extra_params go into the infotext.

	`loras` is the exact LoRA set the run uses (empty: none; the worker removes what an earlier job left);
	`embeddings` the textual inversions its prompts name, loaded under the GPU lock; `init_image` and `mask` the
	pictures an image-to-image or inpainting run starts from, read from the files the request names;
	`hires_upscaler` the model upscaler the hires fix names (loaded under the GPU lock), None for the others.
	"""

	request: GenerationRequest
	model: ModelInfo
	seeds: tuple[int, ...]
	preview: PreviewSettings = field(default_factory=PreviewSettings)
	extra_params: tuple[tuple[str, str], ...] = ()
	loras: tuple[LoraSpec, ...] = ()
	embeddings: tuple[EmbeddingInfo, ...] = ()
	asked: GenerationRequest | None = None
	init_image: Image | None = None
	mask: Image | None = None
	hires_upscaler: UpscalerInfo | None = None
	safety_check: bool = False  # the Safety setting: the worker runs the checker after each batch's decode


class RunStatus(StrEnum):
	RUNNING = 'running'
	COMPLETED = 'completed'
	INTERRUPTED = 'interrupted'
	FAILED = 'failed'


@dataclass(frozen=True)
class StepUpdate:
	"""One denoising step of one batch done (step counts from 1); preview is set when one was made."""

	step: int
	total: int
	batch_index: int
	batch_count: int
	it_per_s: float
	eta_s: float
	preview: Image | None = None
	phase: str = ''


WARMING_TEXT = 'Starting the engine (torch and diffusers are loading); this run starts when it is ready'


@dataclass(frozen=True)
class Waiting:
	"""The run waits for the device: `ahead` runs before it; `eta_s` when the app has measured its speed;
	`warming` while the engine (torch, diffusers, the device) is still starting after the page was served."""

	ahead: int
	eta_s: float | None = None
	warming: bool = False


@dataclass(frozen=True)
class Started:
	"""The run holds the device from now on (a run stopped while it waited never gets here)."""

	at: datetime


@dataclass(frozen=True)
class ModelLoading:
	"""The run holds the device and is loading (or switching to) its model first."""

	name: str


@dataclass(frozen=True)
class GeneratedImage:
	image: Image
	seed: int
	index: int
	flagged: bool = False  # by the safety checker


@dataclass(frozen=True)
class ImagesReady:
	"""A batch finished on the device; its images can be saved while the next batch runs."""

	batch_index: int
	images: tuple[GeneratedImage, ...]


@dataclass(frozen=True)
class GenerationResult:
	"""The end of a job: how it ended, every image it made, and its speed."""

	status: RunStatus
	images: tuple[GeneratedImage, ...]
	started_at: datetime
	finished_at: datetime
	it_per_s: float | None
	error: str | None = None
	lighter_mode: MemoryMode | None = None  # offered after running out of GPU memory in a heavier mode


GenerationEvent = Waiting | Started | ModelLoading | StepUpdate | ImagesReady | GenerationResult
