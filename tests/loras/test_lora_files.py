"""A LoRA file is read from its header alone: layout, family, trigger words; its A1111 hashes; bad files refused."""

import hashlib
import json
import struct
from collections.abc import Mapping
from pathlib import Path

import pytest
import torch

from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraFileError, LoraLayout
from localai_ui.services.hashing import file_hashes
from localai_ui.services.lora_files.inspect import inspect_lora
from tests.loras.lora_builders import RANK, write_lora


@pytest.mark.parametrize(
	('name', 'layout', 'family', 'width'),
	[
		('sd1_kohya', LoraLayout.KOHYA, Family.SD1, 32),
		('sd1_peft', LoraLayout.PEFT, Family.UNKNOWN, 32),
		('sd1_ldm', LoraLayout.KOHYA_LDM, Family.SD1, 32),
		('sdxl_ldm', LoraLayout.KOHYA_LDM, Family.SDXL, 64),
		('sdxl_peft', LoraLayout.PEFT, Family.SDXL, 64),
	],
)
def test_layout_family_and_width_come_from_the_header(
	lora_dir: Path, name: str, layout: LoraLayout, family: Family, width: int
) -> None:
	info = inspect_lora(lora_dir / f'{name}.safetensors')
	details = info.details
	assert (details.layout, info.family, details.cross_attention_dim) == (layout, family, width)
	assert details.rank == RANK and details.text_encoder_keys


def test_trigger_words_and_metadata_of_a_kohya_file(lora_dir: Path) -> None:
	info = inspect_lora(lora_dir / 'sd1_kohya.safetensors')
	assert info.details.trigger_words == ('shiny', 'red apple', 'still life')
	assert info.metadata['ss_base_model_version'] == 'sd_v1' and info.family.label == 'SD 1.x'


def test_hashes_match_hashlib_over_the_same_bytes(lora_dir: Path) -> None:
	path = lora_dir / 'sd1_kohya.safetensors'
	data = path.read_bytes()
	header_end = 8 + int.from_bytes(data[:8], 'little')
	hashes = file_hashes(path, addnet=True)
	assert hashes.sha256 == hashlib.sha256(data).hexdigest()
	assert hashes.autov2 == hashes.sha256[:10]
	assert hashes.addnet == hashlib.sha256(data[header_end:]).hexdigest()[:12]
	assert file_hashes(path, addnet=False).addnet is None


def test_hashes_of_a_file_larger_than_one_chunk(tmp_path: Path) -> None:
	path = write_lora(tmp_path / 'big.safetensors', {'unet.a.lora_A.weight': torch.ones(1100, 1024)})
	data = path.read_bytes()
	header_end = 8 + int.from_bytes(data[:8], 'little')
	hashes = file_hashes(path, addnet=True)
	assert (hashes.sha256, hashes.addnet) == (
		hashlib.sha256(data).hexdigest(),
		hashlib.sha256(data[header_end:]).hexdigest()[:12],
	)


def _header(entries: Mapping[str, object]) -> bytes:
	raw = json.dumps(entries).encode()
	return struct.pack('<Q', len(raw)) + raw


ONE_TENSOR = {'unet.a.lora_A.weight': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}}
MODEL_TENSOR = {'model.diffusion_model.out.2.weight': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}}
LOHA_TENSOR = {'lora_unet_a.hada_w1_a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}}


@pytest.mark.parametrize(
	('content', 'reason'),
	[
		(b'', 'empty'),
		(b'\x10\x00\x00', 'too short'),
		(struct.pack('<Q', 4096) + b'{}', 'header claims 4096 bytes'),
		(struct.pack('<Q', 8) + b'not json' + bytes(8), 'not JSON'),
		(_header(ONE_TENSOR) + bytes(4), 'truncated'),
		(b'\x80\x04\x95' + bytes(64), 'pickle'),
		(b'PK\x03\x04' + bytes(64), 'pickle'),
		(_header(MODEL_TENSOR) + bytes(8), 'neither kohya'),
		(_header(LOHA_TENSOR) + bytes(8), 'LoHa/LoKr'),
	],
)
def test_malformed_files_are_refused_naming_file_and_reason(tmp_path: Path, content: bytes, reason: str) -> None:
	path = tmp_path / 'broken.safetensors'
	path.write_bytes(content)
	with pytest.raises(LoraFileError) as caught:
		inspect_lora(path)
	assert 'broken.safetensors' in str(caught.value) and reason in str(caught.value)


def test_a_pickle_by_extension_is_never_opened(tmp_path: Path) -> None:
	path = tmp_path / 'style.pt'
	path.write_bytes(_header(ONE_TENSOR) + bytes(8))
	with pytest.raises(LoraFileError, match='style.pt: pickle'):
		inspect_lora(path)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
	with pytest.raises(LoraFileError, match='missing.safetensors: cannot read'):
		inspect_lora(tmp_path / 'missing.safetensors')
