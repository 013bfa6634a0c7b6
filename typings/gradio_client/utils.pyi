from dataclasses import dataclass
from enum import Enum
from pathlib import Path

class Status(Enum):
	STARTING = 'STARTING'
	JOINING_QUEUE = 'JOINING_QUEUE'
	QUEUE_FULL = 'QUEUE_FULL'
	IN_QUEUE = 'IN_QUEUE'
	SENDING_DATA = 'SENDING_DATA'
	PROCESSING = 'PROCESSING'
	ITERATING = 'ITERATING'
	PROGRESS = 'PROGRESS'
	FINISHED = 'FINISHED'
	CANCELLED = 'CANCELLED'
	LOG = 'LOG'

@dataclass
class StatusUpdate:
	code: Status
	rank: int | None
	queue_size: int | None
	eta: float | None
	success: bool | None

def handle_file(filepath_or_url: str | Path) -> dict[str, object]: ...
