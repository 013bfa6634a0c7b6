"""Resolve `--memory` and A1111's `--medvram` / `--lowvram` into one memory request."""

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MEMORY_REQUESTS, MemoryRequest


def flag_memory_mode(memory: str | None, medvram: bool, lowvram: bool) -> MemoryRequest:
	"""An explicit `--memory` wins over the A1111 flags; `--medvram` with `--lowvram` alone is a conflict."""
	if memory is not None:
		for choice in MEMORY_REQUESTS:
			if memory.strip().lower() == choice:
				return choice
		raise InvalidRequestError(f'--memory {memory!r} is unknown; use one of {", ".join(MEMORY_REQUESTS)}')
	if medvram and lowvram:
		raise InvalidRequestError(
			'--medvram and --lowvram were both given; keep one (--lowvram is the lighter and slower), '
			'or say --memory medium or --memory low'
		)
	if lowvram:
		return 'low'
	return 'medium' if medvram else 'auto'
