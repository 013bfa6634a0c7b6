"""What a failed download tells the user: "retry to resume" only once bytes arrived; before that, the host and why."""

import socket
from pathlib import Path

import httpx
import pytest

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.file_errors import DownloadError
from localai_ui.services.downloads.download import download
from tests.models.http_server import Files, serving


def ignore(_done: int, _total: int | None) -> None:
	pass


def closed_port() -> int:
	"""A loopback port nothing listens on (bound, read, released)."""
	with socket.socket() as probe:
		probe.bind(('127.0.0.1', 0))
		return int(probe.getsockname()[1])


def failure(url: str, target: Path) -> str:
	with httpx.Client() as client, pytest.raises(DownloadError) as caught:
		download(url, target, sha256=None, cancel=CancelToken(), progress=ignore, client=client)
	return str(caught.value)


def test_a_refused_connection_names_the_host_and_offers_no_resume(tmp_path: Path) -> None:
	port = closed_port()
	message = failure(f'http://127.0.0.1:{port}/m.safetensors', tmp_path / 'm.safetensors')
	assert message.startswith(f'm.safetensors: the server 127.0.0.1:{port} could not be reached (')
	assert 'resume' not in message and '0 bytes' not in message
	assert not (tmp_path / 'm.safetensors.part').exists()


def test_a_connection_dropped_before_the_first_byte_offers_no_resume(tmp_path: Path) -> None:
	with serving(Files({'/m.safetensors': bytes(4096)}, cut_once=0)) as base:
		message = failure(f'{base}/m.safetensors', tmp_path / 'm.safetensors')
	host = base.removeprefix('http://')
	assert message.startswith(f'm.safetensors: the download from {host} failed before any data arrived (')
	assert 'resume' not in message


def test_a_connection_dropped_midway_offers_to_resume(tmp_path: Path) -> None:
	with serving(Files({'/m.safetensors': bytes(4096)}, cut_once=1000)) as base:
		message = failure(f'{base}/m.safetensors', tmp_path / 'm.safetensors')
	assert 'interrupted after 1000 bytes' in message and message.endswith('retry to resume')
	assert (tmp_path / 'm.safetensors.part').stat().st_size == 1000
