"""SystemInfo on this machine (real probes) and on machines described by injected facts."""

import platform
from dataclasses import replace
from pathlib import Path

import torch

from localai_ui.schemas.system import GpuInfo
from localai_ui.services.system_info import (
	NO_DRIVER,
	DriverFacts,
	SystemProbes,
	TorchFacts,
	collect_system_info,
)
from localai_ui.services.system_info.torch_probe import read_torch_facts

GIB = 1 << 30
DRIVER_550 = DriverFacts(present=True, version='550.54.14', evidence='/proc/driver/nvidia/version')
CPU_TORCH = TorchFacts(
	version='2.14.1+cpu', cuda_build=None, cuda_available=False, gpus=(), cudnn=None, mps_available=False
)
RTX_4090 = GpuInfo(
	index=0, name='NVIDIA GeForce RTX 4090', total_bytes=24 * GIB, free_bytes=22 * GIB, capability=(8, 9)
)


def _versions(name: str) -> str | None:
	return {'torch': '2.14.1+cpu', 'torchvision': '0.29.1+cpu', 'diffusers': '0.42.1'}.get(name)


def _no_environment(name: str) -> str | None:
	return None


def probes(torch_facts: TorchFacts, driver: DriverFacts, platform_name: str = 'linux') -> SystemProbes:
	return SystemProbes(
		torch=lambda: torch_facts,
		driver=lambda: driver,
		version_of=_versions,
		environment=_no_environment,
		platform=platform_name,
		python='/opt/app/.venv/bin/python',
	)


def test_this_machine(tmp_path: Path) -> None:
	data, outputs = tmp_path / 'data', tmp_path / 'outputs' / 'not-made-yet'
	data.mkdir()
	info = collect_system_info([('data', data), ('outputs', outputs)], probes=SystemProbes(read_torch_facts))
	has_cuda = torch.cuda.is_available()
	assert info.device == ('cuda:0' if has_cuda else 'cpu') and info.dtype == ('float16' if has_cuda else 'float32')
	assert len(info.gpus) == torch.cuda.device_count() if has_cuda else info.gpus == ()
	assert info.torch_build == torch.__version__ and info.cuda_version == torch.version.cuda
	assert info.versions['torch'] == torch.__version__.split('+')[0]
	assert info.versions['diffusers'] and info.versions['gradio'] and info.versions['transformers']
	assert info.versions['python'] == platform.python_version()
	assert info.ram_total_bytes is not None and info.ram_total_bytes > 0
	assert info.ram_available_bytes is not None and 0 < info.ram_available_bytes <= info.ram_total_bytes
	assert [(disk.label, disk.path) for disk in info.disks] == [('data', data), ('outputs', outputs)]
	assert all(0 < disk.free_bytes <= disk.total_bytes for disk in info.disks)
	if not info.driver_present:  # no NVIDIA driver: CPU mode is normal, nothing to explain
		assert info.cuda_problem is None and info.driver_version is None
	assert info.cpu_count >= 1 and info.platform


def test_real_torch_facts_agree_with_torch() -> None:
	facts = read_torch_facts()
	assert facts.version == torch.__version__ and facts.cuda_build == torch.version.cuda
	assert facts.cuda_available == torch.cuda.is_available()
	assert facts.mps_available == torch.backends.mps.is_available()


def test_driver_with_cpu_only_torch_names_the_problem_and_the_fix() -> None:
	info = collect_system_info([], probes=probes(CPU_TORCH, DRIVER_550))
	problem = info.cuda_problem or ''
	assert info.device == 'cpu' and info.driver_present and info.driver_version == '550.54.14'
	assert 'PyTorch 2.14.1+cpu is a CPU-only build' in problem and 'version 550.54.14' in problem
	assert '`/opt/app/.venv/bin/python -m pip uninstall -y torch torchvision`' in problem
	assert '`/opt/app/.venv/bin/python -m pip install torch==2.14.1 torchvision==0.29.1`' in problem
	assert '--index-url' not in problem


def test_windows_fix_uses_the_cuda_index() -> None:
	problem = collect_system_info([], probes=probes(CPU_TORCH, DRIVER_550, 'win32')).cuda_problem or ''
	assert 'pip install torch==2.14.1 torchvision==0.29.1 --index-url https://download.pytorch.org/whl/cu130' in problem


def test_no_driver_and_no_gpu_is_not_a_problem() -> None:
	info = collect_system_info([], probes=probes(CPU_TORCH, NO_DRIVER))
	assert info.cuda_problem is None and not info.driver_present and info.device == 'cpu'


def test_gpu_present() -> None:
	facts = replace(CPU_TORCH, version='2.14.1+cu130', cuda_build='13.0', cuda_available=True, gpus=(RTX_4090,))
	info = collect_system_info([], probes=probes(replace(facts, cudnn=91002), DRIVER_550))
	assert (info.device, info.dtype) == ('cuda:0', 'float16')
	[gpu] = info.gpus
	assert (gpu.name, gpu.total_bytes, gpu.free_bytes, gpu.capability) == (
		'NVIDIA GeForce RTX 4090',
		24 * GIB,
		22 * GIB,
		(8, 9),
	)
	assert info.cuda_version == '13.0' and info.cudnn_version == '9.10.2' and info.cuda_problem is None


def test_mps() -> None:
	info = collect_system_info([], probes=probes(replace(CPU_TORCH, version='2.14.1', mps_available=True), NO_DRIVER))
	assert (info.device, info.dtype) == ('mps', 'float16') and info.mps_available and info.cuda_problem is None


def test_device_given_by_the_pipeline_wins() -> None:
	info = collect_system_info(
		[], device=('cpu', 'float32'), probes=probes(replace(CPU_TORCH, mps_available=True), NO_DRIVER)
	)
	assert (info.device, info.dtype) == ('cpu', 'float32')
