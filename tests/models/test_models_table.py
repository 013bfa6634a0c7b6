"""The Models table: one short word of status per model (the reason only in its details), the ★ of the default and
'loaded' for a model in memory, so no long reason ever widens the table."""

from localai_ui.context import AppContext
from localai_ui.features.models.presenter import COLUMN_WIDTHS, HEADERS, record_dict, table_rows


def test_a_refused_model_shows_one_word_and_its_reason_only_in_the_details(models_context: AppContext) -> None:
	(models_context.settings.models_dir / 'old.ckpt').write_bytes(b'\x80\x04pickled')
	library = models_context.libraries.checkpoints.library
	library.refresh()
	models_context.models.shelf.edits.set_default('tiny-sdxl')
	rows = {row[0]: dict(zip(HEADERS, row, strict=True)) for row in table_rows(library.records(), {'tiny-sd15'})}
	assert len(COLUMN_WIDTHS) == len(HEADERS)
	assert rows['old']['Status'] == 'unsupported' and rows['old']['Family'] == '—'
	assert rows['tiny-sd15']['Status'] == 'loaded' and rows['tiny-sdxl']['Status'] == 'ready'
	assert (rows['tiny-sdxl']['Default'], rows['tiny-sd15']['Default']) == ('★', '')
	assert max(len(value) for row in rows.values() for value in row.values()) <= len('unsupported')
	assert 'pickle checkpoints' in str(record_dict(library.record('old'))['problem'])
