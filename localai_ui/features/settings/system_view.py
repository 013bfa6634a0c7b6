"""The System section's text: a table of facts, the CUDA-missing explanation with its fix, and the advice."""

from localai_ui.cores.memory import advice_lines
from localai_ui.cores.memory.mode_words import gigabytes
from localai_ui.features.settings.system_report import SystemReport
from localai_ui.schemas.system import SystemInfo

SHOWN_VERSIONS = ('python', 'torch', 'diffusers', 'transformers', 'gradio')


def _cell(text: str) -> str:
	return text.replace('|', '\\|').replace('\n', ' ')


def _size(value: int | None) -> str:
	return 'unknown' if value is None else gigabytes(value)


def fact_rows(info: SystemInfo, memory: str) -> list[tuple[str, str]]:
	"""(label, value) rows, in the order the page shows them."""
	rows = [
		('Device in use', f'{info.device} ({info.dtype})'),
		('Memory mode', f'{memory} (asked for; auto chooses per model from the free VRAM)'),
		('Platform', f'{info.platform}, {info.cpu_count} CPU threads'),
		('RAM', f'{_size(info.ram_available_bytes)} free of {_size(info.ram_total_bytes)}'),
	]
	rows += [
		(
			f'GPU {gpu.index}',
			f'{gpu.name}: {gigabytes(gpu.free_bytes)} free of {gigabytes(gpu.total_bytes)}, '
			f'compute capability {gpu.capability[0]}.{gpu.capability[1]}',
		)
		for gpu in info.gpus
	]
	if not info.gpus:
		rows.append(('GPU', 'Apple MPS' if info.mps_available else 'no CUDA GPU seen by PyTorch'))
	rows += [
		('NVIDIA driver', info.driver_version or ('present, version unknown' if info.driver_present else 'none')),
		('CUDA (PyTorch build)', info.cuda_version or 'none (CPU-only build)'),
		('cuDNN', info.cudnn_version or 'none'),
	]
	rows += [(name, info.versions.get(name) or 'not installed') for name in SHOWN_VERSIONS]
	rows += [(f'Free disk ({disk.label})', f'{gigabytes(disk.free_bytes)} at {disk.path}') for disk in info.disks]
	return rows


def system_markdown(report: SystemReport) -> str:
	"""The whole section as Markdown."""
	info = report.info()
	table = [
		'| | This machine |',
		'| --- | --- |',
		*(f'| {label} | {_cell(value)} |' for label, value in fact_rows(info, report.memory_request())),
	]
	parts = ['\n'.join(table)]
	if info.cuda_problem:
		parts.insert(0, f'**CUDA is not used.** {_cell(info.cuda_problem)}')
	parts.append(
		'**Models that suit this machine:**\n\n' + '\n'.join(f'- {line}' for line in advice_lines(report.advice(info)))
	)
	return '\n\n'.join(parts)
