"""Device plans: CUDA (any GPU by index) in fp16 with channels_last, Apple MPS in fp16 where it works, the CPU in
fp32; a device the machine lacks is refused by name. GPUs and MPS are described to the planner, not present."""

import pytest
import torch

from localai_ui.cores.loading.device import DevicePlan, mps_half_works, plan_device
from localai_ui.schemas.errors import InvalidRequestError


def _plan(text: str, gpus: int = 0, mps: bool = False, half: bool = True) -> DevicePlan:
	return plan_device(text, gpu_count=gpus, mps_available=mps, mps_half=lambda: half)


@pytest.mark.parametrize(
	('text', 'gpus', 'mps', 'half', 'expected'),
	[
		('cpu', 2, True, True, ('cpu', torch.float32, False)),
		('auto', 0, False, True, ('cpu', torch.float32, False)),
		('auto', 2, True, True, ('cuda:0', torch.float16, True)),
		(' CUDA ', 1, False, True, ('cuda:0', torch.float16, True)),
		('cuda:1', 2, False, True, ('cuda:1', torch.float16, True)),
		('auto', 0, True, True, ('mps', torch.float16, False)),
		('mps', 0, True, False, ('mps', torch.float32, False)),
	],
)
def test_each_device_gets_its_plan(
	text: str, gpus: int, mps: bool, half: bool, expected: tuple[str, torch.dtype, bool]
) -> None:
	plan = _plan(text, gpus, mps, half)
	assert (str(plan.device), plan.dtype, plan.channels_last) == expected


@pytest.mark.parametrize(
	('text', 'gpus', 'mps', 'message'),
	[
		('gpu', 1, False, "--device 'gpu' is not a device; use one of: auto, cpu, cuda, cuda:N"),
		('cuda:x', 1, False, "--device 'cuda:x' is not a device"),
		('cuda:2', 2, False, 'this machine has 2 CUDA GPUs; use cuda:0 to cuda:1'),
		('cuda', 0, False, 'PyTorch sees no CUDA GPU; use --device auto or cpu'),
		('mps', 0, False, 'PyTorch sees no Apple MPS device'),
	],
)
def test_a_device_this_machine_lacks_is_refused_by_name(text: str, gpus: int, mps: bool, message: str) -> None:
	with pytest.raises(InvalidRequestError, match=message.replace('(', r'\(')):
		_plan(text, gpus, mps)


def test_this_machine_plans_what_torch_sees_and_has_no_half_mps() -> None:
	plan = plan_device('auto')
	expected = 'cuda:0' if torch.cuda.is_available() else 'mps' if torch.backends.mps.is_available() else 'cpu'
	assert str(plan.device) == expected
	assert plan.label == f'{expected} {str(plan.dtype).removeprefix("torch.")}'
	assert mps_half_works() is torch.backends.mps.is_available()
