"""Why the safety checker could not be used, each saying which folder or file to fix."""

from localai_ui.schemas.errors import LocalAIError


class SafetyCheckerMissingError(LocalAIError):
	"""The checker's folder lacks config.json or model.safetensors (or holds only a pickle)."""
