"""Device requests and GPU memory planning (A1111's --medvram/--lowvram as modes): pure logic, no I/O."""

from localai_ui.cores.memory.device_request import parse_device, resolve_device
from localai_ui.cores.memory.footprint import RunShape, estimate_peak_bytes, footprint
from localai_ui.cores.memory.memory_flags import flag_memory_mode
from localai_ui.cores.memory.oom_advice import out_of_memory_advice, suggested_mode
from localai_ui.cores.memory.planner import plan_memory
from localai_ui.cores.memory.ram_budget import ram_cache_budget
from localai_ui.cores.memory.recommendations import advice_lines, recommend_families

__all__ = [
	'RunShape',
	'advice_lines',
	'estimate_peak_bytes',
	'flag_memory_mode',
	'footprint',
	'out_of_memory_advice',
	'parse_device',
	'plan_memory',
	'ram_cache_budget',
	'recommend_families',
	'resolve_device',
	'suggested_mode',
]
