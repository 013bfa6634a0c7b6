"""Textual inversion files: what each holds (read from its header) and its vectors, loaded for a run."""
