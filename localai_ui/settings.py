"""Settings: every path, address and policy the app runs with, resolved once from the flags."""

import argparse
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from localai_ui.flags import build_parser
from localai_ui.schemas.progress import PreviewMode, PreviewSettings

LOCALHOST = '127.0.0.1'
ALL_INTERFACES = '0.0.0.0'  # only with --listen, and never without a password
GENERATED_USER = 'localai'
_UNITS = {'': 1, 'b': 1, 'kb': 1024, 'mb': 1024**2, 'gb': 1024**3, 'tb': 1024**4}

DevicePolicy = Literal['auto', 'cuda', 'cpu']


@dataclass(frozen=True)
class Settings:
	"""Resolved configuration; `auth_generated` says the password was made up and must be shown once."""

	data_dir: Path
	models_dir: Path
	loras_dir: Path
	embeddings_dir: Path
	outputs_dir: Path
	vaes_dir: Path
	host: str = LOCALHOST
	port: int = 7860
	auth: tuple[str, str] | None = None
	auth_generated: bool = False
	device: DevicePolicy = 'auto'
	preview: PreviewSettings = PreviewSettings()
	vae: Path | None = None
	ram_cache_gb: float = 4.0
	lora_cache_gb: float = 1.0
	max_upload: str = '8gb'
	import_dirs: tuple[Path, ...] = ()
	allowed_hosts: tuple[str, ...] = ()
	allowed_origins: tuple[str, ...] = ()

	@property
	def database_path(self) -> Path:
		return self.data_dir / 'localai.sqlite3'

	@property
	def max_upload_bytes(self) -> int:
		return parse_size(self.max_upload)


def settings_for(argv: list[str]) -> Settings:
	"""Settings as the command line `argv` gives them (tests and scripts use it too)."""
	return settings_from_args(build_parser().parse_args(argv))


def settings_from_args(args: argparse.Namespace) -> Settings:
	"""Turn parsed flags into Settings; --listen without --auth gets a generated password."""
	data_dir = cast(Path, args.data_dir).expanduser().resolve()
	listen = cast(bool, args.listen)
	auth = parse_auth(cast(str | None, args.auth))
	generated = listen and auth is None
	if generated:
		auth = (GENERATED_USER, secrets.token_urlsafe(12))
	every = max(1, cast(int, args.preview_every))
	parse_size(cast(str, args.max_upload))  # a bad size is refused now, with the value named
	return Settings(
		data_dir=data_dir,
		models_dir=_folder(cast(Path | None, args.models_dir), data_dir / 'models'),
		loras_dir=_folder(cast(Path | None, args.loras_dir), data_dir / 'loras'),
		embeddings_dir=_folder(cast(Path | None, args.embeddings_dir), data_dir / 'embeddings'),
		outputs_dir=_folder(cast(Path | None, args.outputs_dir), data_dir / 'outputs'),
		vaes_dir=_folder(cast(Path | None, args.vae_dir), data_dir / 'vae'),
		host=ALL_INTERFACES if listen else LOCALHOST,
		port=cast(int, args.port),
		auth=auth,
		auth_generated=generated,
		device=cast(DevicePolicy, args.device),
		preview=PreviewSettings(mode=cast(PreviewMode, args.preview), every_n_steps=every),
		vae=_optional_path(cast(Path | None, args.vae)),
		ram_cache_gb=max(0.0, cast(float, args.ram_cache_gb)),
		lora_cache_gb=max(0.0, cast(float, args.lora_cache_gb)),
		max_upload=cast(str, args.max_upload),
		allowed_hosts=tuple(cast(list[str] | None, args.allowed_host) or ()),
		allowed_origins=tuple(cast(list[str] | None, args.allowed_origin) or ()),
		import_dirs=tuple(
			_folder(path, path) for path in cast(list[Path] | None, args.import_dir) or [data_dir / 'import']
		),
	)


def parse_auth(value: str | None) -> tuple[str, str] | None:
	""" "user:password" -> (user, password); a value without both parts is an error."""
	if value is None:
		return None
	user, separator, password = value.partition(':')
	if not separator or not user or not password:
		raise ValueError('--auth must look like user:password')
	return user, password


def _optional_path(value: Path | None) -> Path | None:
	return None if value is None else value.expanduser().resolve()


def _folder(value: Path | None, default: Path) -> Path:
	return (value.expanduser().resolve() if value is not None else default).absolute()


def parse_size(text: str) -> int:
	"""'8gb', '512 MB', '1000' -> bytes (powers of 1024, as Gradio's max_file_size reads them)."""
	match = re.fullmatch(r'\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*', text.lower())
	if match is None:
		raise ValueError(f'{text!r}: a size looks like 8gb, 512mb or 1000000')
	return int(float(match.group(1)) * _UNITS[match.group(2)])
