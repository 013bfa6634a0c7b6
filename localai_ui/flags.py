"""Command-line flags, stdlib only so that `python launch.py --help` works before anything is installed."""

import argparse
from pathlib import Path

DEFAULT_PORT = 7860


def build_parser() -> argparse.ArgumentParser:
	"""The parser shared by launch.py, `python -m localai_ui` and the `localai-ui` script."""
	parser = argparse.ArgumentParser(
		prog='localai-ui',
		description='LocalAI UI: a local-first Stable Diffusion studio in your browser.',
	)
	parser.add_argument(
		'--data-dir', type=Path, default=Path('data'), help='SQLite file and defaults (default: ./data)'
	)
	parser.add_argument('--models-dir', type=Path, help='checkpoints folder (default: DATA_DIR/models)')
	parser.add_argument('--loras-dir', type=Path, help='LoRA folder (default: DATA_DIR/loras)')
	parser.add_argument(
		'--embeddings-dir', type=Path, help='textual inversion embeddings (default: DATA_DIR/embeddings)'
	)
	parser.add_argument(
		'--vae-dir', type=Path, help='VAE files a model may use instead of its own (default: DATA_DIR/vae)'
	)
	parser.add_argument('--outputs-dir', type=Path, help='where images are written (default: DATA_DIR/outputs)')
	parser.add_argument('--port', type=int, default=DEFAULT_PORT, help=f'HTTP port (default: {DEFAULT_PORT})')
	parser.add_argument(
		'--listen',
		action='store_true',
		help='serve on 0.0.0.0 so other devices on your LAN can connect (a password is required)',
	)
	parser.add_argument(
		'--allowed-host',
		metavar='NAME',
		action='append',
		help='also accept requests sent to this host name (repeatable; loopback names always work)',
	)
	parser.add_argument(
		'--allowed-origin',
		metavar='URL',
		action='append',
		help='also accept requests from pages at this origin, e.g. http://mybox.lan:8080 (repeatable)',
	)
	parser.add_argument('--auth', metavar='USER:PASSWORD', help='require this login (generated when --listen is alone)')
	parser.add_argument('--device', choices=('auto', 'cuda', 'cpu'), default='auto', help='where models run')
	parser.add_argument(
		'--preview',
		choices=('off', 'cheap', 'full'),
		default='cheap',
		help='live preview: off, cheap latent approximation, or full VAE decode (default: cheap)',
	)
	parser.add_argument('--vae', type=Path, help='a .safetensors VAE used by every model (overrides their own)')
	parser.add_argument(
		'--ram-cache-gb', type=float, default=4.0, metavar='GB', help='RAM for models kept ready to switch (default: 4)'
	)
	parser.add_argument(
		'--lora-cache-gb',
		type=float,
		default=1.0,
		metavar='GB',
		help='RAM for LoRA weights kept ready, so changing LoRAs does not re-read files (default: 1)',
	)
	parser.add_argument('--max-upload', default='8gb', help='largest model file accepted by upload (default: 8gb)')
	parser.add_argument(
		'--import-dir',
		type=Path,
		action='append',
		help='a folder models may be imported from by path (repeatable; default: DATA_DIR/import)',
	)
	parser.add_argument('--preview-every', type=int, default=1, metavar='N', help='make a preview every N steps')
	return parser
