"""The embeddings folder: every layout A1111 reads, and a clear message for each file it cannot use."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from localai_ui.context import AppContext, build_context
from localai_ui.features.generate.embeddings import named_in, usable_embeddings
from localai_ui.schemas.assets import Family
from localai_ui.schemas.prompts import EmbeddingFileError, EmbeddingInfo
from localai_ui.services.embedding_files.describe import describe_embedding
from localai_ui.services.embedding_files.load import load_embedding
from localai_ui.settings import Settings
from tests.prompts.helpers import embedding_info, write_embedding


@pytest.mark.parametrize(
	('tensors', 'architecture', 'vectors', 'dims'),
	[
		({'emb_params': torch.ones(2, 32)}, Family.SD1, 2, (32,)),
		({'string_to_param.*': torch.ones(3, 768)}, Family.SD1, 3, (768,)),
		({'<concept>': torch.ones(768)}, Family.SD1, 1, (768,)),
		({'clip_l': torch.ones(4, 768), 'clip_g': torch.ones(4, 1280)}, Family.SDXL, 4, (768, 1280)),
	],
)
def test_each_layout_is_recognised_from_the_header(
	tmp_path: Path, tensors: dict[str, torch.Tensor], architecture: Family, vectors: int, dims: tuple[int, ...]
) -> None:
	path = write_embedding(tmp_path / 'style.safetensors', tensors)
	info = embedding_info(path)
	assert info == EmbeddingInfo('style', path, architecture, vectors, dims)
	loaded = load_embedding(info)
	assert [tuple(vector.shape) for vector in loaded.vectors] == [(vectors, size) for size in dims]
	assert loaded.fits(architecture, dims) and not loaded.fits(architecture, (1,) * len(dims))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
	(tmp_path / 'embeddings').mkdir()
	return tmp_path / 'embeddings'


@pytest.fixture
def embeddings(settings: Settings, folder: Path) -> Iterator[AppContext]:
	built = build_context(replace(settings, embeddings_dir=folder))
	yield built
	built.close()


@pytest.mark.parametrize(
	('name', 'content', 'message'),
	[
		('old.pt', b'pickle', 'old.pt: pickle checkpoints'),
		('short.safetensors', b'abc', 'short.safetensors: 3 bytes is too short'),
		('huge.safetensors', (2**40).to_bytes(8, 'little'), 'huge.safetensors: the header claims'),
		('cut.safetensors', (100).to_bytes(8, 'little') + b'{}', 'cut.safetensors: the header claims 100 bytes'),
		('noshape.safetensors', (12).to_bytes(8, 'little') + b'{"a": "b"}  ', "noshape.safetensors: tensor 'a'"),
	],
)
def test_unusable_files_are_reported_by_name(
	embeddings: AppContext, folder: Path, name: str, content: bytes, message: str
) -> None:
	(folder / name).write_bytes(content)
	library = embeddings.libraries.embeddings.library
	library.refresh()
	assert usable_embeddings(library) == []
	assert [record.reason for record in library.records()][0].startswith(message)


@pytest.mark.parametrize(
	('tensors', 'message'),
	[
		({'a': torch.ones(2, 8), 'b': torch.ones(2, 8)}, 'not a textual inversion'),
		({'emb_params': torch.ones(76, 8)}, '76 vectors'),
		({'emb_params': torch.ones(2, 2, 8)}, 'is not a list of vectors'),
		({'clip_l': torch.ones(2, 8), 'clip_g': torch.ones(3, 8)}, 'different vector counts'),
	],
)
def test_tensors_that_are_no_embedding_are_refused(
	tmp_path: Path, tensors: dict[str, torch.Tensor], message: str
) -> None:
	path = write_embedding(tmp_path / 'bad.safetensors', tensors)
	with pytest.raises(EmbeddingFileError, match=message) as raised:
		describe_embedding(path)
	assert str(raised.value).startswith('bad.safetensors: ')


def test_scan_looks_in_subfolders_sorts_and_skips_other_files(embeddings: AppContext, folder: Path) -> None:
	write_embedding(folder / 'b.safetensors', {'emb_params': torch.ones(1, 8)})
	write_embedding(folder / 'nested' / 'A.safetensors', {'emb_params': torch.ones(1, 8)})
	write_embedding(folder / 'nested' / 'a.safetensors', {'emb_params': torch.ones(1, 8)})
	(folder / 'b.preview.png').write_bytes(b'png')
	library = embeddings.libraries.embeddings.library
	library.refresh()
	assert [info.name for info in usable_embeddings(library)] == ['A', 'a (2)', 'b']
	assert len(library.records()) == 3


def test_a_header_without_its_data_fails_to_load_with_the_file_name(tmp_path: Path) -> None:
	header = b'{"emb_params":{"dtype":"F32","shape":[1,8],"data_offsets":[0,32]}}'
	path = tmp_path / 'cut.safetensors'
	path.write_bytes(len(header).to_bytes(8, 'little') + header)
	with pytest.raises(EmbeddingFileError, match='cut.safetensors'):
		load_embedding(EmbeddingInfo('cut', path, Family.SD1, 1, (8,)))


def test_a_run_loads_only_embeddings_named_as_words(embeddings: AppContext, folder: Path) -> None:
	for name in ('cat', 'bad-hands', 'unused'):
		write_embedding(folder / f'{name}.safetensors', {'emb_params': torch.ones(1, 8)})
	library = embeddings.libraries.embeddings.library
	named = named_in(library, ['a CAT, concatenate', '(bad-hands:1.2)'])
	assert sorted(info.name for info in named) == ['bad-hands', 'cat']
	assert named_in(library, ['concatenate']) == ()
	assert [info.name for info in usable_embeddings(library)] == ['bad-hands', 'cat', 'unused']


def test_a_file_dropped_in_the_folder_is_used_by_the_next_run(embeddings: AppContext, folder: Path) -> None:
	library = embeddings.libraries.embeddings.library
	assert named_in(library, ['shiny cat']) == ()
	write_embedding(folder / 'shiny.safetensors', {'emb_params': torch.zeros(2, 32)})
	assert [info.name for info in named_in(library, ['shiny cat'])] == ['shiny']
	(folder / 'shiny.safetensors').unlink()
	assert named_in(library, ['shiny cat']) == ()
