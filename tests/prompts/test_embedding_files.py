"""The embeddings folder: every layout A1111 reads, and a clear message for each file it cannot use."""

from pathlib import Path

import pytest
import torch

from localai_ui.cores.prompts.library import EmbeddingLibrary
from localai_ui.schemas.models import Architecture
from localai_ui.schemas.prompts import EmbeddingFileError, EmbeddingInfo
from localai_ui.services.embeddings import describe_embedding, list_embeddings, scan_embeddings
from localai_ui.services.embeddings_load import load_embedding
from tests.prompts.helpers import write_embedding


@pytest.mark.parametrize(
	('tensors', 'architecture', 'vectors', 'dims'),
	[
		({'emb_params': torch.ones(2, 32)}, Architecture.SD1, 2, (32,)),
		({'string_to_param.*': torch.ones(3, 768)}, Architecture.SD1, 3, (768,)),
		({'<concept>': torch.ones(768)}, Architecture.SD1, 1, (768,)),
		({'clip_l': torch.ones(4, 768), 'clip_g': torch.ones(4, 1280)}, Architecture.SDXL, 4, (768, 1280)),
	],
)
def test_each_layout_is_recognised_from_the_header(
	tmp_path: Path, tensors: dict[str, torch.Tensor], architecture: Architecture, vectors: int, dims: tuple[int, ...]
) -> None:
	path = write_embedding(tmp_path / 'style.safetensors', tensors)
	info = describe_embedding(path)
	assert info == EmbeddingInfo('style', path, architecture, vectors, dims)
	loaded = load_embedding(info)
	assert [tuple(vector.shape) for vector in loaded.vectors] == [(vectors, size) for size in dims]
	assert loaded.fits(architecture, dims) and not loaded.fits(architecture, (1,) * len(dims))


@pytest.mark.parametrize(
	('name', 'content', 'message'),
	[
		('old.pt', b'pickle', 'old.pt: pickle embeddings can run code'),
		('short.safetensors', b'abc', 'short.safetensors: too short'),
		('huge.safetensors', (2**40).to_bytes(8, 'little'), 'huge.safetensors: header length'),
		('cut.safetensors', (100).to_bytes(8, 'little') + b'{}', 'cut.safetensors: the file is truncated'),
		('noshape.safetensors', (12).to_bytes(8, 'little') + b'{"a": "b"}  ', "noshape.safetensors: tensor 'a' has no"),
	],
)
def test_unusable_files_are_reported_by_name(tmp_path: Path, name: str, content: bytes, message: str) -> None:
	(tmp_path / name).write_bytes(content)
	scan = scan_embeddings(tmp_path)
	assert scan.embeddings == ()
	assert len(scan.problems) == 1 and scan.problems[0].startswith(message)


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


def test_scan_looks_in_subfolders_sorts_and_skips_other_files(tmp_path: Path) -> None:
	write_embedding(tmp_path / 'b.safetensors', {'emb_params': torch.ones(1, 8)})
	write_embedding(tmp_path / 'nested' / 'A.safetensors', {'emb_params': torch.ones(1, 8)})
	write_embedding(tmp_path / 'nested' / 'a.safetensors', {'emb_params': torch.ones(1, 8)})
	(tmp_path / 'b.preview.png').write_bytes(b'png')
	scan = scan_embeddings(tmp_path)
	assert [info.name for info in scan.embeddings] == ['A', 'b']
	assert scan.problems == (
		f'a.safetensors: same name as {tmp_path / "nested" / "A.safetensors"}; rename one of them',
	)
	assert [info.name for info in list_embeddings(tmp_path)] == ['A', 'b']
	assert list_embeddings(tmp_path / 'missing') == []


def test_a_header_without_its_data_fails_to_load_with_the_file_name(tmp_path: Path) -> None:
	header = b'{"emb_params":{"dtype":"F32","shape":[1,8],"data_offsets":[0,32]}}'
	path = tmp_path / 'cut.safetensors'
	path.write_bytes(len(header).to_bytes(8, 'little') + header)
	info = describe_embedding(path)
	with pytest.raises(EmbeddingFileError, match='cut.safetensors: cannot read it'):
		load_embedding(info)


def test_the_library_loads_only_embeddings_named_as_words(tmp_path: Path) -> None:
	for name in ('cat', 'bad-hands', 'unused'):
		write_embedding(tmp_path / f'{name}.safetensors', {'emb_params': torch.ones(1, 8)})
	library = EmbeddingLibrary(tmp_path)
	loaded = library.named_in(['a CAT, concatenate', '(bad-hands:1.2)'])
	assert sorted(embedding.name for embedding in loaded) == ['bad-hands', 'cat']
	assert library.named_in(['concatenate']) == []
	assert [info.name for info in library.scan().embeddings] == ['bad-hands', 'cat', 'unused']


def test_the_library_rereads_headers_only_when_a_file_changes(tmp_path: Path) -> None:
	library = EmbeddingLibrary(tmp_path)
	write_embedding(tmp_path / 'shiny.safetensors', {'emb_params': torch.zeros(2, 32)})
	first = library.scan()
	assert library.scan() is first
	write_embedding(tmp_path / 'dull.safetensors', {'emb_params': torch.zeros(3, 32)})
	assert [info.name for info in library.scan().embeddings] == ['dull', 'shiny']
	(tmp_path / 'shiny.safetensors').unlink()
	assert [info.name for info in library.scan().embeddings] == ['dull']
