"""Build the engine from the settings and the settings store: the device plan, the pipeline manager with its LoRA
applier, RAM cache, safety checker gate and --fast mode, the token counter and the readers that need torch."""

from functools import partial
from pathlib import Path

from localai_ui.cores.fast.mode import fast_options
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.cores.safety.gate import SafetyGate
from localai_ui.cores.upscale.model_loading import load_upscaler
from localai_ui.engine.cuda_memory import cuda_facts
from localai_ui.engine.device_plan import plan_from_store
from localai_ui.features.settings.startup import SettingsParts
from localai_ui.schemas.upscalers import UpscalerDetails
from localai_ui.services.checkpoint_files.configs import CLIP_TOKENIZER_DIR
from localai_ui.services.system_info.torch_probe import read_torch_facts
from localai_ui.settings import Settings
from localai_ui.warming.engine import WarmingEngine
from localai_ui.warming.parts import EngineParts

GIB = 2**30


def build_parts(settings: Settings, parts: SettingsParts) -> EngineParts:
	"""Everything that imports torch, built once; a device the machine lacks (by flag) or --fast off CUDA raises."""
	plan, device = plan_from_store(parts.store)
	manager = PipelineManager(
		plan,
		LoraApplier(LoraStateCache(int(settings.lora_cache_gb * GIB))),
		ram_cache_bytes=parts.ram_cache_bytes,
		safety=(gate := SafetyGate(settings.data_dir / 'safety_checker')),  # loaded only by a run with the setting on
		fast=fast_options(settings.fast, plan.device, settings.data_dir / 'compile_cache'),  # refused off CUDA
	)
	return EngineParts(
		line=manager,
		device=device,
		tokens=TokenCounter(CLIP_TOKENIZER_DIR),
		torch_facts=read_torch_facts,
		read_upscaler=read_upscaler,
		drop_safety_checker=gate.drop,
		cuda_memory=partial(cuda_facts, plan.device),
		close=manager.unload,
	)


def read_upscaler(path: Path) -> UpscalerDetails:
	"""What spandrel identifies in an upscaler file; the model built on the way is dropped again."""
	return UpscalerDetails.model_validate(load_upscaler(path).info, from_attributes=True)


def manager_of(engine: WarmingEngine) -> PipelineManager:
	"""The engine's pipeline manager itself, waiting for it (benches and tests reach past the DeviceLine protocol)."""
	line = engine.late.get().line
	if not isinstance(line, PipelineManager):
		raise TypeError(f'the engine runs {type(line).__name__}, not a PipelineManager')
	return line
