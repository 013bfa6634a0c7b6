"""Find an installed NVIDIA driver without PyTorch: its /proc file (Linux), nvidia-smi on PATH, or a device node."""

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from localai_ui.services.system_info.facts import NO_DRIVER, DriverFacts

NVIDIA_VERSION_FILE = Path('/proc/driver/nvidia/version')
NVIDIA_DEVICE_FILE = Path('/dev/nvidia0')
SMI_TIMEOUT_S = 10
_VERSION = re.compile(r'\s(\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\s')


def read_driver_facts(
	*,
	version_file: Path = NVIDIA_VERSION_FILE,
	device_file: Path = NVIDIA_DEVICE_FILE,
	which: Callable[[str], str | None] = shutil.which,
	smi_version: Callable[[str], str | None] | None = None,
) -> DriverFacts:
	"""The first sign of a driver wins; nvidia-smi is asked for the version only when the /proc file is absent."""
	text = _read_text(version_file)
	if text is not None:
		return DriverFacts(present=True, version=parse_driver_version(text), evidence=str(version_file))
	smi = which('nvidia-smi')
	if smi is not None:
		return DriverFacts(present=True, version=(smi_version or query_smi_version)(smi), evidence='nvidia-smi')
	if device_file.exists():
		return DriverFacts(present=True, evidence=str(device_file))
	return NO_DRIVER


def parse_driver_version(text: str) -> str | None:
	"""'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 ...' -> '550.54.14'."""
	found = _VERSION.search(f' {text.strip()} ')
	return None if found is None else found.group(1)


def query_smi_version(smi: str) -> str | None:
	"""The driver version nvidia-smi prints (first GPU); None when it fails, which itself hints at a broken driver."""
	try:
		done = subprocess.run(
			[smi, '--query-gpu=driver_version', '--format=csv,noheader'],
			capture_output=True,
			text=True,
			timeout=SMI_TIMEOUT_S,
			check=False,
		)
	except (OSError, subprocess.SubprocessError):
		return None
	lines = done.stdout.strip().splitlines()
	return parse_driver_version(lines[0]) if done.returncode == 0 and lines else None


def _read_text(path: Path) -> str | None:
	try:
		return path.read_text(encoding='utf-8', errors='replace')
	except OSError:
		return None
