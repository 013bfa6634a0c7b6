"""Errors the server reports to the person starting it: each names the bad value and the flag that fixes it."""

from localai_ui.schemas.errors import LocalAIError


class ServeOptionsError(LocalAIError):
	"""A serving option is unsafe or malformed (a bad --allowed-origin, a LAN address without a password)."""


class PortInUseError(LocalAIError):
	"""The address and port to serve on are taken by another program."""


class ServerStartError(LocalAIError):
	"""The HTTP server did not come up (its startup failed or took too long)."""
