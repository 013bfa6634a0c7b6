"""The library use cases: browse, create, edit, duplicate, delete; built-ins stay read-only."""

import pytest

from localai_ui.features.styles.service import DEFAULT_CATEGORY, StylesService
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.styles import StyleText


def test_list_search_and_categories(service: StylesService) -> None:
	assert [s.name for s in service.list_styles()] == ['Mine', 'Film', 'Gold']
	assert service.categories() == ['Personal', 'Shipped']
	assert [s.name for s in service.list_styles(category='Shipped')] == ['Film', 'Gold']
	assert [s.name for s in service.list_styles(query='GOLDEN')] == ['Gold']
	assert [s.name for s in service.list_styles(query='my neg')] == ['Mine']
	assert [s.name for s in service.list_styles(query='fil', category='Personal')] == []


def test_create_edit_and_rename(service: StylesService) -> None:
	created = service.save_style(StyleText(' New ', 'new {prompt}', '', ' '))
	assert (created.name, created.category, created.builtin) == ('New', DEFAULT_CATEGORY, False)
	renamed = service.save_style(StyleText('Newer', 'newer {prompt}', 'n', 'Mine'), original_name='New')
	assert renamed.id == created.id and service.get('Newer').prompt == 'newer {prompt}'
	with pytest.raises(InvalidRequestError, match="Unknown style 'New'"):
		service.get('New')


@pytest.mark.parametrize(
	('text', 'original', 'message'),
	[
		(StyleText('Mine', 'x', ''), None, "'Mine' exists already"),
		(StyleText('Film', 'x', ''), 'Mine', "'Film' exists already"),
		(StyleText('Film', 'x', ''), 'Film', 'built-in style and read-only; duplicate it'),
		(StyleText('Gone', 'x', ''), 'Missing', "Unknown style 'Missing'"),
		(StyleText('  ', 'x', ''), None, 'the name is empty'),
	],
)
def test_saving_refuses_clashes_and_built_ins(
	service: StylesService, text: StyleText, original: str | None, message: str
) -> None:
	with pytest.raises(InvalidRequestError, match=message):
		service.save_style(text, original_name=original)


def test_duplicate_built_ins_and_own_styles(service: StylesService) -> None:
	copy = service.duplicate_style('Film')
	assert (copy.name, copy.prompt, copy.builtin, copy.category) == (
		'Film (copy)',
		'{prompt}, shipped',
		False,
		DEFAULT_CATEGORY,
	)
	assert service.duplicate_style('Film').name == 'Film (copy) (2)'
	assert service.duplicate_style('Mine', 'Mine too').category == 'Personal'


def test_delete_own_styles_only(service: StylesService) -> None:
	service.delete_style('Mine')
	assert 'Mine' not in service.names()
	with pytest.raises(InvalidRequestError, match='read-only'):
		service.delete_style('Gold')
	with pytest.raises(InvalidRequestError, match='Unknown style'):
		service.delete_style('Mine')


def test_apply_in_order_and_unknown_names(service: StylesService) -> None:
	assert service.apply('a fox', 'blurry', ['Mine', 'Gold']) == ('my a fox, golden hour', 'blurry, my negative')
	with pytest.raises(InvalidRequestError, match="Unknown style 'Nope', 'Nah'"):
		service.apply('a fox', '', ['Gold', 'Nope', 'Nah'])


def test_request_step_puts_final_texts_in_and_keeps_names(service: StylesService) -> None:
	request = GenerationRequest(prompt='a fox', negative_prompt='blurry', styles=('Film', 'Gold'))
	resolved, extras = service.apply_to_request(request)
	assert resolved.prompt == 'a fox, shipped, golden hour'
	assert resolved.negative_prompt == 'blurry, shipped negative'
	assert resolved.styles == ('Film', 'Gold') and extras == {}
	plain = GenerationRequest(prompt='a fox')
	assert service.apply_to_request(plain) == (plain, {})
