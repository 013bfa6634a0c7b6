"""Bringing one file into a library folder (models, LoRAs): a checked upload, or a copy or hard link of a local file.

A partial copy never appears under its final name: it is written as `<name>.part`, then renamed.
"""

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.services.safe_paths import checked_name
from localai_ui.services.safetensors.sniff import refuse_pickle

PARTIAL_SUFFIX = '.part'  # a file being written into a library folder; scans skip it
ImportMode = Literal['copy', 'link']
Validate = Callable[[Path], object]
TargetFor = Callable[[str], Path]


def accept_upload(uploaded: Path, file_name: str, *, max_bytes: int, validate: Validate, target_for: TargetFor) -> Path:
	"""Move a browser upload (Gradio streamed it to a temp file) to `target_for(name)` once it checks out."""
	name = checked_name(Path(file_name).name)
	refuse_pickle(Path(name))
	if not name.lower().endswith('.safetensors'):
		raise ModelFileError(f'{name}: only .safetensors files can be uploaded')
	size = uploaded.stat().st_size
	if size > max_bytes:
		raise ModelFileError(f'{name}: {size} bytes is over the upload limit of {max_bytes} bytes')
	validate(uploaded)
	target = target_for(name)
	partial = target.with_name(target.name + PARTIAL_SUFFIX)
	shutil.copyfile(uploaded, partial)
	os.replace(partial, target)
	return target


def transfer(source: Path, target: Path, mode: ImportMode, folder: str = 'models folder') -> None:
	"""Copy or hard-link a file or folder; a partial copy never appears under its final name."""
	partial = target.with_name(target.name + PARTIAL_SUFFIX)
	link = os.link if mode == 'link' else shutil.copy2
	try:
		if source.is_dir():
			shutil.copytree(source, partial, copy_function=link)
		else:
			link(source, partial)
	except OSError as error:
		shutil.rmtree(partial, ignore_errors=True) if partial.is_dir() else partial.unlink(missing_ok=True)
		hint = ' (hard links need the same disk: use copy)' if mode == 'link' else ''
		raise ModelFileError(f'{source.name}: cannot {mode} it into the {folder}: {error}{hint}') from error
	os.replace(partial, target)
