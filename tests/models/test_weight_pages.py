"""An fp16 single file loads for an fp32 plan without a second copy of the file in RAM (issue 16): the weights are
views of the mapped file until each is cast, and each one's file pages are handed back as soon as it is copied."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import safetensors.torch
import torch
from diffusers import StableDiffusionPipeline, StableDiffusionXLPipeline

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.single_file import load_single_file
from localai_ui.cores.loading.weight_pages import cast_releasing, file_ranges
from localai_ui.schemas.assets import Family
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.schemas.models import ModelInfo
from tests.models.tiny_checkpoints import (
	SIDECAR_SUFFIX,
	TinyPipeline,
	build_single_file_sdxl,
	save_file,
	to_ldm_state,
	unet_with,
	write_sidecar,
)
from tests.tiny_models import build_sd1

pytestmark = pytest.mark.skipif(not sys.platform.startswith('linux'), reason='pages are handed back on Linux only')
FP32 = DevicePlan(torch.device('cpu'), torch.float32, channels_last=False)
FP16 = DevicePlan(torch.device('cpu'), torch.float16, channels_last=False)
load_file: Callable[[str], dict[str, torch.Tensor]] = getattr(safetensors.torch, 'load_file')  # noqa: B009


def _fp16_file(pipeline: TinyPipeline, path: Path, family: Family, fp32_prefix: str = '-') -> ModelInfo:
	"""The pipeline as an fp16 A1111 file (tensors under `fp32_prefix` stay fp32) with its config sidecar."""
	state = to_ldm_state(pipeline)
	save_file(
		{key: (v if key.startswith(fp32_prefix) else v.half()).contiguous() for key, v in state.items()}, str(path)
	)
	write_sidecar(pipeline, path.with_suffix(SIDECAR_SUFFIX))
	return ModelInfo(path.stem, path, family, 'safetensors', config_dir=path.with_suffix(SIDECAR_SUFFIX))


def _mapped_kib(path: Path) -> int:
	"""Resident KiB of this process's mappings of `path` (/proc/self/smaps)."""
	target, total, inside = str(path.resolve()), 0, False
	for line in Path('/proc/self/smaps').read_text().splitlines():
		fields = line.split()
		if '-' in fields[0] and not fields[0].endswith(':'):
			inside = len(fields) == 6 and fields[5] == target
		elif inside and fields[0] == 'Rss:':
			total += int(fields[1])
	return total


@pytest.mark.parametrize(
	('family', 'fp32_prefix'),
	[(Family.SD1, '-'), (Family.SDXL, '-'), (Family.SD1, 'first_stage_model.')],
	ids=['sd1', 'sdxl', 'sd1-fp32-vae'],
)
def test_fp16_file_loads_for_fp32_plan_with_diffusers_values(tmp_path: Path, family: Family, fp32_prefix: str) -> None:
	"""Every weight equals diffusers' own fp32 load, bit for bit (an fp32 VAE in an fp16 file is not rounded)."""
	with torch.no_grad():
		built = build_sd1() if family is Family.SD1 else build_single_file_sdxl()
		info = _fp16_file(built, tmp_path / 'tiny-fp16.safetensors', family, fp32_prefix)
	ours = load_single_file(info, FP32)
	kind = StableDiffusionPipeline if family is Family.SD1 else StableDiffusionXLPipeline
	config = str(info.config_dir)
	theirs = kind.from_single_file(str(info.path), config=config, local_files_only=True, dtype=torch.float32)
	for name in ('unet', 'vae', 'text_encoder'):
		mine, reference = getattr(ours, name).state_dict(), getattr(theirs, name).state_dict()
		assert mine.keys() == reference.keys()
		for key, tensor in mine.items():
			assert tensor.dtype == reference[key].dtype, key
			assert torch.equal(tensor, reference[key]), key
	assert all(p.dtype == torch.float32 for p in ours.unet.parameters())


def test_plan_in_the_file_dtype_keeps_the_weights_in_the_mapped_file(tmp_path: Path) -> None:
	with torch.no_grad():
		info = _fp16_file(build_sd1(), tmp_path / 'tiny-fp16.safetensors', Family.SD1)
	pipeline = load_single_file(info, FP16)
	ranges = file_ranges(info.path)
	assert ranges, 'the file is not mapped: its weights were copied'
	for name, param in pipeline.unet.named_parameters():
		begin = param.data_ptr()
		assert any(low <= begin < high for low, high in ranges), f'{name} is a copy, not a view of the file'


def test_cast_hands_back_the_file_pages_and_leaves_other_memory_alone(tmp_path: Path) -> None:
	path = tmp_path / 'big.safetensors'
	torch.default_generator.manual_seed(0)
	save_file({'a': torch.randn(1024, 4096).half(), 'b': torch.randn(1024, 4096).half()}, str(path))
	mapped = load_file(str(path))
	module = torch.nn.Module()
	module.register_parameter('a', torch.nn.Parameter(mapped['a'], requires_grad=False))
	module.register_buffer('b', mapped['b'])
	module.register_parameter('c', torch.nn.Parameter(torch.randn(1024, 1024).half(), requires_grad=False))
	expected = {name: tensor.float() for name, tensor in module.state_dict().items()}  # touches every file page
	kept_c = module.get_parameter('c').data  # RAM outside the file: must survive the cast untouched
	assert _mapped_kib(path) >= 15 * 1024
	cast_releasing([module], torch.float32, path)
	assert _mapped_kib(path) < 64, 'the file pages of the cast tensors are still resident'
	assert mapped['a'].data_ptr() != module.get_parameter('a').data_ptr()  # the mapping is still alive
	for name, tensor in module.state_dict().items():
		assert tensor.dtype == torch.float32
		assert torch.equal(tensor, expected[name]), name
	assert torch.equal(kept_c.float(), expected['c'])


PEAK_PROBE = """
import gc, json, sys, threading
from pathlib import Path
import psutil, torch
from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.single_file import load_single_file
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
plan = DevicePlan(torch.device('cpu'), torch.float32, channels_last=False)
def info(name):
	path = Path(name)
	return ModelInfo(path.stem, path, Family.SD1, 'safetensors', config_dir=path.with_suffix('.diffusers'))
load_single_file(info(sys.argv[1]), plan)  # every lazy import done before the baseline
gc.collect()
process, stop = psutil.Process(), threading.Event()
baseline = peak = process.memory_info().rss
def poll():
	global peak
	while not stop.wait(0.001):
		peak = max(peak, process.memory_info().rss)
poller = threading.Thread(target=poll)
poller.start()
pipeline = load_single_file(info(sys.argv[2]), plan)
stop.set()
poller.join()
peak = max(peak, process.memory_info().rss)
modules = (pipeline.unet, pipeline.vae, pipeline.text_encoder)
weights = sum(p.numel() * p.element_size() for m in modules for p in m.parameters())
print(json.dumps({'peak': peak - baseline, 'weights': weights}))
"""


def test_loading_an_fp16_file_for_fp32_never_holds_the_file_and_the_weights_at_once(tmp_path: Path) -> None:
	"""Peak RSS of the real load, in a fresh process: the fp32 weights and little more (diffusers alone: 1.5x)."""
	with torch.no_grad():
		small = _fp16_file(build_sd1(), tmp_path / 'tiny-fp16.safetensors', Family.SD1)
		pipeline = build_sd1()
		pipeline.unet = unet_with(pipeline.unet, block_out_channels=(256, 512))
		wide = _fp16_file(pipeline, tmp_path / 'wide-fp16.safetensors', Family.SD1)
	command = [sys.executable, '-c', PEAK_PROBE, str(small.path), str(wide.path)]
	done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
	assert done.returncode == 0, done.stderr[-2000:]
	found = parse_json_object(done.stdout.strip().splitlines()[-1])
	peak, weights = float(str(found['peak'])), float(str(found['weights']))
	assert weights > 100e6
	assert peak <= 1.2 * weights, f'peak {peak / 1e6:.0f} MB for {weights / 1e6:.0f} MB of fp32 weights'
