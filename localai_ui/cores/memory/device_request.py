"""Parse `--device` (auto, cpu, cuda, cuda:N, mps) and check it against what the machine has."""

import re

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import DeviceRequest

ACCEPTED_FORMS = 'auto, cpu, cuda, cuda:N (N = 0 for the first GPU), mps'
_CUDA_INDEX = re.compile(r'cuda:(\d{1,2})')


def parse_device(text: str) -> DeviceRequest:
	"""'cuda:1' -> DeviceRequest('cuda', 1); case and surrounding spaces do not matter; anything else is refused."""
	value = text.strip().lower()
	if value in ('auto', 'cpu', 'cuda', 'mps'):
		return DeviceRequest(kind=value)
	indexed = _CUDA_INDEX.fullmatch(value)
	if indexed is not None:
		return DeviceRequest(kind='cuda', index=int(indexed.group(1)))
	raise InvalidRequestError(f'--device {text!r} is not a device; use one of: {ACCEPTED_FORMS}')


def resolve_device(
	request: DeviceRequest, *, gpu_count: int, mps_available: bool, cuda_problem: str | None = None
) -> str:
	"""The torch device to run on ('cuda:0', 'mps', 'cpu'); auto prefers CUDA, then MPS. A request the machine
	cannot meet is refused, with `cuda_problem` (the System page's diagnosis) appended when there is one."""
	match request.kind:
		case 'cpu':
			return 'cpu'
		case 'mps':
			if not mps_available:
				raise InvalidRequestError(
					'--device mps was asked for, but PyTorch sees no Apple MPS device (it needs an Apple-silicon Mac '
					'with macOS 12.3 or newer); use --device auto or cpu'
				)
			return 'mps'
		case 'cuda':
			return _cuda(request, gpu_count, cuda_problem)
		case 'auto':
			if gpu_count > 0:
				return 'cuda:0'
			return 'mps' if mps_available else 'cpu'


def _cuda(request: DeviceRequest, gpu_count: int, cuda_problem: str | None) -> str:
	if gpu_count == 0:
		hint = f' {cuda_problem}' if cuda_problem else ''
		raise InvalidRequestError(
			f'--device {request.text} was asked for, but PyTorch sees no CUDA GPU; use --device auto or cpu.{hint}'
		)
	index = request.index or 0
	if index >= gpu_count:
		listed = 'cuda:0' if gpu_count == 1 else f'cuda:0 to cuda:{gpu_count - 1}'
		raise InvalidRequestError(
			f'--device {request.text} was asked for, but this machine has {gpu_count} CUDA GPU'
			f'{"" if gpu_count == 1 else "s"}; use {listed}'
		)
	return f'cuda:{index}'
