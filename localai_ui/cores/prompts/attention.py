"""A1111's attention syntax: (a) ×1.1, [a] ÷1.1, (a:1.3) sets 1.3, \\( literal, BREAK; never an error.

Modelled on A1111's documented `parse_prompt_attention`: brackets left open are closed at the end of the prompt,
stray closers and `:` are plain text, and neighbours with the same weight are merged.
"""

import re

from localai_ui.schemas.prompts import ChunkBreak, PromptPart, WeightedText

ROUND_MULTIPLIER = 1.1
SQUARE_MULTIPLIER = 1 / 1.1

_TOKENS = re.compile(
	r"""
	\\[()\[\]\\]        # an escaped bracket or backslash
	| \\                # a lone backslash
	| \( | \[           # openers
	| :\s*([+-]?[.\d]+)\s*\)  # ':1.3)' closes a round bracket with an explicit weight
	| \) | \]           # closers
	| [^\\()\[\]:]+     # plain text
	| :                 # a colon that is not a weight
	""",
	re.VERBOSE,
)
_BREAK = re.compile(r'\s*\bBREAK\b\s*', re.DOTALL)


def parse_prompt_attention(text: str) -> list[PromptPart]:
	"""Split `text` into weighted stretches and BREAKs the way A1111 does ('' gives one empty stretch)."""
	parts: list[PromptPart] = []
	round_open: list[int] = []
	square_open: list[int] = []

	def multiply(start: int, factor: float) -> None:
		for index in range(start, len(parts)):
			part = parts[index]
			if isinstance(part, WeightedText):
				parts[index] = WeightedText(part.text, part.weight * factor)

	for match in _TOKENS.finditer(text):
		token, weight = match.group(0), _explicit_weight(match.group(1))
		if token.startswith('\\'):
			parts.append(WeightedText(token[1:], 1.0))
		elif token == '(':
			round_open.append(len(parts))
		elif token == '[':
			square_open.append(len(parts))
		elif weight is not None and round_open:
			multiply(round_open.pop(), weight)
		elif token == ')' and round_open:
			multiply(round_open.pop(), ROUND_MULTIPLIER)
		elif token == ']' and square_open:
			multiply(square_open.pop(), SQUARE_MULTIPLIER)
		else:
			for index, piece in enumerate(_BREAK.split(token)):
				if index:
					parts.append(ChunkBreak())
				parts.append(WeightedText(piece, 1.0))
	for start in round_open:
		multiply(start, ROUND_MULTIPLIER)
	for start in square_open:
		multiply(start, SQUARE_MULTIPLIER)
	return _merged(parts)


def _explicit_weight(group: str | None) -> float | None:
	"""The number in '(x:1.3)'; an unreadable one such as '1.2.3' leaves the token as plain text (A1111 crashes)."""
	if group is None:
		return None
	try:
		return float(group)
	except ValueError:
		return None


def _merged(parts: list[PromptPart]) -> list[PromptPart]:
	"""Join neighbours of equal weight, as A1111 does; BREAKs stay apart."""
	result: list[PromptPart] = []
	for part in parts:
		last = result[-1] if result else None
		if isinstance(part, WeightedText) and isinstance(last, WeightedText) and last.weight == part.weight:
			result[-1] = WeightedText(last.text + part.text, last.weight)
		else:
			result.append(part)
	return result or [WeightedText('', 1.0)]
