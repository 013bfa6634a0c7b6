"""Prompt fidelity: A1111 attention syntax, 75-token chunks, clip skip, textual inversion embeddings.

Import the modules themselves: `lora_tags` and `attention` are read by the page before torch is loaded."""
