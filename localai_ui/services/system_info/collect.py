"""Gather SystemInfo from the probes; each probe can be replaced, so any machine's facts can be shown and tested."""

import os
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.system import DiskSpace, SystemInfo
from localai_ui.services.system_info.cuda_diagnosis import TorchInstall, diagnose_cuda
from localai_ui.services.system_info.driver_probe import read_driver_facts
from localai_ui.services.system_info.facts import DriverFacts, RamFacts, TorchFacts
from localai_ui.services.system_info.host_probe import disk_space, installed_version, read_ram

REPORTED_PACKAGES = ('torch', 'torchvision', 'diffusers', 'transformers', 'gradio')


@dataclass(frozen=True)
class SystemProbes:
	"""Where each fact comes from; tests replace any of them with the facts of another machine."""

	torch: Callable[[], TorchFacts]  # torch's own facts: read by the engine (torch_probe), or a test's
	driver: Callable[[], DriverFacts] = read_driver_facts
	ram: Callable[[], RamFacts] = read_ram
	disk: Callable[[str, Path], DiskSpace] = disk_space
	version_of: Callable[[str], str | None] = installed_version
	environment: Callable[[str], str | None] = os.environ.get
	platform: str = sys.platform
	python: str = sys.executable


def collect_system_info(
	folders: Sequence[tuple[str, Path]],
	*,
	device: tuple[str, str] | None = None,
	probes: SystemProbes,
) -> SystemInfo:
	"""What this machine has. `folders` are (label, path) pairs measured for free space; `device` is the
	(device, dtype) the pipeline runs with, or None for what `--device auto` would pick."""
	torch, driver, ram = probes.torch(), probes.driver(), probes.ram()
	versions = {name: probes.version_of(name) for name in REPORTED_PACKAGES}
	versions['python'] = platform.python_version()
	install = TorchInstall(python=probes.python, platform=probes.platform, torchvision=versions['torchvision'])
	device_name, dtype = device or default_device(torch)
	return SystemInfo(
		device=device_name,
		dtype=dtype,
		gpus=torch.gpus,
		driver_version=driver.version,
		cuda_version=torch.cuda_build,
		cudnn_version=None if torch.cudnn is None else cudnn_text(torch.cudnn),
		versions=versions,
		ram_total_bytes=ram.total_bytes,
		ram_available_bytes=ram.available_bytes,
		disks=tuple(probes.disk(label, path) for label, path in folders),
		cuda_problem=diagnose_cuda(torch, driver, install, probes.environment('CUDA_VISIBLE_DEVICES')),
		driver_present=driver.present,
		mps_available=torch.mps_available,
		torch_build=torch.version,
		platform=f'{platform.system()} {platform.machine()}'.strip(),
		cpu_count=os.cpu_count() or 1,
	)


def default_device(torch: TorchFacts) -> tuple[str, str]:
	"""What `--device auto` picks: the first CUDA GPU in float16, else Apple MPS in float16, else CPU in float32."""
	if torch.cuda_available and torch.gpus:
		return f'cuda:{torch.gpus[0].index}', 'float16'
	if torch.mps_available:
		return 'mps', 'float16'
	return 'cpu', 'float32'


def cudnn_text(version: int) -> str:
	"""torch's cuDNN number as a version: 92400 -> '9.24.0' (cuDNN 9 packs major*10000), 8907 -> '8.9.7'."""
	major, rest = divmod(version, 10_000) if version >= 90_000 else divmod(version, 1_000)
	return f'{major}.{rest // 100}.{rest % 100}'
