"""GenerationRequest: defaults, bounds whose messages name the value, old combined sampler names, frozen."""

import pytest
from pydantic import ValidationError

from localai_ui.schemas.generation import MAX_SEED, GenerationRequest
from localai_ui.schemas.samplers import SAMPLER_NAMES, SCHEDULE_NAMES


def _error_text(**fields: object) -> str:
	with pytest.raises(ValidationError) as caught:
		GenerationRequest.model_validate(fields)
	return str(caught.value)


def test_defaults() -> None:
	request = GenerationRequest()
	assert (request.sampler, request.schedule) == ('DPM++ 2M', 'Automatic')
	assert (request.width, request.height, request.steps, request.cfg_scale) == (512, 512, 20, 7.0)
	assert (request.seed, request.model, request.image_count) == (-1, None, 1)


@pytest.mark.parametrize('side', [64, 512, 768, 2048])
def test_accepts_multiples_of_eight_in_range(side: int) -> None:
	request = GenerationRequest(width=side, height=side)
	assert (request.width, request.height) == (side, side)


@pytest.mark.parametrize(('field', 'value'), [('width', 513), ('height', 500), ('width', 56), ('height', 2056)])
def test_bad_side_message_names_the_value(field: str, value: int) -> None:
	text = _error_text(**{field: value})
	assert f'{value} px' in text
	assert 'multiples of 8' in text


@pytest.mark.parametrize('seed', [-1, 0, MAX_SEED])
def test_seed_in_range(seed: int) -> None:
	assert GenerationRequest(seed=seed).seed == seed


@pytest.mark.parametrize('seed', [-2, MAX_SEED + 1])
def test_seed_out_of_range(seed: int) -> None:
	assert 'seed' in _error_text(seed=seed)


@pytest.mark.parametrize(
	('given', 'schedule', 'expected'),
	[
		('DPM++ 2M Karras', 'Automatic', ('DPM++ 2M', 'Karras')),
		('DPM++ 2M SDE Exponential', 'Automatic', ('DPM++ 2M SDE', 'Exponential')),
		('  Euler   a ', 'Automatic', ('Euler a', 'Automatic')),
		('DPM++ 2M Karras', 'Beta', ('DPM++ 2M', 'Beta')),
		('DPM++ 2M Karras', '', ('DPM++ 2M', 'Karras')),
		('Euler', 'SGM Uniform', ('Euler', 'SGM Uniform')),
	],
)
def test_sampler_and_schedule_are_normalised(given: str, schedule: str, expected: tuple[str, str]) -> None:
	request = GenerationRequest(sampler=given, schedule=schedule)
	assert (request.sampler, request.schedule) == expected


@pytest.mark.parametrize(
	('fields', 'choices'),
	[({'sampler': 'Euler b'}, SAMPLER_NAMES), ({'schedule': 'Linear'}, SCHEDULE_NAMES)],
)
def test_unknown_names_list_the_choices(fields: dict[str, object], choices: tuple[str, ...]) -> None:
	text = _error_text(**fields)
	assert repr(next(iter(fields.values()))) in text
	assert ', '.join(choices) in text


@pytest.mark.parametrize(('given', 'expected'), [('', None), ('   ', None), (None, None), (' tiny-sd15 ', 'tiny-sd15')])
def test_blank_model_means_default(given: str | None, expected: str | None) -> None:
	assert GenerationRequest(model=given).model == expected


@pytest.mark.parametrize(('count', 'size', 'total'), [(1, 1, 1), (3, 1, 3), (2, 4, 8), (100, 8, 800)])
def test_image_count(count: int, size: int, total: int) -> None:
	assert GenerationRequest(batch_count=count, batch_size=size).image_count == total


@pytest.mark.parametrize('fields', [{'batch_size': 9}, {'batch_count': 0}, {'steps': 0}, {'cfg_scale': 31.0}])
def test_other_bounds(fields: dict[str, object]) -> None:
	assert next(iter(fields)) in _error_text(**fields)


def test_unknown_field_is_refused() -> None:
	assert 'sampler_name' in _error_text(sampler_name='Euler')


def test_frozen() -> None:
	request = GenerationRequest(prompt='fox')
	with pytest.raises(ValidationError):
		request.prompt = 'cat'
	assert request.prompt == 'fox'
