"""Device policy: CUDA in fp16 when there is a GPU, CPU in fp32 otherwise, and a clear error for a missing GPU."""

import pytest
import torch

from localai_ui.cores.loading.device import DevicePlan, DevicePolicy, plan_device
from localai_ui.schemas.errors import ModelLoadError

CPU = DevicePlan(torch.device('cpu'), torch.float32, channels_last=False)
CUDA = DevicePlan(torch.device('cuda'), torch.float16, channels_last=True)


@pytest.mark.parametrize(
	('policy', 'has_gpu', 'expected'),
	[
		('auto', False, CPU),
		('auto', True, CUDA),
		('cpu', True, CPU),
		('cpu', False, CPU),
		('cuda', True, CUDA),
	],
)
def test_plan(policy: DevicePolicy, has_gpu: bool, expected: DevicePlan) -> None:
	assert plan_device(policy, cuda_available=has_gpu) == expected


def test_cuda_without_a_gpu_says_what_to_do() -> None:
	with pytest.raises(ModelLoadError, match='no CUDA GPU') as caught:
		plan_device('cuda', cuda_available=False)
	assert '--device auto or cpu' in str(caught.value)


def test_without_the_parameter_it_asks_torch() -> None:
	expected = CUDA if torch.cuda.is_available() else CPU
	assert plan_device('auto') == expected


@pytest.mark.parametrize(('plan', 'label'), [(CPU, 'cpu float32'), (CUDA, 'cuda float16')])
def test_label(plan: DevicePlan, label: str) -> None:
	assert plan.label == label
