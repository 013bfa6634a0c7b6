"""The words a user reads about memory modes, shared by plans, recommendations and out-of-memory advice."""

from localai_ui.schemas.system import MemoryMode

GIB = 1 << 30
CARD_SIZES_GB = (2, 3, 4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 40, 48, 80, 96, 141)


def gigabytes(size: int) -> str:
	"""Bytes as GPUs are labelled (binary gigabytes): 8589934592 -> '8.0 GB'."""
	return f'{size / GIB:.1f} GB'


def card_size(needed: int) -> int:
	"""The smallest common card size (GB) that holds `needed` bytes, or the need itself rounded up."""
	wanted = needed / GIB
	return next((size for size in CARD_SIZES_GB if size >= wanted), -(-needed // GIB))


def mode_name(mode: MemoryMode) -> str:
	"""'medium mode (--memory medium, A1111's --medvram)'."""
	match mode:
		case MemoryMode.HIGH:
			return 'high mode (--memory high)'
		case MemoryMode.MEDIUM:
			return "medium mode (--memory medium, A1111's --medvram)"
		case MemoryMode.LOW:
			return "low mode (--memory low, A1111's --lowvram)"


def mode_effect(mode: MemoryMode) -> str:
	"""What the mode does to the model, in one clause."""
	match mode:
		case MemoryMode.HIGH:
			return 'keeps the whole model on the GPU'
		case MemoryMode.MEDIUM:
			return 'keeps the model in RAM and moves one part at a time to the GPU'
		case MemoryMode.LOW:
			return 'streams the weights to the GPU layer by layer (slow)'


def size_words(width: int, height: int, batch_size: int) -> str:
	"""'1024x1024' or '512x768, batch 4'."""
	return f'{width}x{height}' + (f', batch {batch_size}' if batch_size > 1 else '')
