"""What the History gallery shows for a page: a thumbnail (or the image, or a placeholder) and a caption each."""

from pathlib import Path

from PIL import Image

from localai_ui.features.history.files import resolve
from localai_ui.schemas.history import HistoryItem, HistoryPage
from localai_ui.services.thumbnails import THUMBNAILS_DIR, encode_thumbnail

MISSING = f'{THUMBNAILS_DIR}/missing.webp'
CAPTION_CHARS = 60


def missing_placeholder(outputs_dir: Path) -> Path:
	"""A grey square standing in for an image whose file is gone (made once)."""
	path = outputs_dir / MISSING
	if not path.is_file():
		path.parent.mkdir(parents=True, exist_ok=True)
		path.write_bytes(encode_thumbnail(Image.new('RGB', (64, 64), (128, 128, 128))))
	return path


def picture_of(outputs_dir: Path, item: HistoryItem) -> Path:
	for relative in (item.thumbnail_path, item.path):
		if relative and (path := resolve(outputs_dir, relative)).is_file():
			return path
	return missing_placeholder(outputs_dir)


def caption(item: HistoryItem) -> str:
	prompt = ' '.join(item.prompt.split())
	short = prompt if len(prompt) <= CAPTION_CHARS else prompt[: CAPTION_CHARS - 1] + '…'
	marks = ('★ ' if item.favourite else '') + ('(file missing) ' if item.file_missing else '')
	return f'{marks}{short} · seed {item.seed}'


def gallery_items(outputs_dir: Path, page: HistoryPage) -> list[tuple[str, str]]:
	return [(str(picture_of(outputs_dir, item)), caption(item)) for item in page.items]


def page_text(page: HistoryPage) -> str:
	if not page.items:
		return 'No images match.' if page.page == 1 else f'Page {page.page}: no more images.'
	more = ', more on the next page' if page.has_next else ''
	return f'Page {page.page} · {len(page.items)} images{more}'
