"""PNG Info reads a sample of each documented format, and refuses bad input with a clear message."""

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.png_info import GenerationSettings, MetadataSource
from localai_ui.services.png_info import read_png_info
from localai_ui.services.png_info.container import MAX_TEXT_CHARS, decode_user_comment
from tests.history.png_samples import SAMPLES, png

CASTLE = GenerationSettings(
	prompt='a castle on a hill, <lora:ink:0.7>', negative_prompt='fog, lowres', model='dreamshaper_8',
	sampler='DPM++ 2M', schedule='Karras', steps=28, cfg_scale=6.5, width=512, height=768, seed=1234, styles=(),
	enable_hires=False,
)  # fmt: skip


@pytest.mark.parametrize(
	('sample', 'source'),
	[('a1111', MetadataSource.A1111), ('forge', MetadataSource.FORGE), ('jpeg_a1111', MetadataSource.A1111),
	 ('webp_a1111', MetadataSource.A1111)],
)  # fmt: skip
def test_infotext_from_png_jpeg_and_webp(sample: str, source: MetadataSource) -> None:
	info = read_png_info(SAMPLES[sample])
	assert info.source is source and info.settings == CASTLE and info.notes == ()
	assert dict(info.params)['Model hash'] == 'abcdef1234'


def test_our_own_images_keep_styles(tmp_path: Path) -> None:
	path = tmp_path / 'ours.png'
	path.write_bytes(SAMPLES['ours'])
	info = read_png_info(path)
	assert info.source is MetadataSource.LOCALAI
	assert info.settings is not None and info.settings.styles == ('Cinematic', 'Film')


def test_comfyui_prompt_graph_follows_links() -> None:
	info = read_png_info(SAMPLES['comfyui'])
	assert info.source is MetadataSource.COMFYUI
	assert (info.prompt, info.negative_prompt) == ('a misty forest', 'text, watermark')
	assert info.settings == GenerationSettings(
		prompt='a misty forest', negative_prompt='text, watermark', model='v1-5-pruned', sampler='Euler a',
		schedule='Karras', steps=20, cfg_scale=8.0, width=640, height=448, seed=42, styles=(), enable_hires=False,
	)  # fmt: skip
	assert dict(info.params)['LoRAs'] == 'ink.safetensors'
	assert {key for key, _ in info.raw} == {'prompt', 'workflow'}


def test_comfyui_workflow_only() -> None:
	info = read_png_info(SAMPLES['comfyui_workflow_only'])
	assert info.source is MetadataSource.COMFYUI and (info.prompt, info.negative_prompt) == ('a sunny beach', 'rain')
	assert info.settings is not None and (info.settings.seed, info.settings.steps) == (77, 12)
	assert info.settings.sampler == 'DPM++ 2M'


def test_invokeai_fooocus_novelai() -> None:
	invoke = read_png_info(SAMPLES['invokeai'])
	assert invoke.source is MetadataSource.INVOKEAI and invoke.settings is not None
	assert (invoke.prompt, invoke.settings.sampler, invoke.settings.schedule) == ('a koi pond', 'DPM++ 2M', 'Karras')
	assert (invoke.settings.width, invoke.settings.height, invoke.settings.seed) == (768, 512, 987)
	fooocus = read_png_info(SAMPLES['fooocus'])
	assert fooocus.source is MetadataSource.FOOOCUS and fooocus.settings is not None
	assert fooocus.settings.styles == ('Fooocus V2', 'Fooocus Enhance') and fooocus.settings.seed == 5551212
	assert (fooocus.settings.sampler, fooocus.settings.width) == ('DPM++ 2M SDE', 1024)
	novel = read_png_info(SAMPLES['novelai'])
	assert novel.source is MetadataSource.NOVELAI and novel.negative_prompt == 'lowres, bad hands'
	assert novel.settings is not None and (novel.settings.cfg_scale, novel.settings.sampler) == (5.0, 'Euler a')


def test_legacy_invokeai_sd_metadata() -> None:
	legacy = {
		'model_weights': 'sd-1.5',
		'image': {'prompt': [{'prompt': 'old dog', 'weight': 1}], 'sampler': 'k_lms', 'seed': 3},
	}
	info = read_png_info(png({'sd-metadata': json.dumps(legacy)}))
	assert info.source is MetadataSource.INVOKEAI and info.prompt == 'old dog'
	assert info.settings is not None and (info.settings.sampler, info.settings.model) == ('LMS', 'sd-1.5')


def test_no_metadata_and_unknown_text_say_so() -> None:
	plain = read_png_info(SAMPLES['plain'])
	assert plain.source is MetadataSource.NONE and plain.settings is None
	assert plain.notes == ('This file has no generation metadata.',)
	other = read_png_info(png({'Software': 'GIMP 2.10'}))
	assert other.source is MetadataSource.UNKNOWN and other.raw == (('Software', 'GIMP 2.10'),)


def test_broken_json_and_out_of_range_values_do_not_raise() -> None:
	broken = read_png_info(png({'prompt': '{"3": {"class_type": ', 'parameters': 'just a prompt'}))
	assert broken.source is MetadataSource.A1111 and broken.prompt == 'just a prompt'
	deep = read_png_info(png({'invokeai_metadata': '[' * 100_000 + ']' * 100_000}))
	assert deep.source is MetadataSource.UNKNOWN
	odd = read_png_info(png({'parameters': 'x\nSteps: 900, Sampler: Magic, CFG scale: 99, Seed: -5, Size: 500x500'}))
	assert odd.settings is not None and odd.settings.steps is None and odd.settings.sampler is None
	assert odd.settings.cfg_scale is None and odd.settings.seed is None and odd.settings.width is None
	assert len(odd.notes) == 5


def test_huge_text_is_cut_and_non_images_are_refused(tmp_path: Path) -> None:
	info = read_png_info(png({'parameters': 'a' * (MAX_TEXT_CHARS + 10)}))
	assert len(info.prompt) == MAX_TEXT_CHARS and 'too long' in info.notes[-1]
	with pytest.raises(InvalidRequestError, match='not a PNG, JPEG or WEBP'):
		read_png_info(b'hello')
	gif = io.BytesIO()
	Image.new('RGB', (4, 4)).save(gif, format='GIF')
	with pytest.raises(InvalidRequestError, match='GIF'):
		read_png_info(gif.getvalue())
	big = tmp_path / 'big.png'
	with big.open('wb') as file:
		file.truncate(65 * 1024 * 1024)
	with pytest.raises(InvalidRequestError, match='big.png'):
		read_png_info(big)
	with pytest.raises(InvalidRequestError, match='damaged'):
		read_png_info(SAMPLES['a1111'][:60])


def test_user_comment_encodings() -> None:
	assert decode_user_comment(b'ASCII\x00\x00\x00plain text') == 'plain text'
	assert decode_user_comment(b'UNICODE\x00' + 'snow'.encode('utf-16-le')) == 'snow'
	assert decode_user_comment(b'\x00' * 8) is None
