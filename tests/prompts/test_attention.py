"""A1111's attention syntax, checked against the examples its parser documents, and malformed input."""

import pytest

from localai_ui.cores.prompts.attention import parse_prompt_attention
from localai_ui.schemas.prompts import ChunkBreak, PromptPart, WeightedText


def pairs(parts: list[PromptPart]) -> list[tuple[str, float]]:
	return [(part.text, part.weight) if isinstance(part, WeightedText) else ('BREAK', -1.0) for part in parts]


@pytest.mark.parametrize(
	('prompt', 'expected'),
	[
		('normal text', [('normal text', 1.0)]),
		('an (important) word', [('an ', 1.0), ('important', 1.1), (' word', 1.0)]),
		('(unbalanced', [('unbalanced', 1.1)]),
		('\\(literal\\]', [('(literal]', 1.0)]),
		('(unnecessary)(parens)', [('unnecessaryparens', 1.1)]),
		(
			'a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).',
			[
				('a ', 1.0),
				('house', 1.5730000000000004),
				(' ', 1.1),
				('on', 1.0),
				(' a ', 1.1),
				('hill', 0.55),
				(', sun, ', 1.1),
				('sky', 1.4641000000000006),
				('.', 1.1),
			],
		),
	],
)
def test_a1111_documented_examples(prompt: str, expected: list[tuple[str, float]]) -> None:
	assert pairs(parse_prompt_attention(prompt)) == expected


@pytest.mark.parametrize(
	('prompt', 'expected'),
	[
		('((word))', [('word', 1.1 * 1.1)]),
		('[word]', [('word', 1 / 1.1)]),
		('[[word]]', [('word', 1 / 1.1 / 1.1)]),
		('(word:1.3)', [('word', 1.3)]),
		('( word : 0.7 )', [(' word ', 0.7)]),
		('(a (b:2) c)', [('a ', 1.1), ('b', 2.2), (' c', 1.1)]),
		('[a (b) c]', [('a ', 1 / 1.1), ('b', 1.1 / 1.1), (' c', 1 / 1.1)]),
		('(word:-1)', [('word', -1.0)]),
	],
)
def test_weights_and_nesting(prompt: str, expected: list[tuple[str, float]]) -> None:
	got = pairs(parse_prompt_attention(prompt))
	assert [text for text, _ in got] == [text for text, _ in expected]
	assert [weight for _, weight in got] == pytest.approx([weight for _, weight in expected])


@pytest.mark.parametrize(
	('prompt', 'expected'),
	[
		('a ] b )', [('a ] b )', 1.0)]),  # stray closers are text
		('[unclosed', [('unclosed', 1 / 1.1)]),
		('((two open', [('two open', 1.1 * 1.1)]),
		('ratio 16:9', [('ratio 16:9', 1.0)]),  # a colon outside '(x:1.2)' is text
		('word:1.2)', [('word:1.2)', 1.0)]),  # a weight with nothing open is text
		('(a:1.2.3)', [('a:1.2.3)', 1.1)]),  # an unreadable number is text (A1111 would raise)
		('back\\slash', [('backslash', 1.0)]),  # a lone backslash disappears, as in A1111
		('\\\\', [('\\', 1.0)]),
		('', [('', 1.0)]),
	],
)
def test_malformed_syntax_never_raises(prompt: str, expected: list[tuple[str, float]]) -> None:
	got = pairs(parse_prompt_attention(prompt))
	assert [text for text, _ in got] == [text for text, _ in expected]
	assert [weight for _, weight in got] == pytest.approx([weight for _, weight in expected])


def test_break_splits_and_eats_surrounding_spaces() -> None:
	parts = parse_prompt_attention('a cat BREAK (a hat) BREAKFAST')
	assert isinstance(parts[1], ChunkBreak)
	assert pairs(parts) == [('a cat', 1.0), ('BREAK', -1.0), ('', 1.0), ('a hat', 1.1), (' BREAKFAST', 1.0)]


def test_break_inside_brackets_keeps_the_weight_around_it() -> None:
	assert pairs(parse_prompt_attention('(a BREAK b)')) == [('a', 1.1), ('BREAK', -1.0), ('b', 1.1)]
