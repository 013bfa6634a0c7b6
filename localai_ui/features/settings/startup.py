"""What the composition root builds from the stored settings at start: the store (flags on top), the device plan
with its memory policy, the System report, and the RAM cache budget sized to the machine."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.memory_policy import MemoryPolicy
from localai_ui.cores.memory import ram_cache_budget
from localai_ui.database.engine import Database
from localai_ui.features.settings.device_check import device_check
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.system_report import SystemReport
from localai_ui.features.settings.values import FlagValue
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MemoryRequest
from localai_ui.services.system_info import collect_system_info, read_ram

GIB = 1 << 30
FlagSetting = tuple[str, str | int, str]


@dataclass(frozen=True)
class SettingsParts:
	"""`device_note` says why the stored device was not used (it is missing now), or is empty."""

	store: SettingsStore
	plan: DevicePlan
	report: SystemReport
	ram_cache_bytes: int
	device_note: str = ''


def build_settings_parts(
	database: Database,
	*,
	flags: Sequence[FlagSetting],
	folders: Sequence[tuple[str, Path]],
	ram_cache_gb: float | None,
) -> SettingsParts:
	"""A device given by flag must exist (the start fails otherwise, naming it); a stored one that no longer does
	(a GPU removed) gives way to auto, and the Settings tab says so."""
	gpu_count, mps = torch.cuda.device_count(), torch.backends.mps.is_available()
	store = SettingsStore(
		database,
		flags={name: FlagValue(value, flag) for name, value, flag in flags},
		check=device_check(gpu_count=gpu_count, mps_available=mps),
	)

	def memory_request() -> MemoryRequest:
		return store.current().device.memory

	memory = MemoryPolicy(memory_request)
	wanted, note = store.current().device.device, ''
	try:
		plan = _plan(wanted, gpu_count, mps, memory)
	except InvalidRequestError as error:
		if 'device' in store.flags:
			raise
		plan, note = _plan('auto', gpu_count, mps, memory), f'The stored device was not used: {error}'
	report = SystemReport(
		device=str(plan.device), dtype=str(plan.dtype).removeprefix('torch.'), folders=folders, memory=memory_request
	)
	budget = ram_cache_budget(read_ram().total_bytes) if ram_cache_gb is None else int(ram_cache_gb * GIB)
	return SettingsParts(store, plan, report, budget, note)


def _plan(device: str, gpu_count: int, mps: bool, memory: MemoryPolicy) -> DevicePlan:
	try:
		return plan_device(device, gpu_count=gpu_count, mps_available=mps, memory=memory)
	except InvalidRequestError:
		if gpu_count or not device.startswith('cuda'):
			raise
	problem = collect_system_info(()).cuda_problem  # why CUDA is missing, only looked up when it matters
	return plan_device(device, gpu_count=gpu_count, mps_available=mps, memory=memory, cuda_problem=problem)
