"""A LoRA's preview picture set from an image (History's "Use as LoRA preview"), shown on its card, gone with it."""

from pathlib import Path

import pytest
from PIL import Image

from localai_ui.context import AppContext
from localai_ui.features.loras.presenter import PLACEHOLDER_SIDE, cards, details_markdown, lora_dict
from localai_ui.schemas.errors import InvalidRequestError
from tests.conftest import wait_for_hashes


def test_an_image_becomes_the_card_picture_and_goes_with_the_lora(loras_context: AppContext, tmp_path: Path) -> None:
	library, actions, folder = (
		loras_context.libraries.loras.library,
		loras_context.libraries.loras.edits,
		loras_context.settings.loras_dir,
	)
	source = tmp_path / 'apple.png'
	Image.new('RGB', (640, 320), (200, 10, 10)).save(source)
	record = actions.set_preview('sd1_kohya', source)
	preview = folder / str(record.row.preview_path)
	assert record.row.preview_path == f'.previews/lora-{record.id}.webp' and preview.is_file()
	with Image.open(preview) as stored:
		assert stored.size == (256, 128)
	shown = {caption: image for image, caption in cards(library.refresh(), actions.preview_file)}
	assert shown['sd1_kohya'].getpixel((5, 5)) != shown['sdxl_peft'].getpixel((5, 5))
	assert shown['sdxl_peft'].size == (PLACEHOLDER_SIDE, PLACEHOLDER_SIDE)
	assert lora_dict(library.record('sd1_kohya'))['has_preview'] is True
	actions.rename('sd1_kohya', 'apple')
	assert actions.preview_file(library.record('apple')) == preview.resolve()
	actions.delete('apple', confirm=True)
	assert not preview.exists()


def test_a_file_that_is_no_image_is_refused(loras_context: AppContext, tmp_path: Path) -> None:
	(tmp_path / 'notes.png').write_text('not an image')
	with pytest.raises(InvalidRequestError, match='notes.png: cannot be read as an image'):
		loras_context.libraries.loras.edits.set_preview('sd1_peft', tmp_path / 'notes.png')


def test_details_and_the_inserted_tag(loras_context: AppContext) -> None:
	wait_for_hashes(loras_context)
	record = loras_context.libraries.loras.library.record('sdxl_ldm')
	text = details_markdown(record)
	assert '| Family | SDXL |' in text and '| Trigger words | shiny, red apple, still life |' in text
	assert f'| addnet hash | {record.row.addnet_hash} |' in text and '| Format | kohya\\-ldm |' in text
	assert lora_dict(record)['tag'] == '<lora:sdxl_ldm:1>'
