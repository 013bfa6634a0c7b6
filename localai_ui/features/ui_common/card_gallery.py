"""The gallery a library lays its cards out in (LoRAs, styles): small covered pictures, no lightbox, no upload."""

import gradio as gr


def card_gallery(label: str, elem_id: str, *, columns: int, height: int) -> gr.Gallery:
	"""A gallery of cards inside the current Blocks context; a click is a select event naming the card's index."""
	return gr.Gallery(
		label=label,
		columns=columns,
		fit_columns=False,
		height=height,
		object_fit='cover',
		allow_preview=False,
		interactive=False,
		buttons=[],
		elem_id=elem_id,
	)
