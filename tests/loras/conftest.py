"""LoRA files for the tiny models (written once per session) and never-touched references to compare against."""

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch

from localai_ui.context import AppContext
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.schemas.assets import Family
from localai_ui.settings import Settings, settings_for
from tests.contexts import ready_context
from tests.loras.lora_builders import kohya_lora, kohya_metadata, peft_lora, write_lora
from tests.loras.rendering import Pixels, render, tiny_model, weights
from tests.tiny_models import build_sd1, build_sdxl


@dataclass(frozen=True)
class Reference:
	pixels: Pixels
	weights: dict[str, torch.Tensor]


@pytest.fixture(scope='session')
def lora_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""sd1_kohya, sd1_kohya_b, sd1_peft, sd1_ldm, sdxl_kohya, sdxl_ldm, sdxl_peft (`.safetensors`)."""
	folder = tmp_path_factory.mktemp('loras')
	sd1, sdxl = build_sd1(), build_sdxl()
	v1, xl = kohya_metadata('sd_v1'), kohya_metadata('sdxl_base_v1-0')
	write_lora(folder / 'sd1_kohya.safetensors', kohya_lora(sd1, seed=1), v1)
	write_lora(folder / 'sd1_kohya_b.safetensors', kohya_lora(sd1, seed=5), v1)
	write_lora(folder / 'sd1_peft.safetensors', peft_lora(sd1, seed=2))
	write_lora(folder / 'sd1_ldm.safetensors', kohya_lora(sd1, seed=3, ldm=True), v1)
	write_lora(folder / 'sdxl_kohya.safetensors', kohya_lora(sdxl, seed=1), xl)
	write_lora(folder / 'sdxl_ldm.safetensors', kohya_lora(sdxl, seed=3, ldm=True), xl)
	write_lora(folder / 'sdxl_peft.safetensors', peft_lora(sdxl, seed=2))
	return folder


def _reference(architecture: Family) -> Reference:
	pipeline = tiny_model(architecture).pipeline
	return Reference(render(pipeline), weights(pipeline))


@pytest.fixture(scope='session')
def sd1_reference() -> Reference:
	"""Pixels and weights of a tiny SD1 pipeline that never saw a LoRA."""
	return _reference(Family.SD1)


@pytest.fixture(scope='session')
def sdxl_reference() -> Reference:
	return _reference(Family.SDXL)


@pytest.fixture
def applier() -> LoraApplier:
	return LoraApplier(LoraStateCache())


@pytest.fixture
def loras_settings(tmp_path: Path, tiny_models_dir: Path, lora_dir: Path) -> Settings:
	"""Tiny models, a LoRA folder holding copies of the session's LoRAs, and an import folder."""
	loras = shutil.copytree(lora_dir, tmp_path / 'loras')
	flags = ['--data-dir', str(tmp_path / 'data'), '--models-dir', str(tiny_models_dir), '--loras-dir', str(loras)]
	return settings_for([*flags, '--import-dir', str(tmp_path / 'import'), '--device', 'cpu', '--ram-cache-gb', '1'])


@pytest.fixture
def loras_context(loras_settings: Settings) -> Iterator[AppContext]:
	built = ready_context(loras_settings)
	yield built
	built.close()
