"""The System section and the no-model notice, for machines described by injected facts: a laptop with an NVIDIA
driver but a CPU-only torch gets the explanation and its fix; an 8 GB card is described and told what suits it."""

from pathlib import Path

from localai_ui.features.generate.ui.model_list import machine_advice
from localai_ui.features.settings.system_report import SystemReport
from localai_ui.features.settings.system_view import system_markdown
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.system import GpuInfo, MemoryRequest
from localai_ui.services.system_info import DriverFacts, SystemProbes, TorchFacts

GIB = 1 << 30
RTX_3070 = GpuInfo(index=0, name='NVIDIA GeForce RTX 3070', total_bytes=8 * GIB, free_bytes=7 * GIB, capability=(8, 6))
CPU_TORCH = TorchFacts(
	version='2.14.1+cpu', cuda_build=None, cuda_available=False, gpus=(), cudnn=None, mps_available=False
)
CUDA_TORCH = TorchFacts(
	version='2.14.1+cu130', cuda_build='13.0', cuda_available=True, gpus=(RTX_3070,), cudnn=91200, mps_available=False
)
DRIVER = DriverFacts(present=True, version='580.65.06', evidence='nvidia-smi')


def _versions(name: str) -> str | None:
	return {'torch': '2.14.1', 'diffusers': '0.42.1', 'transformers': '5.23.0', 'gradio': '6.31.0'}.get(name)


def _no_environment(_name: str) -> str | None:
	return None


def _report(tmp_path: Path, torch_facts: TorchFacts, device: str, memory: MemoryRequest = 'auto') -> SystemReport:
	probes = SystemProbes(
		torch=lambda: torch_facts,
		driver=lambda: DRIVER,
		version_of=_versions,
		environment=_no_environment,
		platform='linux',
		python='/opt/app/.venv/bin/python',
	)
	facts = DeviceFacts(device, 'float16' if device.startswith('cuda') else 'float32', len(torch_facts.gpus), False)
	return SystemReport(device=lambda: facts, folders=[('outputs', tmp_path)], memory=lambda: memory, probes=probes)


def test_a_driver_with_a_cpu_only_torch_is_explained_with_the_fix(tmp_path: Path) -> None:
	text = system_markdown(_report(tmp_path, CPU_TORCH, 'cpu'))
	assert text.startswith('**CUDA is not used.**')
	assert 'CPU-only' in text and 'pip install' in text
	assert '| NVIDIA driver | 580.65.06 |' in text
	assert '| Device in use | cpu (float32) |' in text
	assert '**SD 1.x**' in text and 'SDXL' in text  # the CPU advice names both families


def test_an_8_gb_card_is_described_and_told_what_suits_it(tmp_path: Path) -> None:
	report = _report(tmp_path, CUDA_TORCH, 'cuda:0', memory='medium')
	text = system_markdown(report)
	assert 'CUDA is not used' not in text
	assert '| GPU 0 | NVIDIA GeForce RTX 3070: 7.0 GB free of 8.0 GB, compute capability 8.6 |' in text
	assert '| Memory mode | medium' in text
	assert '| gradio | 6.31.0 |' in text and f'at {tmp_path}' in text
	assert "**SDXL** (medium mode (--memory medium, A1111's --medvram))" in text
	answer = report.as_json()
	assert answer['memory_mode'] == 'medium' and answer['cuda_version'] == '13.0'
	assert answer['gpus'] == [
		{
			'index': 0,
			'name': 'NVIDIA GeForce RTX 3070',
			'total_bytes': 8 * GIB,
			'free_bytes': 7 * GIB,
			'compute_capability': '8.6',
		}
	]


def test_the_first_page_without_a_model_recommends_what_fits() -> None:
	small = machine_advice(CUDA_TORCH)
	assert '(NVIDIA GeForce RTX 3070, 8.0 GB)' in small
	assert "**SDXL** (medium mode (--memory medium, A1111's --medvram))" in small
	assert '**SD 1.x** (high mode (--memory high))' in small
	assert 'no CUDA GPU' in machine_advice(CPU_TORCH)
