"""How much GPU memory a run needs in each mode: weights counted exactly, working memory measured, then a reserve.

Weights are fp16 parameter bytes counted from the bundled configs: SD1.5 2.13 GB (UNet 1.72, text encoder 0.25, VAE
0.17), SD2 2.58 GB (UNet 1.73, text encoder 0.68), SDXL 6.94 GB (UNet 5.14, two text encoders 1.64). Working memory
per megapixel was measured as the peak above the weights in half precision (2026-11, random weights of the real
shapes, bf16 on the CPU): a UNet step with its guidance pair 0.69 GB/MP (SD1.5 at 1024x1024), 0.48 GB/MP (SDXL);
a VAE decode 2.1-2.4 GB/MP. An H200 SDXL run at 1024x1024 peaked at 10 GiB (FACTS.md) with 7.1 GB of weights, the VAE
upcast to fp32 as SDXL's VAE config asks: 1.7 GB/MP in half precision; 1.8 is used. The reserve covers the CUDA
allocator's fragmentation and cuDNN workspaces. High keeps every weight on the GPU; medium (model CPU offload) holds
one component at a time; low (sequential CPU offload) streams layers, so only working memory and a small buffer stay.
"""

from dataclasses import dataclass

from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MemoryMode

GB = 1_000_000_000
GIB = 1 << 30
MEGAPIXEL = 1_000_000
VAE_DECODE_BYTES_PER_MP = 1_800_000_000
RESERVE_BYTES = 1 * GB
STREAMED_LAYER_BYTES = 300_000_000


@dataclass(frozen=True)
class Footprint:
	"""One family's fp16 weights by component, its UNet working memory per megapixel, and its VAE's habits."""

	text_encoders: int
	unet: int
	vae: int
	unet_bytes_per_mp: int
	native_size: int
	vae_tile_size: int
	vae_upcast: bool

	@property
	def weights(self) -> int:
		return self.text_encoders + self.unet + self.vae * (2 if self.vae_upcast else 1)


def footprint(family: Family) -> Footprint:
	"""The figures for a family; an unknown family has none, so it cannot be planned."""
	match family:
		case Family.SD1:
			return Footprint(246_000_000, 1_719_000_000, 167_000_000, 690_000_000, 512, 512, False)
		case Family.SD2:
			return Footprint(681_000_000, 1_732_000_000, 167_000_000, 690_000_000, 768, 512, False)
		case Family.SDXL:
			return Footprint(1_635_000_000, 5_135_000_000, 167_000_000, 480_000_000, 1024, 1024, True)
		case _:
			raise InvalidRequestError(f'family {family.value!r} has no memory figures; expected sd1, sd2 or sdxl')


@dataclass(frozen=True)
class RunShape:
	"""What decides working memory: image size, batch, and the two VAE savers."""

	width: int
	height: int
	batch_size: int
	vae_slicing: bool
	vae_tiling: bool

	@property
	def megapixels(self) -> float:
		return self.width * self.height / MEGAPIXEL


def unet_working_bytes(figures: Footprint, shape: RunShape) -> int:
	return round(figures.unet_bytes_per_mp * shape.megapixels * shape.batch_size)


def vae_working_bytes(figures: Footprint, shape: RunShape) -> int:
	"""Slicing decodes one image at a time; tiling decodes one tile (the VAE's sample size) at a time."""
	pixels = shape.megapixels
	if shape.vae_tiling:
		pixels = min(pixels, figures.vae_tile_size**2 / MEGAPIXEL)
	images = 1 if shape.vae_slicing else shape.batch_size
	return round(VAE_DECODE_BYTES_PER_MP * (2 if figures.vae_upcast else 1) * pixels * images)


def estimate_peak_bytes(mode: MemoryMode, family: Family, shape: RunShape) -> int:
	"""GPU memory the run needs at its peak in `mode`, reserve included."""
	figures = footprint(family)
	unet_work, vae_work = unet_working_bytes(figures, shape), vae_working_bytes(figures, shape)
	vae_weights = figures.vae * (2 if figures.vae_upcast else 1)
	match mode:
		case MemoryMode.HIGH:
			resident = figures.weights + max(unet_work, vae_work)
		case MemoryMode.MEDIUM:
			resident = max(figures.text_encoders, figures.unet + unet_work, vae_weights + vae_work)
		case MemoryMode.LOW:
			resident = STREAMED_LAYER_BYTES + max(unet_work, vae_work)
	return resident + RESERVE_BYTES
