"""Style previews: set from an image, shown on the cards, gone with their style, skipped when their file is gone."""

import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import inspect

from localai_ui.context import AppContext
from localai_ui.database import Database, migrate
from localai_ui.database import crud as database_service
from localai_ui.features.styles.cards import style_cards
from localai_ui.features.styles.preview_runs import PREVIEW_PROMPT, render_previews
from localai_ui.features.styles.previews import PLAIN_TILE, TILE_GREY
from localai_ui.features.styles.service import StylesService
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.styles import StyleText
from tests.features.generate_helpers import small_request

RED = (220, 20, 30)
BLUE = (20, 40, 220)


def picture(path: Path, colour: tuple[int, int, int]) -> Path:
	Image.new('RGB', (96, 64), colour).save(path)
	return path


def centre(image: Image.Image) -> tuple[int, int, int]:
	pixel = image.convert('RGB').getpixel((image.width // 2, image.height // 2))
	assert isinstance(pixel, tuple)
	return int(pixel[0]), int(pixel[1]), int(pixel[2])


def near(found: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
	return all(abs(a - b) <= 12 for a, b in zip(found, wanted, strict=True))


def cards_of(service: StylesService) -> dict[str, Image.Image]:
	"""Each card's picture by caption, as the browser gets it (the card is a file)."""
	styles = service.list_styles()
	cards = style_cards(styles, service.previews.files(), service.previews.plain_tile())
	return {caption: opened(Path(path)) for path, caption in cards}


def opened(path: Path) -> Image.Image:
	with Image.open(path) as image:
		return image.convert('RGB')


def test_a_preview_set_from_an_image_shows_on_the_style_card(service: StylesService, tmp_path: Path) -> None:
	service.set_preview('Mine', picture(tmp_path / 'red.png', RED))
	files = service.previews.files()
	stored = files[service.get('Mine').id]
	assert stored.parent == service.previews.folder and stored.parent.name == 'style_previews'
	assert stored.is_file() and stored.parent.parent == tmp_path / 'data'
	cards = cards_of(service)
	assert near(centre(cards['Mine · Personal']), RED)
	assert near(centre(cards['Film · Shipped']), TILE_GREY)  # no preview: the plain tile
	# A built-in style takes a preview too (its texts stay read-only).
	service.set_preview('Film', picture(tmp_path / 'blue.png', BLUE))
	assert near(centre(cards_of(service)['Film · Shipped']), BLUE)


def test_a_new_preview_replaces_the_old_file_and_a_rename_keeps_it(service: StylesService, tmp_path: Path) -> None:
	service.set_preview('Mine', picture(tmp_path / 'red.png', RED))
	first = service.previews.files()[service.get('Mine').id]
	service.set_preview('Mine', picture(tmp_path / 'blue.png', BLUE))
	second = service.previews.files()[service.get('Mine').id]
	assert second != first and not first.exists() and second.is_file()
	service.save_style(StyleText('Renamed', 'my {prompt}', 'my negative', 'Personal'), original_name='Mine')
	assert near(centre(cards_of(service)['Renamed · Personal']), BLUE)
	assert [path for path in service.previews.folder.iterdir() if path.name != PLAIN_TILE] == [second]


def test_the_preview_is_removed_with_its_style(
	service: StylesService, styles_database: Database, tmp_path: Path
) -> None:
	service.set_preview('Mine', picture(tmp_path / 'red.png', RED))
	style_id = service.get('Mine').id
	stored = service.previews.files()[style_id]
	service.delete_style('Mine')
	assert not stored.exists()
	assert [path for path in service.previews.folder.iterdir() if path.name != PLAIN_TILE] == []
	with styles_database.transaction() as session:
		assert style_id not in database_service.style_preview_files(session)
	assert all(not caption.startswith('Mine') for caption in cards_of(service))


def test_a_missing_or_broken_preview_file_is_skipped(service: StylesService, tmp_path: Path) -> None:
	service.set_preview('Mine', picture(tmp_path / 'red.png', RED))
	service.set_preview('Film', picture(tmp_path / 'blue.png', BLUE))
	files = service.previews.files()
	files[service.get('Mine').id].unlink()
	files[service.get('Film').id].write_bytes(b'not a picture')
	assert service.get('Mine').id not in service.previews.files()
	cards = cards_of(service)
	assert near(centre(cards['Mine · Personal']), TILE_GREY)
	assert near(centre(cards['Film · Shipped']), TILE_GREY)


def test_an_unreadable_image_or_unknown_style_is_refused_by_name(service: StylesService, tmp_path: Path) -> None:
	broken = tmp_path / 'broken.png'
	broken.write_bytes(b'\x89PNG nothing else')
	with pytest.raises(InvalidRequestError, match=r'broken\.png: cannot be read as an image'):
		service.set_preview('Mine', broken)
	with pytest.raises(InvalidRequestError, match="Unknown style 'Nope'"):
		service.set_preview('Nope', picture(tmp_path / 'red.png', RED))
	assert service.previews.files() == {}


def test_previews_generated_on_request_run_each_style_with_the_model(context: AppContext) -> None:
	styles = context.styles
	styles.save_style(StyleText('Framed', 'framed {prompt}', 'cropped', 'Mine'))
	lines = list(render_previews(styles, context.generate, ['Framed'], small_request(), CancelToken()))
	assert lines[0].startswith('Rendering the preview of **Framed** (1/1)')
	assert lines[-1] == 'Previews set: Framed.'
	framed = styles.get('Framed')
	stored = styles.previews.files()[framed.id]
	assert stored.parent == context.settings.data_dir / 'style_previews'
	with Image.open(stored) as image:
		assert image.size == (64, 64)
	# The run is an ordinary run: in History with the styled fixed prompt.
	with context.database.transaction() as session:
		run = database_service.get_generation(session, generation_id=1)
	assert run is not None and run.prompt == f'framed {PREVIEW_PROMPT}'


def test_the_previews_branch_goes_down_alone_and_with_the_styles(styles_database: Database) -> None:
	engine = styles_database.engine
	migrate.downgrade(engine, 'style_previews@-1')
	tables = set(inspect(engine).get_table_names())
	assert 'style_previews' not in tables and 'styles' in tables
	migrate.upgrade(engine)
	migrate.downgrade(engine, 'styles@-1')
	assert not {'style_previews', 'styles'} & set(inspect(engine).get_table_names())
	migrate.upgrade(engine)
	assert {'style_previews', 'styles'} <= set(inspect(engine).get_table_names())


def test_with_a_grace_a_deleted_preview_stays_a_moment_and_orphans_go_at_the_next_start(
	service: StylesService, styles_database: Database, tmp_path: Path
) -> None:
	service.set_preview('Mine', picture(tmp_path / 'red.png', RED))
	stored = service.previews.files()[service.get('Mine').id]
	service.previews.grace_s = 0.3
	service.delete_style('Mine')
	assert stored.exists(), 'a page still showing the card can load it'
	waited = time.monotonic() + 5
	while stored.exists() and time.monotonic() < waited:
		time.sleep(0.05)
	assert not stored.exists()
	orphan, tile = picture(service.previews.folder / '999-0000.webp', BLUE), service.previews.plain_tile()
	StylesService(database=styles_database, previews_dir=service.previews.folder)
	assert not orphan.exists() and tile.exists()
