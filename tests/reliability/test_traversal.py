"""The guarantee that held before issue 13 and must keep holding: no hostile path or name escapes a folder through
any path or name field, and Gradio's file route serves neither the database, the models nor system files."""

from pathlib import Path

from tests.e2e.conftest import start_app, stop_app
from tests.reliability.apps import own_settings
from tests.reliability.traversal import NAMES, field_traversal, file_route_traversal

FIELDS = 5 * 6  # five libraries, six path or name fields each


def test_no_input_escapes_any_path_or_name_field(tmp_path: Path, tiny_models_dir: Path) -> None:
	imports, uploads, outside = tmp_path / 'imports', tmp_path / 'uploads', tmp_path / 'outside'
	imports.mkdir()
	uploads.mkdir()
	app = start_app(own_settings(tmp_path, tiny_models_dir, '--import-dir', str(imports)))
	try:
		fields = field_traversal(app.context, outside, uploads)
		files = file_route_traversal(app.context, app.url, outside)
	finally:
		stop_app(app)
	assert fields.escapes == () and files.escapes == (), (fields, files)
	plain = [item for item in fields.accepted if 'upload name' not in item and not item.endswith("'link-out'")]
	assert plain == [], 'only an upload cut to its base name, or a plain name, may be taken'
	assert fields.tried == FIELDS * len(NAMES) and fields.refused == fields.tried - len(fields.accepted)
	assert files.refused == files.tried
