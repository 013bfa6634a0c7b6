"""LoRAs that cannot apply are refused with a message naming them, and leave the pipeline clean."""

from pathlib import Path

import pytest

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraFileError, LoraIncompatibleError, LoraLoadError, LoraSpec
from tests.loras.conftest import Reference
from tests.loras.lora_builders import lora_spec, peft_lora, write_lora
from tests.loras.rendering import largest_weight_difference, pixel_difference, render, tiny_model, weights


def test_an_sd1_lora_on_sdxl_is_refused_naming_both(lora_dir: Path, applier: LoraApplier) -> None:
	model = tiny_model(Family.SDXL)
	with pytest.raises(LoraIncompatibleError) as caught:
		applier.apply(model, [lora_spec(lora_dir, 'sdxl_peft'), lora_spec(lora_dir, 'sd1_kohya')])
	message = str(caught.value)
	assert '"sd1_kohya"' in message and 'SD 1.x' in message
	assert '"tiny-sdxl"' in message and 'SDXL (cross-attention width 64)' in message
	assert model.pipeline.get_list_adapters() == {}


def test_an_sdxl_lora_on_sd1_is_refused_naming_both(lora_dir: Path, applier: LoraApplier) -> None:
	model = tiny_model(Family.SD1)
	with pytest.raises(LoraIncompatibleError, match=r'"sdxl_kohya" is made for SDXL .* "tiny-sd15" is SD 1\.x'):
		applier.apply(model, [lora_spec(lora_dir, 'sdxl_kohya')])


def test_a_width_mismatch_without_metadata_is_refused(lora_dir: Path, applier: LoraApplier) -> None:
	model = tiny_model(Family.SDXL)
	with pytest.raises(LoraIncompatibleError, match='unknown model family .cross-attention width 32.'):
		applier.apply(model, [lora_spec(lora_dir, 'sd1_peft')])


def test_a_refused_load_unloads_every_adapter(
	lora_dir: Path, tmp_path: Path, applier: LoraApplier, sd1_reference: Reference
) -> None:
	model = tiny_model(Family.SD1)
	tensors = peft_lora(model.pipeline, seed=9)
	broken = {key.replace('attn2.to_q', 'attn2.no_such_module'): value for key, value in tensors.items()}
	only_unknown = {key: value for key, value in broken.items() if 'no_such_module' in key}
	write_lora(tmp_path / 'unknown_modules.safetensors', only_unknown)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya')])
	with pytest.raises(LoraLoadError, match=r'"unknown_modules" \(unknown_modules.safetensors\).*"tiny-sd15"'):
		applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya'), lora_spec(tmp_path, 'unknown_modules')])
	assert model.pipeline.get_list_adapters() == {}
	assert applier.active(model) == {}
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
	assert largest_weight_difference(weights(model.pipeline), sd1_reference.weights) == 0.0


def test_a_missing_file_is_refused_before_the_pipeline_changes(lora_dir: Path, applier: LoraApplier) -> None:
	model = tiny_model(Family.SD1)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 0.5)])
	gone = LoraSpec('gone', lora_dir / 'gone.safetensors', 1.0, '000000000000')
	with pytest.raises(LoraFileError, match='gone.safetensors'):
		applier.apply(model, [gone])
	assert applier.active(model) == {'sd1_kohya': 0.5}
