"""A small tmpfs mounted over a folder, then filled, to meet a full disk for real (needs root and mount rights)."""

import contextlib
import os
import shutil
import subprocess
from collections.abc import Generator
from pathlib import Path

import pytest

FILLER = '.filler'


def mount_tmpfs(folder: Path, size_kb: int) -> bool:
	"""Mount a `size_kb` tmpfs over `folder`; False where this system does not let us."""
	folder.mkdir(parents=True, exist_ok=True)
	if os.geteuid() != 0 or shutil.which('mount') is None:
		return False
	command = ['mount', '-t', 'tmpfs', '-o', f'size={size_kb}k,mode=0755', 'tmpfs', str(folder)]
	return subprocess.run(command, capture_output=True, check=False).returncode == 0


def unmount(folder: Path) -> None:
	subprocess.run(['umount', '-l', str(folder)], capture_output=True, check=False)


@contextlib.contextmanager
def small_disks(*folders: tuple[Path, int]) -> Generator[None]:
	"""Each (folder, size in KB) a tmpfs of its own for the block; the test is skipped where mounting is refused."""
	mounted: list[Path] = []
	try:
		for folder, size_kb in folders:
			if not mount_tmpfs(folder, size_kb):
				pytest.skip('a full disk needs a small tmpfs: run as root with mount rights')
			mounted.append(folder)
		yield
	finally:
		for folder in reversed(mounted):
			unmount(folder)


def fill(folder: Path) -> Path:
	"""Write a filler file in `folder` until its disk is full; returns it (delete it to free the space)."""
	filler = folder / FILLER
	block = bytes(64 * 1024)
	with contextlib.suppress(OSError), filler.open('wb') as file:
		while True:
			file.write(block)
			file.flush()
	with contextlib.suppress(OSError), filler.open('ab') as file:
		while True:
			file.write(bytes(512))
			file.flush()
	return filler


def free_mb(folder: Path) -> int:
	return shutil.disk_usage(folder).free // 2**20
