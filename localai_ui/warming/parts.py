"""The engine's parts, typed without torch: `localai_ui.engine` builds them on a thread after the page is served."""

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import JsonValue

from localai_ui.schemas.engine import DeviceFacts, DeviceLine, TokenCounting, UpscalerReader
from localai_ui.services.system_info.facts import TorchFacts


@dataclass(frozen=True)
class EngineParts:
	"""`line` owns the device; `cuda_memory` is A1111's /memory `cuda` part; `close` frees the models."""

	line: DeviceLine
	device: DeviceFacts
	tokens: TokenCounting
	torch_facts: Callable[[], TorchFacts]
	read_upscaler: UpscalerReader
	drop_safety_checker: Callable[[], None]
	cuda_memory: Callable[[], dict[str, JsonValue]]
	close: Callable[[], None]
