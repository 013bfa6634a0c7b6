"""Pickles that would leave a mark if anything ever unpickled them: `marker` is created by the payload itself."""

import io
import os
import pickle
import zipfile
from pathlib import Path


class Payload:
	"""Unpickling this calls os.mkdir(marker): proof that a pickle ran."""

	def __init__(self, marker: Path) -> None:
		self.marker = marker

	def __reduce__(self) -> tuple[object, tuple[str]]:
		return os.mkdir, (str(self.marker),)


def raw_payload(marker: Path) -> bytes:
	return pickle.dumps({'state_dict': Payload(marker)}, protocol=2)


def zip_payload(marker: Path) -> bytes:
	"""The layout torch.save writes (a zip holding data.pkl), so torch.load would try it."""
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, 'w') as archive:
		archive.writestr('archive/data.pkl', raw_payload(marker))
		archive.writestr('archive/version', '3\n')
		archive.writestr('archive/byteorder', 'little')
	return buffer.getvalue()


def payload_ran(marker: Path) -> bool:
	return marker.exists()
