"""Refuse a device this machine lacks, and a memory mode its device cannot do, before anything is stored."""

from collections.abc import Callable

from localai_ui.cores.memory import parse_device, resolve_device
from localai_ui.features.settings.store import SettingsCheck
from localai_ui.schemas.app_settings import AppSettings
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.errors import InvalidRequestError

OFFLOAD_MODES = ('medium', 'low')


def device_check(*, gpu_count: int, mps_available: bool) -> SettingsCheck:
	"""The check for a machine with `gpu_count` CUDA GPUs (and Apple MPS or not)."""

	def check(settings: AppSettings) -> None:
		wanted = settings.device
		try:
			chosen = resolve_device(parse_device(wanted.device), gpu_count=gpu_count, mps_available=mps_available)
		except InvalidRequestError as error:
			raise InvalidRequestError(f'Not saved: {str(error).replace("--device ", "device ")}') from error
		if wanted.memory in OFFLOAD_MODES and not chosen.startswith('cuda'):
			raise InvalidRequestError(
				f'Not saved: memory mode {wanted.memory!r} moves model parts between RAM and a CUDA GPU, but the '
				f'device {wanted.device!r} runs on {chosen}; choose auto or high'
			)

	return check


def late_device_check(device: Callable[[], DeviceFacts]) -> SettingsCheck:
	"""The check for the devices the engine found when it started (a save before then waits for it)."""

	def check(settings: AppSettings) -> None:
		facts = device()
		device_check(gpu_count=facts.gpu_count, mps_available=facts.mps_available)(settings)

	return check
