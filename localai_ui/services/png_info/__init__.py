"""Readers of image metadata from A1111/Forge, ComfyUI, InvokeAI, Fooocus, NovelAI and this app."""

from localai_ui.services.png_info.reader import read_png_info

__all__ = ['read_png_info']
