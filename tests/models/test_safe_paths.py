"""Paths users give stay inside the configured folders: `..`, absolute paths and outside symlinks are refused."""

import os
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.file_errors import UnsafePathError
from localai_ui.services.safe_paths import checked_name, inside


@pytest.mark.parametrize(
	'user_path', ['../secret.safetensors', 'a/../../b', '/etc/passwd', '\\\\server\\share', 'C:\\x', '~/x', '', 'a\0b']
)
def test_escaping_paths_are_refused(tmp_path: Path, user_path: str) -> None:
	with pytest.raises(UnsafePathError):
		inside(tmp_path, user_path)


def test_symlinks_pointing_outside_are_refused_inside_ones_allowed(tmp_path: Path) -> None:
	root, outside = tmp_path / 'root', tmp_path / 'outside'
	root.mkdir()
	outside.mkdir()
	os.symlink(outside, root / 'escape')
	os.symlink(root, root / 'loop-back')
	with pytest.raises(UnsafePathError, match='points outside'):
		inside(root, 'escape/x.safetensors')
	assert inside(root, 'loop-back/x.safetensors') == (root / 'x.safetensors').resolve()


@pytest.mark.parametrize('name', ['a/b', '..', '.hidden', 'x\\y', 'a:b', 'tab\there', 'x' * 201, ''])
def test_bad_new_names_are_refused(name: str) -> None:
	with pytest.raises(UnsafePathError):
		checked_name(name)


def test_import_rename_and_delete_stay_inside(models_context: AppContext, tmp_path: Path) -> None:
	models, shelf = models_context.models, models_context.libraries.checkpoints
	outside = tmp_path / 'outside.safetensors'
	outside.write_bytes(b'x')
	for user_path in ('../outside.safetensors', str(outside)):
		with pytest.raises(UnsafePathError):
			shelf.imports.import_path(user_path)
	with pytest.raises(UnsafePathError):
		models.rename('tiny-sd15', '../../escaped')
	os.symlink(outside, models_context.settings.models_dir / 'linked.safetensors')
	shelf.library.refresh()
	with pytest.raises(UnsafePathError, match='points outside'):
		models.delete('linked', confirm=True)
	assert outside.exists()
	with pytest.raises(InvalidRequestError, match='not in the VAE folder'):
		models.set_vae('tiny-sd15', '../tiny-sd15.safetensors')
