"""Records for image-to-image, inpainting and outpainting: A1111's choices by name and index, boxes, masks, errors."""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Self

from PIL.Image import Image

from localai_ui.schemas.errors import InvalidRequestError

MAX_SIDE = 8192
"""Largest width or height (pixels) these functions make: a target size, a crop, an outpainted canvas."""
MAX_PADDING = 256
"""Largest 'Only masked padding, pixels' (A1111's slider range is 0..256)."""
MAX_MASK_BLUR = 64
"""Largest mask blur in pixels (A1111's slider range is 0..64)."""


class ImageEditError(InvalidRequestError):
	"""A size, padding, region or choice for an image edit that is out of range; the message names the value."""


class MaskError(ImageEditError):
	"""A mask that cannot be used: empty, everything masked after inverting, or another size than the image."""


class _IndexedChoice(StrEnum):
	"""A choice A1111 shows by name and its API sends as an index (the position in the list)."""

	@property
	def api_index(self) -> int:
		"""The index A1111's API uses for this choice."""
		return list(type(self)).index(self)

	@classmethod
	def parse(cls, value: str | int) -> Self:
		"""The choice named `value` (its A1111 name, or its index); ImageEditError lists the choices otherwise."""
		members = list(cls)
		if isinstance(value, int) and 0 <= value < len(members):
			return members[value]
		for member in members:
			if isinstance(value, str) and value.strip().lower() == member.value.lower():
				return member
		label = re.sub(r'(?<!^)(?=[A-Z])', ' ', cls.__name__).lower()
		names = ', '.join(f"{index} '{member.value}'" for index, member in enumerate(members))
		raise ImageEditError(f'{label} {value!r} is unknown; use one of {names}')


class ResizeMode(_IndexedChoice):
	"""How an init image (or mask) is fitted to the generation size, with A1111's names in its order."""

	JUST_RESIZE = 'Just resize'
	CROP_AND_RESIZE = 'Crop and resize'
	RESIZE_AND_FILL = 'Resize and fill'
	LATENT_UPSCALE = 'Just resize (latent upscale)'


class MaskedContent(_IndexedChoice):
	"""What the masked area starts from; only 'fill' changes pixels, the others are done in latent space."""

	FILL = 'fill'
	ORIGINAL = 'original'
	LATENT_NOISE = 'latent noise'
	LATENT_NOTHING = 'latent nothing'


class InpaintArea(_IndexedChoice):
	"""Whether the whole picture is repainted at the generation size, or only a crop around the mask."""

	WHOLE_PICTURE = 'Whole picture'
	ONLY_MASKED = 'Only masked'


@dataclass(frozen=True)
class Box:
	"""A rectangle in pixels as PIL crops it: left/top inclusive, right/bottom exclusive."""

	left: int
	top: int
	right: int
	bottom: int

	@property
	def width(self) -> int:
		"""Width in pixels."""
		return self.right - self.left

	@property
	def height(self) -> int:
		"""Height in pixels."""
		return self.bottom - self.top

	@property
	def size(self) -> tuple[int, int]:
		"""(width, height), as PIL writes a size."""
		return (self.width, self.height)

	def as_tuple(self) -> tuple[int, int, int, int]:
		"""(left, top, right, bottom) for `Image.crop`."""
		return (self.left, self.top, self.right, self.bottom)


@dataclass(frozen=True)
class PreparedMask:
	"""A mask ready for inpainting: all three are L images of the init image's size, 255 = repaint.

	`binary` is 0/255 (fill the hole from it); `blurred` is `binary` softened by the mask blur (the crop region and
	the 'Only masked' paste-back use it); `overlay` is `blurred` doubled and clipped, so the whole painted area shows
	the new pixels and only the outside fades (A1111 pastes back with it in 'Whole picture' mode).
	"""

	binary: Image
	blurred: Image
	overlay: Image
