"""A1111's rule for applying styles to a prompt, and fresh names for copies."""

from collections.abc import Container, Sequence

from localai_ui.schemas.styles import PROMPT_SLOT, StyleText


def merge_style_text(style_text: str, prompt: str) -> str:
	"""A template holding {prompt} gets the prompt put there; otherwise the style follows the prompt after ', '.

	This is A1111's merge_prompts: blank parts are dropped, so an empty prompt yields just the style.
	"""
	if PROMPT_SLOT in style_text:
		return style_text.replace(PROMPT_SLOT, prompt)
	return ', '.join(part for part in (prompt.strip(), style_text.strip()) if part)


def apply_styles(prompt: str, negative_prompt: str, styles: Sequence[StyleText]) -> tuple[str, str]:
	"""Apply each style in order to the prompt and the negative prompt; returns the final pair."""
	for style in styles:
		prompt = merge_style_text(style.prompt, prompt)
		negative_prompt = merge_style_text(style.negative_prompt, negative_prompt)
	return prompt, negative_prompt


def unique_name(name: str, taken: Container[str]) -> str:
	"""`name` if free, else 'name (2)', 'name (3)'... the first one not taken."""
	candidate, number = name, 2
	while candidate in taken:
		candidate, number = f'{name} ({number})', number + 1
	return candidate
