"""This process's resident memory from /proc/self/status (Linux), for benches that measure a peak in a subprocess."""

from pathlib import Path


def status_mb(field: str) -> float:
	"""A memory line of /proc/self/status in MiB: VmRSS now, VmHWM the peak of this process image."""
	line = next(line for line in Path('/proc/self/status').read_text().splitlines() if line.startswith(f'{field}:'))
	return int(line.split()[1]) / 1024


def reset_peak() -> None:
	"""Restart VmHWM from the current RSS (writing 5 to clear_refs, Linux 4.0+), so setup peaks do not count."""
	Path('/proc/self/clear_refs').write_text('5')
