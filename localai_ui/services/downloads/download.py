"""One http(s) download into `<name>.part`: Range resume, optional sha256 check, cancel, then an atomic rename.

A partial download never shows up as a model: the scan skips `.part` files and only a checked file is renamed.
"""

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_errors import DownloadCancelledError, DownloadError
from localai_ui.services.atomic_files import disk_full_or
from localai_ui.services.downloads.partials import partial_path
from localai_ui.services.safe_paths import checked_name
from localai_ui.services.safetensors.header import read_header

CHUNK_BYTES = 1024 * 1024
TIMEOUT_S = 30.0
Progress = Callable[[int, int | None], None]
Validate = Callable[[Path], object]


def file_name_from_url(url: str) -> str:
	"""The file name a URL ends with; only http(s) and .safetensors are accepted."""
	parts = urlsplit(url.strip())
	if parts.scheme not in ('http', 'https') or not parts.netloc:
		raise DownloadError(f'{url}: only http:// and https:// URLs can be downloaded')
	name = checked_name(unquote(parts.path.rsplit('/', 1)[-1]) or 'model.safetensors')
	if not name.lower().endswith('.safetensors'):
		raise DownloadError(f'{name}: only .safetensors files are downloaded (pickle formats can run code)')
	return name


def download(
	url: str,
	target: Path,
	*,
	sha256: str | None,
	cancel: CancelToken,
	progress: Progress,
	client: httpx.Client,
	validate: Validate = read_header,
) -> Path:
	"""Fetch `url` to `target`, resuming a `.part` left by an interrupted try; returns `target` once verified.

	`validate` checks the complete file before it gets its name (a safetensors header; a LoRA inspection).
	"""
	if target.exists():
		raise DownloadError(f'{target.name}: a file of that name is already in the {target.parent.name} folder')
	part = partial_path(target)
	digest = hashlib.sha256()
	done = _resume_from(part, digest.update)
	headers = {'Range': f'bytes={done}-'} if done else {}
	try:
		with client.stream('GET', url, headers=headers) as response:
			if response.status_code == 416 and done:
				part.unlink()
				return download(
					url, target, sha256=sha256, cancel=cancel, progress=progress, client=client, validate=validate
				)
			if response.status_code not in (200, 206):
				raise DownloadError(f'{target.name}: the server answered HTTP {response.status_code}')
			if response.status_code == 200 and done:
				done, digest = 0, hashlib.sha256()
			total = _total(response, done)
			with part.open('ab' if done else 'wb') as file:
				for chunk in response.iter_bytes():
					if cancel.cancelled:
						raise DownloadCancelledError(f'{target.name}: download cancelled')
					file.write(chunk)
					digest.update(chunk)
					done += len(chunk)
					progress(done, total)
	except DownloadCancelledError:
		part.unlink(missing_ok=True)
		raise
	except httpx.HTTPError as error:
		raise _failed(url, target, done, error) from error
	except LocalAIError:
		raise  # the server refused, or the hub said why (a .part from an earlier try stays for a resume)
	except Exception as error:  # a full disk, an unreadable .part...: nothing to resume, so nothing is left behind
		part.unlink(missing_ok=True)
		reason = disk_full_or(error, target.parent) if isinstance(error, OSError) else error
		raise DownloadError(f'{target.name}: the download stopped: {reason}') from error
	return _finish(part, target, digest.hexdigest(), sha256, validate)


def _failed(url: str, target: Path, done: int, error: httpx.HTTPError) -> DownloadError:
	"""Resuming is offered only when bytes arrived; otherwise the message names the host and what went wrong."""
	reason = str(error) or type(error).__name__
	if done:
		return DownloadError(f'{target.name}: download interrupted after {done} bytes ({reason}); retry to resume')
	host = urlsplit(url).netloc
	if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout)):
		what = f'the server {host} could not be reached ({reason}); check the address and your connection'
	else:
		what = f'the download from {host} failed before any data arrived ({reason}); try again'
	return DownloadError(f'{target.name}: {what}')


def _resume_from(part: Path, update: Callable[[bytes], None]) -> int:
	if not part.is_file():
		return 0
	with part.open('rb') as file:
		while chunk := file.read(CHUNK_BYTES):
			update(chunk)
	return part.stat().st_size


def _total(response: httpx.Response, done: int) -> int | None:
	length = response.headers.get('Content-Length')
	return done + int(length) if length is not None and length.isdigit() else None


def _finish(part: Path, target: Path, actual: str, expected: str | None, validate: Validate) -> Path:
	if expected and actual != expected.strip().lower():
		part.unlink(missing_ok=True)
		raise DownloadError(f'{target.name}: sha256 mismatch: expected {expected.strip().lower()}, got {actual}')
	try:
		validate(part)
	except Exception as error:  # whatever the file holds, the job ends and the bad file goes
		part.unlink(missing_ok=True)
		raise DownloadError(
			f'{target.name}: the downloaded file is not a usable model file: {_reason(error)}'
		) from error
	os.replace(part, target)
	return target


def _reason(error: Exception) -> str:
	if isinstance(error, LocalAIError):
		return str(error)
	if isinstance(error, RecursionError):
		return 'its header nests too deeply to be a real file'
	return f'{type(error).__name__}: {error}'
