"""PNG Info -> Generate: an image without styles clears them; one with styles sets them, and its prompt loses their
text so Generate does not apply them twice."""

from datetime import UTC, datetime
from pathlib import Path

import gradio as gr

from localai_ui.cores.styles import apply_styles
from localai_ui.database import Database
from localai_ui.database import crud as database_service
from localai_ui.features.history.png_styles import unstyled
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui.send import send_values
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES
from localai_ui.schemas.png_info import GenerationSettings
from localai_ui.schemas.styles import StyleText
from localai_ui.services.png_info import read_png_info
from localai_ui.services.png_info.infotext import build_infotext
from tests.history.png_samples import SAMPLES, png

NOIR = StyleText('Noir', 'noir photo of {prompt}, grain', 'colour, {prompt}')
WIDE = StyleText('Wide', 'wide angle', '')
STYLES_AT = GENERATE_FIELD_NAMES.index('styles')


def our_png(styles: tuple[StyleText, ...], names: str, prompt: str = 'a red apple', negative: str = 'blur,') -> bytes:
	final, final_negative = apply_styles(prompt, negative, styles)
	params = {'Steps': 2, 'Seed': 7, 'Size': '64x64', 'Styles': names, 'Version': 'LocalAI UI 0.1.0'}
	return png({'parameters': build_infotext(prompt=final, negative_prompt=final_negative, params=params)})


def test_files_without_styles_say_no_styles() -> None:
	for sample in ('a1111', 'forge', 'comfyui', 'invokeai', 'novelai', 'marked'):
		settings = read_png_info(SAMPLES[sample]).settings
		assert settings is not None and settings.styles == (), sample


def test_sending_an_image_without_styles_clears_them_and_one_with_styles_sets_them() -> None:
	cleared = send_values(GenerationSettings(prompt='a cat', styles=()))
	assert cleared[STYLES_AT] == []
	picked = send_values(GenerationSettings(prompt='a cat', styles=('Noir', 'Wide')))
	assert picked[STYLES_AT] == ['Noir', 'Wide']
	left_alone = send_values(GenerationSettings(prompt='a cat'))
	assert left_alone[STYLES_AT] == gr.update() and left_alone[0] == 'a cat'


def test_known_styles_come_back_out_of_the_prompt(history: HistoryService, database: Database, tmp_path: Path) -> None:
	with database.transaction() as session:
		for style in (NOIR, WIDE):
			database_service.add_style(session, text=style, now=datetime.now(UTC))
	path = tmp_path / 'ours.png'
	path.write_bytes(our_png((NOIR, WIDE), 'Noir, Wide'))
	info = history.read_png_info(path)
	assert info.prompt == 'noir photo of a red apple, grain, wide angle'
	assert info.settings is not None and info.notes == ()
	assert (info.settings.prompt, info.settings.negative_prompt) == ('a red apple', 'blur,')
	assert info.settings.styles == ('Noir', 'Wide')
	path.write_bytes(our_png((NOIR,), 'Noir, Gone'))
	unknown = history.read_png_info(path)
	assert unknown.settings is not None and unknown.settings.styles == ()
	assert unknown.settings.prompt == 'noir photo of a red apple, grain' and 'Noir, Gone' in unknown.notes[-1]


def test_a_prompt_that_does_not_hold_the_style_text_keeps_it_and_drops_the_styles() -> None:
	library = {'Noir': NOIR, 'Wide': WIDE}
	edited = GenerationSettings(prompt='noir photo of a red apple', negative_prompt='', styles=('Noir',))
	settings, note = unstyled(edited, library)
	assert (settings.prompt, settings.styles) == ('noir photo of a red apple', ()) and note is not None
	plain = GenerationSettings(prompt='a pear, wide angle', negative_prompt='x', styles=('Wide',))
	assert unstyled(plain, library) == (
		GenerationSettings(prompt='a pear', negative_prompt='x', styles=('Wide',)),
		None,
	)
	assert unstyled(GenerationSettings(prompt='a pear', styles=()), library) == (
		GenerationSettings(prompt='a pear', styles=()), None
	)  # fmt: skip
