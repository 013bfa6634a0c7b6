"""Fast mode for a pipeline manager: attaches a dispatcher to each loaded model's UNet and compiles its buckets in
the background, in the manager's own line for the device."""

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from localai_ui.cores.fast.background import BackgroundCompiler, RunInTurn
from localai_ui.cores.fast.compile_setup import (
	Compile,
	check_fast_device,
	compile_reduce_overhead,
	use_compile_cache,
)
from localai_ui.cores.fast.dispatch import FastUnet
from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.schemas.models import ModelInfo

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FastOptions:
	"""`compile_fn` is torch.compile with CUDA graphs; tests pass one with the eager backend to run the same path."""

	cache_dir: Path | None = None
	compile_fn: Compile = compile_reduce_overhead


def fast_options(enabled: bool, device: torch.device, cache_dir: Path) -> FastOptions | None:
	"""What `--fast` asks for on `device`: None when off; refused (FastModeUnavailableError) without CUDA."""
	if not enabled:
		return None
	check_fast_device(device)
	return FastOptions(cache_dir)


class FastMode:
	"""Attaches to models as the loader returns them; a model in an offload mode (accelerate hooks) stays eager."""

	def __init__(self, options: FastOptions, run_in_turn: RunInTurn) -> None:
		if options.cache_dir is not None:
			use_compile_cache(options.cache_dir)
		self._compile = options.compile_fn
		self.compiler = BackgroundCompiler(run_in_turn)
		self._attached: weakref.WeakSet[FastUnet] = weakref.WeakSet()

	def loader(self, load: Loader) -> Loader:
		"""`load`, then the UNet of what it loaded runs through fast mode."""

		def load_fast(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
			loaded = load(info, plan)
			self.attach(loaded)
			return loaded

		return load_fast

	def attach(self, model: LoadedModel) -> FastUnet | None:
		unet = model.pipeline.unet
		found = fast_unet(unet)
		if found is not None:
			return found
		if 'forward' in vars(unet) or hasattr(unet, '_hf_hook'):
			logger.warning(
				'fast mode: %s runs offloaded (memory mode medium or low), so it runs eager', model.info.name
			)
			return None
		dispatcher = FastUnet(unet, model.info.family.value, self._compile, self.compiler.submit)
		vars(unet)['forward'] = dispatcher
		self._attached.add(dispatcher)
		return dispatcher

	def dispatchers(self, family: str) -> list[FastUnet]:
		"""The dispatchers of the models of `family` still in memory."""
		return [dispatcher for dispatcher in self._attached if dispatcher.family == family]

	def wait_idle(self, timeout_s: float) -> bool:
		"""Whether every bucket asked for so far has compiled (or failed) within `timeout_s`."""
		return self.compiler.wait_idle(timeout_s)


def fast_unet(unet: torch.nn.Module) -> FastUnet | None:
	"""The dispatcher fast mode installed on `unet`, if any."""
	found: object = vars(unet).get('forward')
	return found if isinstance(found, FastUnet) else None


def fast_note(unet: torch.nn.Module) -> str:
	"""What fast mode must tell the user before this pass (a size that fell back to eager), or ''."""
	dispatcher = fast_unet(unet)
	return '' if dispatcher is None else dispatcher.take_notes()
