"""The device plan from the stored settings (flags on top), planned when the engine starts: a device given by flag
must exist (the start fails, naming it); a stored one that no longer does (a GPU removed) gives way to auto, and the
Settings tab says so."""

import torch

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.memory_policy import MemoryPolicy
from localai_ui.features.settings.store import SettingsStore
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MemoryRequest
from localai_ui.services.system_info.collect import SystemProbes, collect_system_info
from localai_ui.services.system_info.torch_probe import read_torch_facts


def plan_from_store(store: SettingsStore) -> tuple[DevicePlan, DeviceFacts]:
	"""The plan the manager runs with and the facts the page shows of it."""
	gpu_count, mps = torch.cuda.device_count(), torch.backends.mps.is_available()

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
	dtype = str(plan.dtype).removeprefix('torch.')
	return plan, DeviceFacts(str(plan.device), dtype, gpu_count, mps, note)


def _plan(device: str, gpu_count: int, mps: bool, memory: MemoryPolicy) -> DevicePlan:
	try:
		return plan_device(device, gpu_count=gpu_count, mps_available=mps, memory=memory)
	except InvalidRequestError:
		if gpu_count or not device.startswith('cuda'):
			raise
	problem = collect_system_info((), probes=SystemProbes(read_torch_facts)).cuda_problem  # why CUDA is missing
	return plan_device(device, gpu_count=gpu_count, mps_available=mps, memory=memory, cuda_problem=problem)
