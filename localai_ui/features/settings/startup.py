"""What the composition root builds from the stored settings at start: the store (flags on top), the System report
and the RAM cache budget sized to the machine. The device plan comes with the engine, after the page is served:
`device` and `torch_facts` wait for it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from localai_ui.cores.memory import ram_cache_budget
from localai_ui.database.engine import Database
from localai_ui.features.settings.device_check import late_device_check
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.system_report import SystemReport
from localai_ui.features.settings.values import FlagValue
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.system import MemoryRequest
from localai_ui.services.system_info.collect import SystemProbes
from localai_ui.services.system_info.facts import TorchFacts
from localai_ui.services.system_info.host_probe import read_ram

GIB = 1 << 30
FlagSetting = tuple[str, str | int, str]


@dataclass(frozen=True)
class SettingsParts:
	"""`device` is the engine's device plan as the page shows it (waits for the engine)."""

	store: SettingsStore
	report: SystemReport
	ram_cache_bytes: int
	device: Callable[[], DeviceFacts]


def build_settings_parts(
	database: Database,
	*,
	flags: Sequence[FlagSetting],
	folders: Sequence[tuple[str, Path]],
	ram_cache_gb: float | None,
	device: Callable[[], DeviceFacts],
	torch_facts: Callable[[], TorchFacts],
) -> SettingsParts:
	"""A stored device is checked against the devices the engine found (saving one waits for it)."""
	store = SettingsStore(
		database, flags={name: FlagValue(value, flag) for name, value, flag in flags}, check=late_device_check(device)
	)

	def memory_request() -> MemoryRequest:
		return store.current().device.memory

	report = SystemReport(device=device, folders=folders, memory=memory_request, probes=SystemProbes(torch_facts))
	budget = ram_cache_budget(read_ram().total_bytes) if ram_cache_gb is None else int(ram_cache_gb * GIB)
	return SettingsParts(store, report, budget, device)
