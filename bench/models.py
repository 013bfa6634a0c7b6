"""Model library numbers: hashing throughput against sha256sum, cold load vs cached switch, RSS after ten switches.

.venv/bin/python -m bench.models                   # tiny SD1 + SDXL single files, 512 MB hash file
.venv/bin/python -m bench.models --shape sd15      # SD1.5-shaped A1111 file (2 GB fp16) on the bundled configs
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import torch
from diffusers import AutoencoderKL, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel

from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.schemas.models import ModelInfo
from localai_ui.services.checkpoint_files.configs import config_dir
from localai_ui.services.checkpoint_files.inspect import inspect_checkpoint, resolve_config
from localai_ui.services.hashing import sha256_file
from tests.cores.jobs import new_applier
from tests.models.ldm_layout import clip_to_ldm, unet_to_ldm, vae_to_ldm
from tests.models.tiny_checkpoints import save_file, write_tiny_checkpoints


def bench_hashing(folder: Path, megabytes: int) -> None:
	path = folder / 'blob.bin'
	with path.open('wb') as file:
		for _ in range(megabytes):
			file.write(os.urandom(1 << 20))
	ours_s, theirs_s = float('inf'), float('inf')
	for _ in range(2):  # alternate, both from the page cache; best of two each
		started = time.perf_counter()
		theirs = subprocess.run(['sha256sum', str(path)], capture_output=True, text=True, check=True).stdout.split()[0]
		theirs_s = min(theirs_s, time.perf_counter() - started)
		started = time.perf_counter()
		ours = sha256_file(path)
		ours_s = min(ours_s, time.perf_counter() - started)
		assert ours == theirs
	print(f'hashing {megabytes} MB: ours {megabytes / ours_s:.0f} MB/s, sha256sum {megabytes / theirs_s:.0f} MB/s')
	path.unlink()


def _component(name: str) -> dict[str, object]:
	config = parse_json_object((config_dir('sd15') / name / 'config.json').read_bytes())
	return {key: value for key, value in config.items() if not key.startswith('_')}


def write_sd15_shaped(folder: Path) -> None:
	"""An SD1.5-shaped A1111 single file (random fp16 weights) that loads with the bundled sd15 configs only."""
	torch.default_generator.manual_seed(0)
	unet = UNet2DConditionModel(**_component('unet'))
	vae = AutoencoderKL(**_component('vae'))
	text = CLIPTextModel(
		CLIPTextConfig(
			vocab_size=49408,
			hidden_size=768,
			intermediate_size=3072,
			num_attention_heads=12,
			num_hidden_layers=12,
			max_position_embeddings=77,
			hidden_act='quick_gelu',
			projection_dim=768,
		)
	)
	state = unet_to_ldm(
		unet.state_dict(), 2, ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D']
	)
	state.update(vae_to_ldm(vae.state_dict(), 4))
	state.update(clip_to_ldm(text.state_dict(), 'cond_stage_model.transformer.'))
	save_file({key: value.half().contiguous() for key, value in state.items()}, str(folder / 'sd15-shaped.safetensors'))
	shutil.copy(folder / 'sd15-shaped.safetensors', folder / 'sd15-shaped-copy.safetensors')


def bench_switching(folder: Path) -> None:
	infos: list[ModelInfo] = []
	for path in sorted(folder.glob('*.safetensors')):
		inspection = inspect_checkpoint(path, is_folder=False)
		config = resolve_config(path, inspection.details.config)
		infos.append(ModelInfo(path.stem, path, inspection.family, 'safetensors', config_dir=config))
	process = psutil.Process()
	for budget in (0, 64 << 30):
		manager = PipelineManager(plan_device('auto'), new_applier(), ram_cache_bytes=budget)
		times: list[float] = []
		before = process.memory_info().rss
		for switch in range(12):
			started = time.perf_counter()
			manager.load(infos[switch % 2], CancelToken())
			times.append(time.perf_counter() - started)
			if switch == 1:
				before = process.memory_info().rss
		growth = (process.memory_info().rss - before) / 2**20
		label = 'no RAM cache' if budget == 0 else 'RAM cache   '
		print(
			f'{label}: first load {times[0]:.2f} s, later switches median {statistics.median(times[2:]):.3f} s, '
			f'RSS growth over ten switches {growth:+.1f} MiB (RSS {process.memory_info().rss / 2**20:.0f} MiB)'
		)
		manager.unload()


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('--shape', choices=('tiny', 'sd15'), default='tiny')
	parser.add_argument('--hash-mb', type=int, default=512)
	args = parser.parse_args()
	with tempfile.TemporaryDirectory(prefix='bench-models-') as temp:
		folder = Path(temp)
		bench_hashing(folder, int(args.hash_mb))
		models = folder / 'models'
		models.mkdir()
		if args.shape == 'sd15':
			with torch.no_grad():
				write_sd15_shaped(models)
		else:
			write_tiny_checkpoints(models)
		bench_switching(models)


if __name__ == '__main__':
	main()
