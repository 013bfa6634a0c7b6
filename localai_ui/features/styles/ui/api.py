"""The public style endpoints: /list_styles, /save_style, /delete_style, /apply_styles (pure data, no components)."""

from localai_ui.features.styles.service import StylesService
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.schemas.styles import StyleRecord, StyleText

StyleJson = dict[str, str | bool]


def style_json(style: StyleRecord) -> StyleJson:
	return {
		'name': style.name,
		'category': style.category,
		'prompt': style.prompt,
		'negative_prompt': style.negative_prompt,
		'builtin': style.builtin,
	}


def register_api(service: StylesService) -> None:
	"""Add the endpoints to the current Blocks; parameter names are the API's."""

	def list_styles(query: str = '', category: str = '') -> list[StyleJson]:
		"""List the style library: your own styles first, then the built-ins, each by category then name.

		Args:
			query: only styles whose name, prompt or negative prompt contains this text (any case); empty lists all.
			category: only styles of this category; empty means every category.
		Returns:
			A list of {name, category, prompt, negative_prompt, builtin}.
		"""
		with shown_as_message():
			styles = service.list_styles(query=query or '', category=category or None)
		return [style_json(style) for style in styles]

	def save_style(
		name: str, prompt: str = '', negative_prompt: str = '', category: str = '', original_name: str = ''
	) -> StyleJson:
		"""Create one of your own styles, or change one (built-in styles are read-only: duplicate them).

		Args:
			name: the style's name, unique in the library.
			prompt: the template; {prompt} marks where the user's prompt goes, otherwise the text is appended after ", ".
			negative_prompt: the negative template, applied the same way to the negative prompt.
			category: where the style is listed; empty means "My styles".
			original_name: empty to create a new style; the current name of your style to change (or rename) it.
		Returns:
			The saved style as {name, category, prompt, negative_prompt, builtin}.
		"""
		with shown_as_message():
			text = StyleText(name or '', prompt or '', negative_prompt or '', category or '')
			return style_json(service.save_style(text, original_name=original_name or None))

	def delete_style(name: str) -> str:
		"""Delete one of your own styles (built-in styles cannot be deleted).

		Args:
			name: the style's name.
		Returns:
			A confirmation message.
		"""
		with shown_as_message():
			service.delete_style(name)
		return f'Deleted style {name!r}.'

	def apply_styles(prompt: str = '', negative_prompt: str = '', styles: list[str] | None = None) -> tuple[str, str]:
		"""The final prompt and negative prompt that Generate runs for these styles, applied in the order given.

		Args:
			prompt: the user's prompt.
			negative_prompt: the user's negative prompt.
			styles: style names, in the order to apply them; each fills {prompt} or is appended after ", ".
		Returns:
			The final prompt and the final negative prompt.
		"""
		with shown_as_message():
			return service.apply(prompt or '', negative_prompt or '', styles or [])

	for endpoint in (list_styles, save_style, delete_style, apply_styles):
		add_endpoint(endpoint, api_name=endpoint.__name__)
