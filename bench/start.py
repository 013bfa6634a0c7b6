"""Time from `python3 launch.py` to the page's first HTTP 200, against a bare Gradio Blocks page started the same way
(the same interpreter, a fresh process each), alternating, best of --runs each; then when the engine (torch, diffusers,
the device plan), loading after the page is served, says it is ready; then where the app's time goes.

	.venv/bin/python -m bench.start
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_PAGE = """
import sys
if sys.argv[2:] == ['--gc-paused']:
	import gc
	gc.disable()  # as launch.py starts the app
import gradio as gr
with gr.Blocks(analytics_enabled=False) as page:
	gr.Textbox(label='Prompt')
page.launch(server_port=int(sys.argv[1]), share=False, prevent_thread_lock=False)
"""
PHASES = """
import gc
import time
gc.disable()  # as launch.py starts the app; cli.main collects again once the page is served
started = time.monotonic()
import gradio
marks = [('gradio', time.monotonic())]
from localai_ui.app import build_app, serve_app, serve_options
from localai_ui.context import build_context
from localai_ui.flags import build_parser
from localai_ui.settings import settings_from_args
marks.append(('the app modules the page needs (SQLAlchemy, Gradio tabs, ...; no torch)', time.monotonic()))
import sys
settings = settings_from_args(build_parser().parse_args(['--data-dir', sys.argv[1], '--port', sys.argv[2]]))
context = build_context(settings, engine_now=False)
marks.append(('build_context (database, library scan)', time.monotonic()))
page = build_app(context)
marks.append(('build_app (the Blocks)', time.monotonic()))
running = serve_app(page, context, serve_options(settings, quiet=True))
marks.append(('serve (the page is up)', time.monotonic()))
gc.freeze()
gc.enable()
context.start_engine()
context.engine.late.wait()
marks.append(('the engine on its thread (torch, diffusers, transformers, the plan)', time.monotonic()))
running.close()
context.close()
last = started
for name, mark in marks:
	print(f'  {mark - last:5.2f} s  {name}')
	last = mark
"""


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(('127.0.0.1', 0))
		return int(probe.getsockname()[1])


def first_200(
	command: Sequence[str], port: int, *, says_ready: bool = False, timeout_s: float = 120.0
) -> tuple[float, float | None]:
	"""Seconds to the first 200 of the page and, when the command says so on its output, to the engine being ready."""
	env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1', HF_HUB_DISABLE_TELEMETRY='1')
	started = time.monotonic()
	process = subprocess.Popen(
		command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1
	)
	try:
		page = _wait_for_page(port, started, timeout_s)
		if page is None:
			raise SystemExit(f'no page on port {port} after {timeout_s:.0f} s: {" ".join(command)}')
		return page, _engine_ready(process, started, timeout_s) if says_ready else None
	finally:
		process.terminate()
		process.wait(10)


def _wait_for_page(port: int, started: float, timeout_s: float) -> float | None:
	while time.monotonic() - started < timeout_s:
		try:
			with urllib.request.urlopen(f'http://127.0.0.1:{port}/', timeout=1) as answer:
				if answer.status == 200:
					return time.monotonic() - started
		except (urllib.error.URLError, ConnectionError, TimeoutError):
			time.sleep(0.02)
	return None


def _engine_ready(process: subprocess.Popen[str], started: float, timeout_s: float) -> float | None:
	"""The app prints 'The engine is ready ...' once torch and diffusers are loaded; the bare page never does."""
	if process.stdout is None:
		return None
	for line in process.stdout:
		if line.startswith('The engine is ready'):
			return time.monotonic() - started
		if time.monotonic() - started > timeout_s:
			break
	return None


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('--runs', type=int, default=3)
	args = parser.parse_args()
	bare: list[float] = []
	paused: list[float] = []
	app: list[float] = []
	engine: list[float] = []
	with tempfile.TemporaryDirectory() as folder:
		script = Path(folder) / 'bare_page.py'
		script.write_text(BARE_PAGE)
		for _ in range(args.runs):
			port = free_port()
			bare.append(first_200([sys.executable, str(script), str(port)], port)[0])
			port = free_port()
			paused.append(first_200([sys.executable, str(script), str(port), '--gc-paused'], port)[0])
			port = free_port()
			launch = [sys.executable, 'launch.py', '--port', str(port), '--data-dir', str(Path(folder) / 'data')]
			page, ready = first_200(launch, port, says_ready=True)
			app.append(page)
			engine.extend([] if ready is None else [ready])
		print(
			f'first HTTP 200, best of {args.runs}: bare Gradio {min(bare):.2f} s, LocalAI UI {min(app):.2f} s, ', end=''
		)
		print(f'ratio {min(app) / min(bare):.2f} (goal: page in 3 s, ratio 1.5)')
		print(
			f'like for like (the bare page with garbage collection paused as launch.py does): {min(paused):.2f} s, '
			f'ratio {min(app) / min(paused):.2f}'
		)
		if engine:
			print(f'the engine is ready {min(engine):.2f} s after launch (best of {len(engine)}); a run waits for it')
		print("where the app's start goes (one process, in order):")
		phases = [sys.executable, '-c', PHASES, str(Path(folder) / 'data'), str(free_port())]
		env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1', HF_HUB_DISABLE_TELEMETRY='1')
		subprocess.run(phases, cwd=ROOT, env=env, check=True)


if __name__ == '__main__':
	main()
