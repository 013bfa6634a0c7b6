"""Family from tensor names and shapes; sidecars override it; everything else is named, not crashed on."""

from pathlib import Path

import pytest

from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import UnsupportedModelError
from localai_ui.services.checkpoint_files.detect import Variant, detect
from localai_ui.services.checkpoint_files.sidecar import metadata_sd2_variant, read_sidecar
from localai_ui.services.safetensors.header import TensorEntry

PATH = Path('checkpoint.safetensors')
UNET = 'model.diffusion_model.'


def tensors(*names: str, in_channels: int = 4, width: int = 768) -> dict[str, TensorEntry]:
	found = {name: TensorEntry('F16', (1,), 0, 2) for name in names}
	found[UNET + 'input_blocks.0.0.weight'] = TensorEntry('F16', (320, in_channels, 3, 3), 0, 1)
	found[UNET + 'input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight'] = TensorEntry('F16', (320, width), 0, 1)
	return found


SD1 = ('cond_stage_model.transformer.text_model.embeddings.position_embedding.weight',)
SD2 = ('cond_stage_model.model.token_embedding.weight',)
SDXL = ('conditioner.embedders.0.transformer.text_model.x', 'conditioner.embedders.1.model.positional_embedding')


@pytest.mark.parametrize(
	('names', 'width', 'architecture', 'variant'),
	[
		(SD1, 768, Family.SD1, 'sd15'),
		(SD2, 1024, Family.SD2, 'sd2-v'),
		(SDXL, 2048, Family.SDXL, 'sdxl'),
	],
)
def test_supported_layouts(names: tuple[str, ...], width: int, architecture: Family, variant: Variant) -> None:
	found = detect(PATH, tensors(*names, width=width))
	assert (found.family, found.variant, found.inpainting) == (architecture, variant, False)


@pytest.mark.parametrize(
	('names', 'width', 'architecture', 'variant'),
	[
		(SD1, 768, Family.SD1, 'sd15-inpaint'),
		(SD2, 1024, Family.SD2, 'sd2-inpaint'),
		(SDXL, 2048, Family.SDXL, 'sdxl-inpaint'),
	],
)
def test_nine_input_channels_are_an_inpainting_model(
	names: tuple[str, ...], width: int, architecture: Family, variant: Variant
) -> None:
	found = detect(PATH, tensors(*names, width=width, in_channels=9))
	assert (found.family, found.variant, found.inpainting) == (architecture, variant, True)
	assert detect(PATH, tensors(*names, width=width, in_channels=9), sd2_variant='sd2').variant == variant


def test_sd2_epsilon_from_metadata_or_yaml(tmp_path: Path) -> None:
	assert metadata_sd2_variant({'modelspec.architecture': 'stable-diffusion-v2-512'}) == 'sd2'
	assert metadata_sd2_variant({}) == 'sd2-v'
	assert detect(PATH, tensors(*SD2, width=1024), sd2_variant='sd2').variant == 'sd2'
	checkpoint = tmp_path / 'v2.safetensors'
	(tmp_path / 'v2.yaml').write_text('model:\n  params:\n    parameterization: "v"\n    context_dim: 1024\n')
	sidecar = read_sidecar(checkpoint)
	assert sidecar is not None and sidecar.variant == 'sd2-v' and sidecar.config_dir is None
	(tmp_path / 'v2.yaml').write_text('model:\n  params:\n    unet_config:\n      context_dim: 1024\n')
	assert (read_sidecar(checkpoint) or sidecar).variant == 'sd2'
	(tmp_path / 'v2.yaml').write_text('network_config:\n  params:\n    adm_in_channels: 2816\n')
	assert (read_sidecar(checkpoint) or sidecar).variant == 'sdxl'


@pytest.mark.parametrize(
	('names', 'in_channels', 'reason'),
	[
		((UNET + 'joint_blocks.0.context_block.adaLN_modulation.1.bias',), 4, 'Stable Diffusion 3'),
		(('double_blocks.0.img_attn.norm.key_norm.scale',), 4, 'Flux'),
		(('conditioner.embedders.0.model.text_projection',), 4, 'refiner'),
		(SD1, 8, 'instruct-pix2pix'),
		(SD1, 7, '7 input channels'),
		((), 4, 'no text encoder'),
	],
)
def test_unsupported_models_say_what_they_are(names: tuple[str, ...], in_channels: int, reason: str) -> None:
	with pytest.raises(UnsupportedModelError, match=f'checkpoint.safetensors: .*{reason}'):
		detect(PATH, tensors(*names, in_channels=in_channels))


@pytest.mark.parametrize(
	('names', 'reason'),
	[
		(('lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight',), 'a LoRA'),
		(('encoder.down.0.block.0.conv1.weight', 'decoder.up.0.block.0.conv1.weight'), 'a VAE'),
		(('emb_params',), 'embedding'),
		(('double_blocks.0.img_attn.norm.key_norm.scale',), 'Flux'),
		(('something.else',), 'unknown architecture'),
	],
)
def test_files_without_a_unet(names: tuple[str, ...], reason: str) -> None:
	with pytest.raises(UnsupportedModelError, match=reason):
		detect(PATH, {name: TensorEntry('F16', (1,), 0, 2) for name in names})


def test_a_width_that_matches_no_known_model_asks_for_a_sidecar() -> None:
	with pytest.raises(UnsupportedModelError, match='cross-attention width is 32.*checkpoint.diffusers'):
		detect(PATH, tensors(*SD1, width=32))


def test_broken_sidecars_are_reported(tmp_path: Path) -> None:
	checkpoint = tmp_path / 'model.safetensors'
	(tmp_path / 'model.yaml').write_text('model:\n  target: something.Else\n')
	with pytest.raises(UnsupportedModelError, match='describes no SD1'):
		read_sidecar(checkpoint)
	(tmp_path / 'model.yaml').write_text('adm_in_channels: 2560\n')
	with pytest.raises(UnsupportedModelError, match='refiner'):
		read_sidecar(checkpoint)
	(tmp_path / 'model.diffusers').mkdir()
	(tmp_path / 'model.diffusers' / 'model_index.json').write_text('{"_class_name": "FluxPipeline"}')
	with pytest.raises(UnsupportedModelError, match='FluxPipeline'):
		read_sidecar(checkpoint)
	(tmp_path / 'model.diffusers' / 'model_index.json').write_text('{not json')
	with pytest.raises(UnsupportedModelError, match='cannot be read'):
		read_sidecar(checkpoint)
