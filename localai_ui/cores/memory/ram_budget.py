"""How much RAM the model cache may keep for models waiting to be switched back to, sized to the machine."""

GIB = 1 << 30
KEPT_FOR_SYSTEM = 8 * GIB  # the OS, the browser, and the active model (in RAM too in the offload modes)
MAX_BUDGET = 16 * GIB
UNKNOWN_RAM_BUDGET = 4 * GIB


def ram_cache_budget(total_ram_bytes: int | None) -> int:
	"""Half of the RAM above 8 GB, at most 16 GB: none on an 8 GB machine, 4 GB on 16 GB (one SD 1.5 model), 12 GB
	on 32 GB (an SDXL model and more). 4 GB when the RAM cannot be read. `--ram-cache-gb` overrides it."""
	if total_ram_bytes is None:
		return UNKNOWN_RAM_BUDGET
	return min(MAX_BUDGET, max(0, (total_ram_bytes - KEPT_FOR_SYSTEM) // 2))
