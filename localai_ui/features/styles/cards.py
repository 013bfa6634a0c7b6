"""What the style cards show: each style's preview file (the plain tile without one), its name and its category.

Cards are files, not pictures: Gradio copies a file into its cache once, where a picture is encoded and rewritten on
every refresh (the same tile rewritten while the browser reads it showed as a broken image).
"""

from pathlib import Path

from localai_ui.schemas.styles import StyleRecord

Card = tuple[str, str]


def card_caption(style: StyleRecord) -> str:
	return f'{style.name} · {style.category}'


def style_cards(styles: list[StyleRecord], files: dict[int, Path], tile: Path) -> list[Card]:
	"""One card per style, in the order given; a style whose file is gone or unreadable gets the plain tile."""
	return [(str(files.get(style.id, tile)), card_caption(style)) for style in styles]
