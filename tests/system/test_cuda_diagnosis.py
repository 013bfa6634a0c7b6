"""Why CUDA is missing, case by case, and the probes that find a driver, RAM and disk space without PyTorch."""

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from localai_ui.services.system_info import (
	DiskUsage,
	DriverFacts,
	TorchFacts,
	TorchInstall,
	cudnn_text,
	diagnose_cuda,
	disk_space,
	installed_version,
	parse_driver_version,
	read_driver_facts,
	read_ram,
)
from localai_ui.services.system_info.driver_probe import query_smi_version

CUDA_TORCH = TorchFacts(
	version='2.14.1+cu130', cuda_build='13.0', cuda_available=False, gpus=(), cudnn=None, mps_available=False
)
LINUX = TorchInstall(python='python', platform='linux', torchvision=None)
PROPRIETARY = (
	'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\nGCC version:  gcc'
)
OPEN_MODULE = 'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build  (dvs-builder@U16)'


def driver(version: str | None) -> DriverFacts:
	return DriverFacts(present=True, version=version, evidence='nvidia-smi')


def test_driver_too_old_names_both_versions() -> None:
	problem = diagnose_cuda(CUDA_TORCH, driver('550.54.14'), LINUX, None) or ''
	assert 'driver 550.54.14 is too old' in problem and 'CUDA 13.0' in problem and 'driver 580 or newer' in problem
	cuda_12 = diagnose_cuda(replace(CUDA_TORCH, cuda_build='12.8'), driver('520.61.05'), LINUX, None) or ''
	assert 'needs driver 525.60.13 or newer' in cuda_12


@pytest.mark.parametrize('visible', ['', '-1'])
def test_hidden_gpus(visible: str) -> None:
	problem = diagnose_cuda(CUDA_TORCH, driver('580.65.06'), LINUX, visible) or ''
	assert f'CUDA_VISIBLE_DEVICES="{visible}" hides every GPU' in problem


@pytest.mark.parametrize(('cuda', 'version'), [('13.0', '580.65.06'), ('13.0', None), ('14.0', '600.1')])
def test_new_enough_or_unknown_driver_gets_the_generic_checks(cuda: str, version: str | None) -> None:
	problem = diagnose_cuda(replace(CUDA_TORCH, cuda_build=cuda), driver(version), LINUX, '0') or ''
	assert 'cannot reach the GPU' in problem and 'nvidia-smi' in problem and 'too old' not in problem


def test_working_cuda_or_no_driver_is_fine() -> None:
	assert diagnose_cuda(replace(CUDA_TORCH, cuda_available=True), driver('580.65.06'), LINUX, None) is None
	assert diagnose_cuda(CUDA_TORCH, DriverFacts(present=False), LINUX, None) is None


def test_python_path_with_spaces_is_quoted() -> None:
	install = TorchInstall(python='C:\\My Apps\\python.exe', platform='win32', torchvision=None)
	problem = diagnose_cuda(replace(CUDA_TORCH, version='2.14.1+cpu', cuda_build=None), driver(None), install, None)
	assert '`"C:\\My Apps\\python.exe" -m pip uninstall -y torch`' in (problem or '')


@pytest.mark.parametrize(
	('text', 'version'),
	[(PROPRIETARY, '550.54.14'), (OPEN_MODULE, '580.65.06'), ('575.51', '575.51'), ('garbage', None)],
)
def test_parse_driver_version(text: str, version: str | None) -> None:
	assert parse_driver_version(text) == version


def _no_smi(name: str) -> str | None:
	return None


def test_driver_from_the_proc_file(tmp_path: Path) -> None:
	version_file = tmp_path / 'version'
	version_file.write_text(OPEN_MODULE)
	facts = read_driver_facts(version_file=version_file, device_file=tmp_path / 'none', which=_no_smi)
	assert facts == DriverFacts(present=True, version='580.65.06', evidence=str(version_file))


def test_driver_from_nvidia_smi_on_path(tmp_path: Path) -> None:
	smi = tmp_path / 'nvidia-smi'
	smi.write_text('#!/bin/sh\necho "$@" > "$0.args"\necho "550.54.14"\n')
	smi.chmod(smi.stat().st_mode | stat.S_IXUSR)
	facts = read_driver_facts(
		version_file=tmp_path / 'none', device_file=tmp_path / 'none', which=lambda name: str(smi)
	)
	assert facts == DriverFacts(present=True, version='550.54.14', evidence='nvidia-smi')
	assert '--query-gpu=driver_version' in (tmp_path / 'nvidia-smi.args').read_text()


def test_a_failing_or_missing_nvidia_smi_gives_no_version(tmp_path: Path) -> None:
	broken = tmp_path / 'broken-smi'
	broken.write_text('#!/bin/sh\necho "NVIDIA-SMI has failed"\nexit 9\n')
	broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
	assert query_smi_version(str(broken)) is None
	assert query_smi_version(str(tmp_path / 'absent')) is None


def test_driver_from_the_device_node_or_none(tmp_path: Path) -> None:
	node = tmp_path / 'nvidia0'
	node.touch()
	assert read_driver_facts(version_file=tmp_path / 'none', device_file=node, which=_no_smi).evidence == str(node)
	assert not read_driver_facts(version_file=tmp_path / 'none', device_file=tmp_path / 'none', which=_no_smi).present


def test_ram_from_meminfo_and_from_sysconf(tmp_path: Path) -> None:
	meminfo = tmp_path / 'meminfo'
	meminfo.write_text('MemTotal:       16384000 kB\nMemFree:  1 kB\nMemAvailable:    8192000 kB\n')
	ram = read_ram(meminfo=meminfo)
	assert (ram.total_bytes, ram.available_bytes) == (16384000 * 1024, 8192000 * 1024)
	pages = {'SC_PAGE_SIZE': 4096, 'SC_PHYS_PAGES': 1000, 'SC_AVPHYS_PAGES': 250}
	ram = read_ram(meminfo=tmp_path / 'absent', sysconf=lambda name: pages[name])
	assert (ram.total_bytes, ram.available_bytes) == (4096 * 1000, 4096 * 250)
	real = read_ram(meminfo=tmp_path / 'absent')  # this machine's os.sysconf
	assert real.total_bytes is not None and real.total_bytes > 0


def test_ram_where_the_platform_says_nothing(tmp_path: Path) -> None:
	def partial(name: str) -> int:
		if name == 'SC_AVPHYS_PAGES':  # macOS has no such name
			raise ValueError(name)
		return 4096

	assert read_ram(meminfo=tmp_path / 'absent', sysconf=partial).available_bytes is None

	def nothing(name: str) -> int:
		raise AttributeError(name)

	ram = read_ram(meminfo=tmp_path / 'absent', sysconf=nothing)
	assert (ram.total_bytes, ram.available_bytes) == (None, None)


def test_disk_space_of_a_folder_not_made_yet(tmp_path: Path) -> None:
	seen: list[Path] = []

	def usage(path: Path) -> DiskUsage:
		seen.append(path)
		return DiskUsage(total=100, used=40, free=60)

	disk = disk_space('outputs', tmp_path / 'a' / 'b', usage=usage)
	assert seen == [tmp_path] and (disk.label, disk.path, disk.free_bytes, disk.total_bytes) == (
		'outputs',
		tmp_path / 'a' / 'b',
		60,
		100,
	)
	assert disk_space('root', Path(os.sep)).total_bytes > 0


def test_versions_of_packages() -> None:
	assert installed_version('pytest') == pytest.__version__
	assert installed_version('no-such-package-localai') is None


@pytest.mark.parametrize(('number', 'text'), [(92400, '9.24.0'), (91002, '9.10.2'), (8907, '8.9.7'), (90100, '9.1.0')])
def test_cudnn_text(number: int, text: str) -> None:
	assert cudnn_text(number) == text
