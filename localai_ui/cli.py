"""The command line: flags -> Settings -> context -> app, served until Ctrl+C (or until the engine, which starts
while the page is served, cannot start)."""

import gc
import sys
import time
from collections.abc import Sequence
from functools import partial

from localai_ui.app import build_app, serve_app, serve_options
from localai_ui.context import build_context
from localai_ui.flags import build_parser
from localai_ui.schemas.errors import LocalAIError
from localai_ui.server import block_until_interrupted
from localai_ui.settings import LOCALHOST, Settings, settings_from_args
from localai_ui.warming.parts import EngineParts


def startup_lines(settings: Settings) -> list[str]:
	"""What the user must know before opening the page: where models go and, with --listen, how to log in."""
	lines = [f'LocalAI UI: models in {settings.models_dir}, images in {settings.outputs_dir}']
	if settings.host != LOCALHOST:
		lines.append(f'LAN access is on (port {settings.port}); only people with the password can use it.')
	if settings.api:
		lines.append(f"AUTOMATIC1111's API is on: http://127.0.0.1:{settings.port}/sdapi/v1 (docs at /docs).")
	if settings.auth and settings.auth_generated:
		user, password = settings.auth
		lines.append(f'Log in as user "{user}" with password "{password}" (generated now, shown only once).')
	return lines


def main(argv: Sequence[str] | None = None) -> int:
	parser = build_parser()
	args = parser.parse_args(argv)
	try:
		settings = settings_from_args(args)
		options = serve_options(settings, quiet=True)
		context = build_context(settings, engine_now=False)
	except (ValueError, LocalAIError) as error:
		parser.error(str(error))
	print('\n'.join(startup_lines(settings)), flush=True)
	print(f'Open http://127.0.0.1:{settings.port} in your browser; Ctrl+C stops the app.', flush=True)
	engine = context.engine.late
	try:
		running = serve_app(build_app(context), context, options)
		resume_collection()  # launch.py pauses garbage collection while the page is built
		context.start_engine(partial(_say_ready, time.monotonic()))  # torch and diffusers load while the page is up
		block_until_interrupted(running, until=lambda: bool(engine.failure))
		if engine.failure:  # a device the machine lacks, --fast off CUDA, a broken install: said on the console
			parser.error(f'the engine could not start: {engine.failure}')
	except LocalAIError as error:
		print(f'localai-ui: {error}', file=sys.stderr, flush=True)
		return 1
	finally:
		context.close()
	return 0


def resume_collection() -> None:
	"""Keep what the start built out of every later collection (it lives as long as the app), then collect again."""
	gc.freeze()
	gc.enable()


def _say_ready(started: float, parts: EngineParts) -> None:
	print(
		f'The engine is ready on {parts.device.label} ({time.monotonic() - started:.1f} s after the page).', flush=True
	)


if __name__ == '__main__':
	sys.exit(main())
