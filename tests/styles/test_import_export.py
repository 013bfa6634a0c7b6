"""Import and export through the use case: clashes as the user chooses, all or nothing, and exact round trips."""

from pathlib import Path

import pytest

from localai_ui.database import open_database
from localai_ui.features.styles.service import StylesService
from localai_ui.features.styles.transfer import MAX_IMPORT_BYTES
from localai_ui.schemas.styles import STYLE_FORMATS, ClashPolicy, ImportReport, StyleFormat, StyleFormatError
from tests.styles.conftest import fixed_now

CLASHING = b'name,prompt,negative_prompt\nMine,changed {prompt},\nFilm,mine now,\nFresh,fresh,\n'


def test_new_styles_land_in_imported(service: StylesService) -> None:
	report = service.import_styles(b'name,prompt\nA,a\nB,b\n', filename='styles.csv', on_clash='skip')
	assert report == ImportReport(added=('A', 'B'))
	assert service.get('A').category == 'Imported' and not service.get('A').builtin
	assert report.summary() == 'Imported 2 styles: 2 added.'


@pytest.mark.parametrize(
	('policy', 'expected', 'mine_prompt'),
	[
		('skip', ImportReport(added=('Fresh',), skipped=('Mine', 'Film')), 'my {prompt}'),
		(
			'overwrite',
			ImportReport(added=('Fresh',), overwritten=('Mine',), renamed=(('Film', 'Film (2)'),)),
			'changed {prompt}',
		),
		('rename', ImportReport(added=('Fresh',), renamed=(('Mine', 'Mine (2)'), ('Film', 'Film (2)'))), 'my {prompt}'),
	],
)
def test_clashes_follow_the_users_choice(
	service: StylesService, policy: ClashPolicy, expected: ImportReport, mine_prompt: str
) -> None:
	assert service.import_styles(CLASHING, filename='styles.csv', on_clash=policy) == expected
	assert service.get('Mine').prompt == mine_prompt
	assert service.get('Mine').category == 'Personal'
	assert service.get('Film').prompt == '{prompt}, shipped' and service.get('Film').builtin


def test_identical_styles_are_not_duplicated(service: StylesService) -> None:
	data = service.export_styles('json')
	report = service.import_styles(data, filename='styles.json', on_clash='rename')
	assert report == ImportReport(unchanged=('Mine',))
	assert 'already present unchanged' in report.summary()


def test_summary_lists_every_outcome() -> None:
	report = ImportReport(added=('A',), overwritten=('B',), renamed=(('C', 'C (2)'),), skipped=('D',))
	assert (
		report.summary()
		== 'Imported 3 styles: 1 added, 1 overwritten, 1 renamed (C -> C (2)), 1 skipped as existing (D).'
	)
	assert ImportReport().summary() == 'Imported 0 styles: the file holds no styles.'


@pytest.mark.parametrize(
	('data', 'filename', 'message'),
	[
		(b'name,prompt\nGood,x\nAlso good,y\nBad,"open\n', 'styles.csv', r'styles.csv: line 4: .*nothing was imported'),
		(b'[{"name": "Good"}, {"name": "Bad", "prompt": 1}]', 'styles.json', r"styles.json: entry 2 \('Bad'\)"),
		(b'name,prompt\nGood,x\nGood,y\n', 'styles.csv', 'appears twice'),
		(b'\xff\xfe n\x00a\x00', 'styles.csv', 'not UTF-8'),
		(b'x' * (MAX_IMPORT_BYTES + 1), 'big.csv', 'at most'),
	],
)
def test_malformed_files_import_nothing(service: StylesService, data: bytes, filename: str, message: str) -> None:
	before = service.list_styles()
	with pytest.raises(StyleFormatError, match=message):
		service.import_styles(data, filename=filename, on_clash='overwrite')
	assert service.list_styles() == before


@pytest.mark.parametrize('style_format', STYLE_FORMATS)
def test_own_export_imports_back_unchanged(service: StylesService, tmp_path: Path, style_format: StyleFormat) -> None:
	quirky = b'name,prompt,negative_prompt\n"A, b","x ""y""\nz {prompt}","n, m"\nC,,only negative\n'
	service.import_styles(quirky, filename='styles.csv', on_clash='skip')
	exported = service.export_styles(style_format)
	other = open_database(tmp_path / 'other.sqlite')
	try:
		fresh = StylesService(database=other, builtins_dir=tmp_path / 'none', now=fixed_now)
		fresh.import_styles(exported, filename=f'styles.{style_format}', on_clash='skip')
		assert fresh.export_styles(style_format) == exported
		assert fresh.get('A, b').prompt == 'x "y"\nz {prompt}' and fresh.get('C').negative_prompt == 'only negative'
	finally:
		other.close()


def test_export_picks_styles(service: StylesService) -> None:
	assert service.export_styles('csv').decode('utf-8-sig').splitlines()[1:] == ['Mine,my {prompt},my negative']
	with_builtins = service.export_styles('csv', include_builtins=True).decode('utf-8-sig')
	assert 'Film,' in with_builtins and 'Gold,' in with_builtins
	named = service.export_styles('json', names=['Gold', 'Mine']).decode()
	assert named.index('"Gold"') < named.index('"Mine"')
