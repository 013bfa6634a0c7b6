"""Typed errors whose messages are written for the user."""


class LocalAIError(Exception):
	"""Base of every error the UI shows as a plain message rather than a traceback."""


class NoModelError(LocalAIError):
	"""No loadable model exists, or the named one is not there."""


class ModelLoadError(LocalAIError):
	"""A model exists but cannot be loaded."""


class GenerationError(LocalAIError):
	"""A run failed on the device (out of memory, a pipeline error)."""


class InvalidRequestError(LocalAIError):
	"""A request value is out of range or unknown."""
