"""Applying LoRAs changes the image by weight; removing them gives back the exact pixels and weights."""

from pathlib import Path

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.schemas.assets import Family
from tests.loras.conftest import Reference
from tests.loras.lora_builders import lora_spec
from tests.loras.rendering import largest_weight_difference, pixel_difference, render, tiny_model, weights


def test_weight_zero_is_no_lora_and_weight_one_changes_the_image(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference
) -> None:
	model = tiny_model(Family.SD1)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 0.0)])
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 1.0)])
	assert applier.active(model) == {'sd1_kohya': 1.0}
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) > 10


def test_two_loras_combine_and_removing_them_restores_every_weight(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference
) -> None:
	model = tiny_model(Family.SD1)
	first, second = lora_spec(lora_dir, 'sd1_kohya', 0.8), lora_spec(lora_dir, 'sd1_peft', 0.6)
	applier.apply(model, [first])
	alone_first = render(model.pipeline)
	applier.apply(model, [second])
	alone_second = render(model.pipeline)
	applier.apply(model, [first, second])
	both = render(model.pipeline)
	assert applier.active(model) == {'sd1_kohya': 0.8, 'sd1_peft': 0.6}
	assert pixel_difference(both, alone_first) > 0 and pixel_difference(both, alone_second) > 0
	applier.apply(model, [first])
	assert len(model.pipeline.get_active_adapters()) == 1, 'the other adapter stays loaded, inactive'
	assert pixel_difference(render(model.pipeline), alone_first) == 0
	applier.apply(model, [])
	assert applier.active(model) == {}
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
	applier.release(model)
	assert model.pipeline.get_list_adapters() == {}
	assert largest_weight_difference(weights(model.pipeline), sd1_reference.weights) == 0.0


def test_changing_weights_then_removing_restores_exactly(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference
) -> None:
	model = tiny_model(Family.SD1)
	for weight in (1.0, -1.5, 0.3, 2.0):
		applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', weight), lora_spec(lora_dir, 'sd1_ldm', -weight)])
	once = render(model.pipeline)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 2.0), lora_spec(lora_dir, 'sd1_ldm', -2.0)])
	assert pixel_difference(render(model.pipeline), once) == 0
	applier.apply(model, [])
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
	assert largest_weight_difference(weights(model.pipeline), sd1_reference.weights) == 0.0


def test_one_pipeline_then_another_leaves_both_clean(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference, sdxl_reference: Reference
) -> None:
	sd1, sdxl = tiny_model(Family.SD1), tiny_model(Family.SDXL)
	applier.apply(sd1, [lora_spec(lora_dir, 'sd1_kohya')])
	applier.apply(sdxl, [lora_spec(lora_dir, 'sdxl_ldm', 0.7), lora_spec(lora_dir, 'sdxl_peft', 0.5)])
	assert applier.active(sd1) == {'sd1_kohya': 1.0}
	assert applier.active(sdxl) == {'sdxl_ldm': 0.7, 'sdxl_peft': 0.5}
	assert pixel_difference(render(sdxl.pipeline), sdxl_reference.pixels) > 10
	applier.apply(sdxl, [])
	applier.apply(sd1, [])
	assert pixel_difference(render(sdxl.pipeline), sdxl_reference.pixels) == 0
	assert largest_weight_difference(weights(sdxl.pipeline), sdxl_reference.weights) == 0.0
	assert largest_weight_difference(weights(sd1.pipeline), sd1_reference.weights) == 0.0


def test_separate_text_encoder_weight_and_the_later_of_a_file_named_twice(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference
) -> None:
	model = tiny_model(Family.SD1)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 1.0, te_weight=0.0)])
	unet_only = render(model.pipeline)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 1.0)])
	assert pixel_difference(render(model.pipeline), unet_only) > 0
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya', 0.4), lora_spec(lora_dir, 'sd1_kohya', 0.0)])
	assert applier.active(model) == {'sd1_kohya': 0.0}
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
