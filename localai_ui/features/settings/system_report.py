"""The System section and `/system_info`: this machine's facts, the device in use, what suits it, as JSON too."""

from collections.abc import Callable, Sequence
from pathlib import Path

from localai_ui.cores.memory import recommend_families
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.system import FamilyAdvice, MemoryRequest, SystemInfo
from localai_ui.services.system_info.collect import SystemProbes, collect_system_info

Json = str | int | float | bool | None | list['Json'] | dict[str, 'Json']


class SystemReport:
	"""Reads the machine's facts on each call (free VRAM, RAM and disk change while the app runs)."""

	def __init__(
		self,
		*,
		device: Callable[[], DeviceFacts],
		folders: Sequence[tuple[str, Path]],
		memory: Callable[[], MemoryRequest],
		probes: SystemProbes,
	) -> None:
		self.device = device  # waits for the engine's device plan
		self._folders = tuple(folders)
		self._memory = memory
		self._probes = probes

	def info(self) -> SystemInfo:
		facts = self.device()
		return collect_system_info(self._folders, device=(facts.device, facts.dtype), probes=self._probes)

	def memory_request(self) -> MemoryRequest:
		"""The memory mode asked for now (flag or setting); 'auto' lets the planner choose per model."""
		return self._memory()

	@staticmethod
	def advice(info: SystemInfo) -> list[FamilyAdvice]:
		"""The model families that suit the GPU in use (its total memory), or Apple MPS, or the CPU."""
		gpu = next((gpu for gpu in info.gpus if f'cuda:{gpu.index}' == info.device), None)
		return recommend_families(None if gpu is None else gpu.total_bytes, mps=info.device == 'mps')

	def as_json(self) -> dict[str, Json]:
		"""Everything the System section shows, as plain JSON (bytes as integers)."""
		info = self.info()
		return {
			'device': info.device,
			'dtype': info.dtype,
			'memory_mode': self.memory_request(),
			'gpus': [
				{
					'index': gpu.index,
					'name': gpu.name,
					'total_bytes': gpu.total_bytes,
					'free_bytes': gpu.free_bytes,
					'compute_capability': f'{gpu.capability[0]}.{gpu.capability[1]}',
				}
				for gpu in info.gpus
			],
			'driver_version': info.driver_version,
			'cuda_version': info.cuda_version,
			'cudnn_version': info.cudnn_version,
			'versions': dict[str, Json](info.versions),
			'ram_total_bytes': info.ram_total_bytes,
			'ram_available_bytes': info.ram_available_bytes,
			'disks': [
				{
					'label': disk.label,
					'folder': str(disk.path),  # never 'path': gradio_client downloads any {'path': ...} as a file
					'free_bytes': disk.free_bytes,
					'total_bytes': disk.total_bytes,
				}
				for disk in info.disks
			],
			'cuda_problem': info.cuda_problem,
			'mps_available': info.mps_available,
			'torch_build': info.torch_build,
			'platform': info.platform,
			'cpu_count': info.cpu_count,
			'recommended': [
				{'family': item.label, 'mode': item.mode.value, 'why': item.why} for item in self.advice(info)
			],
		}
