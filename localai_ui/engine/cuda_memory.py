"""The GPU's memory for A1111's `/sdapi/v1/memory` (its `cuda` part), read from torch's allocator."""

import torch
from pydantic import JsonValue


def cuda_facts(device: torch.device) -> dict[str, JsonValue]:
	"""The GPU's memory as A1111 reports it; `unavailable` when the app runs elsewhere (CPU, MPS)."""
	if device.type != 'cuda' or not torch.cuda.is_available():
		return {'error': 'unavailable'}
	free, total = torch.cuda.mem_get_info(device)
	stats = torch.cuda.memory_stats(device)

	def pair(name: str) -> dict[str, JsonValue]:
		return {'current': int(stats.get(f'{name}.all.current', 0)), 'peak': int(stats.get(f'{name}.all.peak', 0))}

	return {
		'system': {'free': free, 'used': total - free, 'total': total},
		'active': pair('active_bytes'),
		'allocated': pair('allocated_bytes'),
		'reserved': pair('reserved_bytes'),
		'inactive': pair('inactive_split_bytes'),
		'events': {'retries': int(stats.get('num_alloc_retries', 0)), 'oom': int(stats.get('num_ooms', 0))},
	}
