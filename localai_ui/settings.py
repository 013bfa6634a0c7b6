"""Settings: every path, address and policy the app runs with, resolved once from the flags."""

import argparse
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from localai_ui.cores.memory import flag_memory_mode, parse_device
from localai_ui.flags import build_parser
from localai_ui.schemas.progress import PreviewMode, PreviewSettings
from localai_ui.schemas.system import MemoryRequest
from localai_ui.services.flag_values import parse_api_auth, parse_auth, parse_size

LOCALHOST = '127.0.0.1'
ALL_INTERFACES = '0.0.0.0'  # only with --listen, and never without a password
GENERATED_USER = 'localai'

FlagSetting = tuple[str, str | int, str]
"""A flag that wins over a stored setting: (setting name, value, the flag as typed)."""


@dataclass(frozen=True)
class Settings:
	"""Resolved configuration; `auth_generated` says the password was made up and must be shown once."""

	data_dir: Path
	models_dir: Path
	loras_dir: Path
	embeddings_dir: Path
	outputs_dir: Path
	vaes_dir: Path
	upscalers_dir: Path
	host: str = LOCALHOST
	port: int = 7860
	auth: tuple[str, str] | None = None
	auth_generated: bool = False
	device: str = 'auto'
	memory: MemoryRequest = 'auto'
	preview: PreviewSettings = PreviewSettings()
	vae: Path | None = None
	ram_cache_gb: float | None = None
	lora_cache_gb: float = 1.0
	max_upload: str = '8gb'
	import_dirs: tuple[Path, ...] = ()
	allowed_hosts: tuple[str, ...] = ()
	allowed_origins: tuple[str, ...] = ()
	setting_flags: tuple[FlagSetting, ...] = ()
	api: bool = False
	api_auth: tuple[tuple[str, str], ...] = ()
	fast: bool = False  # --fast: refused at start without a CUDA GPU

	@property
	def database_path(self) -> Path:
		return self.data_dir / 'localai.sqlite3'

	@property
	def max_upload_bytes(self) -> int:
		return parse_size(self.max_upload)

	@property
	def app_folders(self) -> tuple[Path, ...]:
		"""The folders the app writes into (created at start when missing)."""
		return (
			self.data_dir,
			self.models_dir,
			self.loras_dir,
			self.embeddings_dir,
			self.vaes_dir,
			self.upscalers_dir,
			self.outputs_dir,
		)


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
	flagged = _setting_flags(args)
	given = {name: value for name, value, _flag in flagged}
	ram_cache = cast(float | None, args.ram_cache_gb)
	parse_size(cast(str, args.max_upload))  # a bad size is refused now, with the value named
	return Settings(
		data_dir=data_dir,
		models_dir=_folder(cast(Path | None, args.models_dir), data_dir / 'models'),
		loras_dir=_folder(cast(Path | None, args.loras_dir), data_dir / 'loras'),
		embeddings_dir=_folder(cast(Path | None, args.embeddings_dir), data_dir / 'embeddings'),
		outputs_dir=_folder(cast(Path | None, args.outputs_dir), data_dir / 'outputs'),
		vaes_dir=_folder(cast(Path | None, args.vae_dir), data_dir / 'vae'),
		upscalers_dir=_folder(cast(Path | None, args.upscalers_dir), data_dir / 'upscalers'),
		host=ALL_INTERFACES if listen else LOCALHOST,
		port=cast(int, args.port),
		auth=auth,
		auth_generated=generated,
		device=str(given.get('device', 'auto')),
		memory=flag_memory_mode(cast(str | None, args.memory), cast(bool, args.medvram), cast(bool, args.lowvram)),
		preview=PreviewSettings(
			mode=cast(PreviewMode, given.get('preview_mode', 'cheap')), every_n_steps=int(given.get('preview_every', 1))
		),
		vae=_optional_path(cast(Path | None, args.vae)),
		ram_cache_gb=None if ram_cache is None else max(0.0, ram_cache),
		lora_cache_gb=max(0.0, cast(float, args.lora_cache_gb)),
		max_upload=cast(str, args.max_upload),
		allowed_hosts=tuple(cast(list[str] | None, args.allowed_host) or ()),
		allowed_origins=tuple(cast(list[str] | None, args.allowed_origin) or ()),
		import_dirs=tuple(
			_folder(path, path) for path in cast(list[Path] | None, args.import_dir) or [data_dir / 'import']
		),
		setting_flags=flagged,
		api=cast(bool, args.api),
		api_auth=parse_api_auth(cast(str | None, args.api_auth), api=cast(bool, args.api)),
		fast=cast(bool, args.fast),
	)


def _setting_flags(args: argparse.Namespace) -> tuple[FlagSetting, ...]:
	"""The flags given for values the Settings tab also stores; a bad device or memory mode is refused here."""
	found: list[FlagSetting] = []
	preview, every, device = (
		cast(str | int | None, getattr(args, name)) for name in ('preview', 'preview_every', 'device')
	)
	if preview is not None:
		found.append(('preview_mode', preview, f'--preview {preview}'))
	if isinstance(every, int):
		found.append(('preview_every', max(1, every), f'--preview-every {every}'))
	if isinstance(device, str):
		found.append(('device', parse_device(device).text, f'--device {device}'))
	memory = flag_memory_mode(cast(str | None, args.memory), cast(bool, args.medvram), cast(bool, args.lowvram))
	flag = f'--memory {args.memory}' if args.memory else '--lowvram' if args.lowvram else '--medvram'
	if args.memory or args.medvram or args.lowvram:
		found.append(('memory', memory, flag))
	return tuple(found)


def _optional_path(value: Path | None) -> Path | None:
	return None if value is None else value.expanduser().resolve()


def _folder(value: Path | None, default: Path) -> Path:
	return (value.expanduser().resolve() if value is not None else default).absolute()
