"""A1111's rule: {prompt} is replaced, otherwise the style is appended after ', '; styles apply in order."""

import pytest

from localai_ui.cores.styles import apply_styles, merge_style_text, unique_name
from localai_ui.schemas.styles import StyleText


@pytest.mark.parametrize(
	('style', 'prompt', 'expected'),
	[
		('photo of {prompt}, 85mm', 'a cat', 'photo of a cat, 85mm'),
		('{prompt} and {prompt}', 'x', 'x and x'),
		('golden hour', 'a cat', 'a cat, golden hour'),
		('  golden hour ', ' a cat ', 'a cat, golden hour'),
		('golden hour', '', 'golden hour'),
		('', 'a cat', 'a cat'),
		('', '', ''),
		('photo of {prompt}', '', 'photo of '),
	],
)
def test_merge_follows_a1111(style: str, prompt: str, expected: str) -> None:
	assert merge_style_text(style, prompt) == expected


def test_styles_apply_in_selection_order_to_both_prompts() -> None:
	film = StyleText('Film', 'film still of {prompt}', 'cartoon')
	gold = StyleText('Gold', 'golden hour', 'harsh light, {prompt}')
	assert apply_styles('a fox', 'blurry', [film, gold]) == (
		'film still of a fox, golden hour',
		'harsh light, blurry, cartoon',
	)
	assert apply_styles('a fox', 'blurry', [gold, film]) == (
		'film still of a fox, golden hour',
		'harsh light, blurry, cartoon',
	)
	first = StyleText('A', 'a {prompt}', '')
	second = StyleText('B', 'b {prompt}', '')
	assert apply_styles('x', '', [first, second])[0] == 'b a x'
	assert apply_styles('x', '', [second, first])[0] == 'a b x'


def test_no_styles_leave_the_prompts_alone() -> None:
	assert apply_styles(' a fox ', 'blurry', []) == (' a fox ', 'blurry')


def test_unique_name_counts_up() -> None:
	assert unique_name('Noir', {'Film'}) == 'Noir'
	assert unique_name('Noir', {'Noir'}) == 'Noir (2)'
	assert unique_name('Noir', {'Noir', 'Noir (2)', 'Noir (3)'}) == 'Noir (4)'
