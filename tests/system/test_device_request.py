"""`--device` parsing: every accepted form, refused forms named in the message, and the check against the machine."""

import pytest

from localai_ui.cores.memory import parse_device, resolve_device
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import DeviceRequest


@pytest.mark.parametrize(
	('text', 'expected'),
	[
		('auto', DeviceRequest('auto')),
		('cpu', DeviceRequest('cpu')),
		('cuda', DeviceRequest('cuda')),
		('cuda:0', DeviceRequest('cuda', 0)),
		('cuda:1', DeviceRequest('cuda', 1)),
		('cuda:12', DeviceRequest('cuda', 12)),
		('mps', DeviceRequest('mps')),
		(' CUDA:1 ', DeviceRequest('cuda', 1)),
	],
)
def test_accepted_forms(text: str, expected: DeviceRequest) -> None:
	assert parse_device(text) == expected


@pytest.mark.parametrize(
	'text', ['gpu', 'cuda:', 'cuda:-1', 'cuda:x', 'mps:0', '', 'cuda:0:1', 'cuda:123', 'cpu0', 'rocm']
)
def test_refused_forms_name_the_value_and_the_accepted_forms(text: str) -> None:
	with pytest.raises(InvalidRequestError) as refused:
		parse_device(text)
	message = str(refused.value)
	assert repr(text) in message
	assert 'auto, cpu, cuda, cuda:N' in message and 'mps' in message


def test_request_text_is_what_the_user_typed() -> None:
	assert parse_device('cuda:1').text == 'cuda:1'
	assert parse_device('auto').text == 'auto'


@pytest.mark.parametrize(
	('text', 'gpus', 'mps', 'device'),
	[
		('auto', 2, True, 'cuda:0'),
		('auto', 0, True, 'mps'),
		('auto', 0, False, 'cpu'),
		('cpu', 1, True, 'cpu'),
		('cuda', 1, False, 'cuda:0'),
		('cuda:1', 2, False, 'cuda:1'),
		('mps', 0, True, 'mps'),
	],
)
def test_resolve_on_a_machine(text: str, gpus: int, mps: bool, device: str) -> None:
	assert resolve_device(parse_device(text), gpu_count=gpus, mps_available=mps) == device


def test_index_beyond_the_gpus_names_the_valid_range() -> None:
	with pytest.raises(InvalidRequestError, match=r'cuda:2 .* has 2 CUDA GPUs; use cuda:0 to cuda:1'):
		resolve_device(parse_device('cuda:2'), gpu_count=2, mps_available=False)
	with pytest.raises(InvalidRequestError, match=r'has 1 CUDA GPU; use cuda:0$'):
		resolve_device(parse_device('cuda:1'), gpu_count=1, mps_available=False)


def test_cuda_without_a_gpu_carries_the_diagnosis() -> None:
	problem = 'PyTorch 2.14.1+cpu is a CPU-only build.'
	with pytest.raises(InvalidRequestError) as refused:
		resolve_device(parse_device('cuda:0'), gpu_count=0, mps_available=False, cuda_problem=problem)
	assert 'sees no CUDA GPU' in str(refused.value) and problem in str(refused.value)


def test_mps_without_mps_is_refused() -> None:
	with pytest.raises(InvalidRequestError, match='no Apple MPS device'):
		resolve_device(parse_device('mps'), gpu_count=1, mps_available=False)
