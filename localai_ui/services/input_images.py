"""Pictures a user sends (an init image, a mask) kept in the data folder under their content hash, so a run records
which picture it started from and Send to Generate can bring it back while the file is there."""

import hashlib
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.atomic_files import write_atomic

INPUTS_FOLDER = 'inputs'
MAX_INPUT_SIDE = 8192
MAX_INPUT_PIXELS = 8192 * 8192


class InputImages:
	"""`store` validates and keeps a picture; `load` reads one back by the name a request holds."""

	def __init__(self, data_dir: Path) -> None:
		self.folder = data_dir / INPUTS_FOLDER

	def store(self, source: Path | Image.Image, what: str = 'image') -> str:
		"""Keep `source` as a PNG named after its content; returns the name the request stores."""
		image = self._open(source, what) if isinstance(source, Path) else source
		if image.width > MAX_INPUT_SIDE or image.height > MAX_INPUT_SIDE:
			raise InvalidRequestError(
				f'the {what} is {image.width}x{image.height}: at most {MAX_INPUT_SIDE} px on a side is accepted'
			)
		keep = image if image.mode in ('RGB', 'RGBA', 'L') else image.convert('RGBA')
		buffer = io.BytesIO()
		keep.save(buffer, format='PNG', compress_level=1)
		data = buffer.getvalue()
		name = f'{hashlib.sha256(data).hexdigest()[:24]}.png'
		target = self.folder / name
		if not target.is_file():
			write_atomic(target, data)
		return f'{INPUTS_FOLDER}/{name}'

	def path(self, stored: str) -> Path:
		"""The file of a stored name; anything that is not one of ours is refused."""
		folder, _, name = stored.partition('/')
		if folder != INPUTS_FOLDER or not name or '/' in name or '\\' in name or name.startswith('.'):
			raise InvalidRequestError(f'{stored!r} is not a picture this app stored; send the image again')
		return self.folder / name

	def existing(self, stored: str) -> Path | None:
		"""The file of a stored name while it is there; None for a missing file or a name that is not ours."""
		try:
			path = self.path(stored)
		except InvalidRequestError:
			return None
		return path if path.is_file() else None

	def load(self, stored: str, what: str = 'image') -> Image.Image:
		"""The stored picture, fully read; a missing file says so."""
		path = self.path(stored)
		if not path.is_file():
			raise InvalidRequestError(f'the {what} this run started from ({stored}) is no longer there; send it again')
		return self._open(path, what)

	@staticmethod
	def _open(path: Path, what: str) -> Image.Image:
		try:
			with Image.open(path) as opened:
				if opened.width * opened.height > MAX_INPUT_PIXELS:
					raise InvalidRequestError(f'the {what} is {opened.width}x{opened.height}: too many pixels')
				opened.load()
				return opened.copy()
		except (UnidentifiedImageError, Image.DecompressionBombError) as error:
			raise InvalidRequestError(f'{path.name}: the {what} is not a picture this app can read') from error
		except OSError as error:
			raise InvalidRequestError(f'{path.name}: the {what} cannot be read: {error}') from error
