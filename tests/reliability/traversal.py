"""Hostile paths and names tried on every path and name field of every library (import, upload name, rename, delete,
discard), and on Gradio's file route: an escape is any change outside the app's folders, a file from outside landing
in a library, or an answer that carries a file it must not serve."""

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from localai_ui.context import AppContext
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.assets import D
from localai_ui.schemas.errors import LocalAIError
from tests.reliability.odd_kinds import WEIGHTS, tensors

MARKER = 'escaped-canary-7f3a'
CANARY = tensors({'__metadata__': {'marker': MARKER}, **WEIGHTS}, bytes(16))
UPLOAD = tensors(WEIGHTS, bytes(16))  # a sound file that is not the canary: an upload kept inside is no escape
NAMES = (
	'{up}outside/secret.safetensors',
	'{up}../outside/secret.safetensors',
	'{up_back}outside\\secret.safetensors',
	'./{up}outside/secret.safetensors',
	'a/../{up}outside/secret.safetensors',
	'....//....//outside/secret.safetensors',
	'%2e%2e/%2e%2e/outside/secret.safetensors',
	'..%2f..%2foutside%2fsecret.safetensors',
	'{outside}/secret.safetensors',
	'{outside}',
	'file://{outside}/secret.safetensors',
	'~/secret.safetensors',
	'~root/.bashrc',
	'/etc/passwd',
	'/proc/self/environ',
	'/dev/zero',
	'\\\\server\\share\\secret.safetensors',
	'C:\\Windows\\secret.safetensors',
	'C:secret.safetensors',
	'..',
	'.',
	'',
	'   ',
	'x\x00.safetensors',
	'link-out/secret.safetensors',
	'link-out',
	'..\u2215..\u2215outside\u2215secret.safetensors',
	'\uff0e\uff0e/\uff0e\uff0e/outside/secret.safetensors',
	'a:b>c<.safetensors',
	'x' * 5000,
	'new\nline.safetensors',
	'cat\u202egpj.exe',
)


@dataclass(frozen=True)
class Field:
	"""One path or name field: `call` takes the user's value; `root` is the folder it must stay in."""

	name: str
	root: Path
	call: Callable[[str], object]


@dataclass(frozen=True)
class TraversalFigures:
	tried: int
	refused: int
	escapes: tuple[str, ...]
	accepted: tuple[str, ...] = ()  # taken without an error, and nothing escaped (an upload name cut to its base)


def plant(context: AppContext, outside: Path) -> None:
	"""The canary outside every folder, and links to it from each library folder and import folder."""
	outside.mkdir(parents=True, exist_ok=True)
	(outside / 'secret.safetensors').write_bytes(CANARY)
	for folder in [*library_roots(context), *context.settings.import_dirs]:
		if not (folder / 'link-out').is_symlink():
			os.symlink(outside, folder / 'link-out')


def library_roots(context: AppContext) -> list[Path]:
	found = context.libraries
	shelves = (found.checkpoints, found.loras, found.embeddings, found.vaes, found.upscalers)
	return [shelf.library.root for shelf in shelves]


def inputs(root: Path, outside: Path) -> list[str]:
	"""Every hostile input, with the ups that reach `outside` from `root` written in."""
	depth = len(root.resolve().relative_to(outside.parent.resolve()).parts)
	up, up_back = '../' * depth, '..\\' * depth
	return [name.format(up=up, up_back=up_back, outside=outside) for name in NAMES]


def snapshot(context: AppContext, outside: Path) -> tuple[frozenset[tuple[str, str]], int]:
	"""The files outside (names and digests) and how many canary copies sit in the libraries."""
	files = frozenset(
		(path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in outside.rglob('*') if path.is_file()
	)
	copies = sum(
		MARKER.encode() in path.read_bytes()[:4096]
		for root in library_roots(context)
		for path in root.rglob('*.safetensors')
		if path.is_file() and not path.is_symlink() and 'link-out' not in path.parts
	)
	return files, copies


def field_calls(shelf: Shelf[D], upload: Path) -> list[Field]:
	"""Each path or name field of one library, as a call taking the hostile value."""
	first = next(iter(shelf.library.records()), None)
	current = first.name if first is not None else 'missing'
	noun, root = shelf.library.spec.noun, shelf.library.root
	calls: dict[str, Callable[[str], object]] = {
		'import path': shelf.imports.import_path,
		'upload name': lambda name: shelf.imports.save_upload(upload, name),
		'discard name': shelf.imports.discard_download,
		'resume name': shelf.imports.resume_download,
		'rename to': lambda name: shelf.edits.rename(current, name),
		'delete': lambda name: shelf.edits.delete(name, confirm=True),
	}
	return [Field(f'{noun} {field}', root, call) for field, call in calls.items()]


def all_fields(context: AppContext, upload: Path) -> list[Field]:
	found = context.libraries
	return [
		*field_calls(found.checkpoints, upload),
		*field_calls(found.loras, upload),
		*field_calls(found.embeddings, upload),
		*field_calls(found.vaes, upload),
		*field_calls(found.upscalers, upload),
	]


def field_traversal(context: AppContext, outside: Path, upload_dir: Path) -> TraversalFigures:
	"""Every input on every field of every library; each call must raise a LocalAIError and change nothing outside."""
	plant(context, outside)
	tried = refused = 0
	escapes: list[str] = []
	accepted: list[str] = []
	before = snapshot(context, outside)
	upload = upload_dir / 'upload.safetensors'
	for field in all_fields(context, upload):
		for value in inputs(field.root, outside):
			upload.write_bytes(UPLOAD)
			tried += 1
			try:
				field.call(value)
			except LocalAIError:
				refused += 1
			else:
				accepted.append(f'{field.name} {value[:60]!r}')
			after = snapshot(context, outside)
			if after != before:
				escapes.append(f'{field.name} {value[:60]!r}')
				before = after
	return TraversalFigures(tried, refused, tuple(escapes), tuple(accepted))


def file_route_traversal(context: AppContext, url: str, outside: Path) -> TraversalFigures:
	"""Gradio's /gradio_api/file= for the database, the models, home, system files and the canary."""
	settings = context.settings
	targets = [str(settings.database_path), str(outside / 'secret.safetensors'), '/etc/passwd', '/etc/shadow']
	targets += [str(path) for path in settings.models_dir.rglob('*.safetensors')][:3]
	targets += [str(Path.home() / '.bashrc'), str(settings.outputs_dir / '..' / settings.database_path.name)]
	targets += [f'{settings.outputs_dir}/../../outside/secret.safetensors', '../' * 12 + 'etc/passwd']
	tried = refused = 0
	escapes: list[str] = []
	for target in targets:
		for shown in (target, target.replace('/', '%2F'), target.replace('..', '%2e%2e')):
			tried += 1
			answer = httpx.get(f'{url}gradio_api/file={shown}')
			leaked = answer.status_code == 200 and (MARKER.encode() in answer.content or b'SQLite' in answer.content)
			if answer.status_code in (400, 403, 404) and not leaked:
				refused += 1
			elif answer.status_code == 200:
				escapes.append(f'file={shown[:80]}: {answer.status_code}')
	return TraversalFigures(tried, refused, tuple(escapes))
