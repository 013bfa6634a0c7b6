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
	parser.add_argument(
		'--upscalers-dir',
		type=Path,
		help='model upscalers: ESRGAN, SwinIR, DAT... (default: DATA_DIR/upscalers; A1111 models/ESRGAN works)',
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
	parser.add_argument(
		'--api', action='store_true', help="serve AUTOMATIC1111's web API (/sdapi/v1/...) beside the app, docs at /docs"
	)
	parser.add_argument(
		'--api-auth',
		metavar='USER:PASSWORD[,USER:PASSWORD]',
		help='logins the API accepts as HTTP basic auth (default: the --auth login, required with --listen)',
	)
	parser.add_argument(
		'--device',
		metavar='DEVICE',
		help='where models run: auto, cpu, cuda, cuda:N (the Nth GPU) or mps (default: the Settings tab, else auto)',
	)
	parser.add_argument(
		'--memory',
		choices=('auto', 'high', 'medium', 'low'),
		help='GPU memory mode: high keeps the model on the GPU, medium and low offload it (default: Settings, else auto)',
	)
	parser.add_argument('--medvram', action='store_true', help="A1111's flag: the same as --memory medium")
	parser.add_argument('--lowvram', action='store_true', help="A1111's flag: the same as --memory low")
	parser.add_argument(
		'--preview',
		choices=('off', 'cheap', 'full'),
		help='live preview: off, cheap latent approximation, or full VAE decode (default: Settings, else cheap)',
	)
	parser.add_argument('--vae', type=Path, help='a .safetensors VAE used by every model (overrides their own)')
	parser.add_argument(
		'--ram-cache-gb',
		type=float,
		metavar='GB',
		help='RAM for models kept ready to switch (default: half the RAM above 8 GB, at most 16)',
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
	parser.add_argument(
		'--preview-every', type=int, metavar='N', help='make a preview every N steps (default: Settings, else 1)'
	)
	parser.add_argument(
		'--fast',
		action='store_true',
		help='CUDA only: compile the UNet per image size with CUDA graphs; a new size runs as usual while it compiles',
	)
	return parser
