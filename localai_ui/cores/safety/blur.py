"""What a flagged image looks like in the app: blurred past recognition (not blacked out), at its own size."""

from PIL import Image, ImageFilter

BLUR_FRACTION = 12  # radius = longer side / this: 43 px at 512 px, enough to hide shapes, still shows the colours


def blurred(image: Image.Image) -> Image.Image:
	radius = max(8, max(image.size) // BLUR_FRACTION)
	return image.convert('RGB').filter(ImageFilter.GaussianBlur(radius))
