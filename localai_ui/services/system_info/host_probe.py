"""RAM, disk space and package versions, from the standard library only."""

import importlib.metadata
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from localai_ui.schemas.system import DiskSpace
from localai_ui.services.system_info.facts import RamFacts

MEMINFO_FILE = Path('/proc/meminfo')
_MEMINFO_LINE = re.compile(r'^(MemTotal|MemAvailable):\s+(\d+)\s*kB', re.MULTILINE)


class DiskUsage(NamedTuple):
	total: int
	used: int
	free: int


def read_ram(*, meminfo: Path = MEMINFO_FILE, sysconf: Callable[[str], int] | None = None) -> RamFacts:
	"""Linux's /proc/meminfo (MemAvailable counts reclaimable cache), else os.sysconf where the platform has it."""
	try:
		values = {name: int(kib) * 1024 for name, kib in _MEMINFO_LINE.findall(meminfo.read_text(encoding='ascii'))}
	except (OSError, UnicodeDecodeError):
		values = {}
	if 'MemTotal' in values:
		return RamFacts(values['MemTotal'], values.get('MemAvailable'))
	return _ram_from_sysconf(sysconf or _sysconf)


def _sysconf(name: str) -> int:
	return os.sysconf(name)  # Windows has no os.sysconf: the caller catches the AttributeError


def _ram_from_sysconf(sysconf: Callable[[str], int]) -> RamFacts:
	try:
		page = sysconf('SC_PAGE_SIZE')
		total = sysconf('SC_PHYS_PAGES') * page
	except (ValueError, OSError, AttributeError):
		return RamFacts(None, None)
	try:
		available: int | None = sysconf('SC_AVPHYS_PAGES') * page
	except (ValueError, OSError):
		available = None
	return RamFacts(total, available)


def disk_space(label: str, path: Path, *, usage: Callable[[Path], DiskUsage] | None = None) -> DiskSpace:
	"""Space on the disk holding `path`; a folder not made yet is measured at its nearest existing parent."""
	existing = path
	while not existing.exists() and existing.parent != existing:
		existing = existing.parent
	measured = (usage or _disk_usage)(existing)
	return DiskSpace(label=label, path=path, free_bytes=measured.free, total_bytes=measured.total)


def _disk_usage(path: Path) -> DiskUsage:
	total, used, free = shutil.disk_usage(path)
	return DiskUsage(total, used, free)


def installed_version(package: str) -> str | None:
	"""The version pip installed, or None when the package is not installed."""
	try:
		return importlib.metadata.version(package)
	except importlib.metadata.PackageNotFoundError:
		return None
