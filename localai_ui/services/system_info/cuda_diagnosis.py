"""Why an NVIDIA GPU goes unused, in words a user can act on: a CPU-only PyTorch, a driver too old, hidden GPUs."""

from collections.abc import Mapping
from dataclasses import dataclass

from localai_ui.services.system_info.facts import DriverFacts, TorchFacts

# The oldest driver each CUDA major version runs on (NVIDIA's minor version compatibility table):
# 11.x >= 450.80.02, 12.x >= 525.60.13, 13.x >= 580. PyPI's Linux torch 2.14.1 is built with CUDA 13.0.
MINIMUM_DRIVER: Mapping[int, tuple[int, int, int]] = {11: (450, 80, 2), 12: (525, 60, 13), 13: (580, 0, 0)}
# PyPI's Windows torch wheels are CPU-only (2.14.1: 124 MB against 554 MB on Linux): the CUDA build comes from here.
WINDOWS_CUDA_INDEX = 'https://download.pytorch.org/whl/cu130'


@dataclass(frozen=True)
class TorchInstall:
	"""What the fix command needs: the Python that runs the app, the OS, and the installed torchvision."""

	python: str
	platform: str
	torchvision: str | None


def diagnose_cuda(
	torch: TorchFacts, driver: DriverFacts, install: TorchInstall, visible_devices: str | None
) -> str | None:
	"""None when nothing is wrong: CUDA works, or there is no NVIDIA driver (CPU mode is then normal)."""
	if torch.cuda_available or not driver.present:
		return None
	found = f'An NVIDIA driver is installed ({_driver_words(driver)})'
	if torch.cuda_build is None:
		remove, add = reinstall_commands(torch, install)
		return (
			f'{found}, but PyTorch {torch.version} is a CPU-only build, so the GPU is not used. '
			f'Fix: reinstall the CUDA build of the same version with `{remove}`, then `{add}`, and restart the app.'
		)
	if visible_devices is not None and visible_devices.strip() in ('', '-1'):
		return (
			f'{found}, but CUDA_VISIBLE_DEVICES="{visible_devices}" hides every GPU from PyTorch. '
			'Fix: unset CUDA_VISIBLE_DEVICES (or set it to 0) and restart the app.'
		)
	needed = minimum_driver(torch.cuda_build)
	if needed is not None and driver.version is not None and _version_tuple(driver.version) < needed:
		wanted = '.'.join(str(part) for part in needed).removesuffix('.0.0')
		return (
			f'The NVIDIA driver {driver.version} is too old for PyTorch {torch.version}, which is built with CUDA '
			f'{torch.cuda_build} and needs driver {wanted} or newer. Fix: update the NVIDIA driver, or install a '
			'PyTorch built for an older CUDA (see pytorch.org, "Get started").'
		)
	return (
		f'{found} and PyTorch {torch.version} is built with CUDA {torch.cuda_build}, yet PyTorch cannot reach the GPU. '
		'Check that `nvidia-smi` lists the GPU; after a driver update, reboot; in a container, start it with the GPU '
		'passed through (docker run --gpus all).'
	)


def reinstall_commands(torch: TorchFacts, install: TorchInstall) -> tuple[str, str]:
	"""The two pip commands (uninstall, install) that swap a CPU-only torch for the CUDA build of the same release."""
	pins = [f'torch=={_release(torch.version)}']
	names = ['torch']
	if install.torchvision is not None:
		pins.append(f'torchvision=={_release(install.torchvision)}')
		names.append('torchvision')
	python = f'"{install.python}"' if ' ' in install.python else install.python
	index = f' --index-url {WINDOWS_CUDA_INDEX}' if install.platform == 'win32' else ''
	return f'{python} -m pip uninstall -y {" ".join(names)}', f'{python} -m pip install {" ".join(pins)}{index}'


def minimum_driver(cuda_build: str) -> tuple[int, int, int] | None:
	"""The oldest driver for a CUDA version like '12.8'; None for a CUDA major this table does not know."""
	major = cuda_build.split('.', 1)[0]
	return MINIMUM_DRIVER.get(int(major)) if major.isdigit() else None


def _driver_words(driver: DriverFacts) -> str:
	version = f'version {driver.version}' if driver.version else 'version unknown'
	return f'{version}, seen in {driver.evidence}' if driver.evidence else version


def _release(version: str) -> str:
	"""'2.14.1+cpu' -> '2.14.1': the same release, whichever build it was."""
	return version.split('+', 1)[0]


def _version_tuple(version: str) -> tuple[int, ...]:
	return tuple(int(part) for part in version.split('.') if part.isdigit())
