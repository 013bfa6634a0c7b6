"""Time from `python3 launch.py` to the page's first HTTP 200, against a bare Gradio Blocks page started the same way
(the same interpreter, a fresh process each), alternating, best of --runs each; then where the app's time goes.

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
import gradio as gr
with gr.Blocks(analytics_enabled=False) as page:
	gr.Textbox(label='Prompt')
page.launch(server_port=int(sys.argv[1]), share=False, prevent_thread_lock=False)
"""
PHASES = """
import time
started = time.monotonic()
import gradio
marks = [('gradio', time.monotonic())]
import torch
marks.append(('torch', time.monotonic()))
import diffusers, transformers, peft
from diffusers import StableDiffusionPipeline
marks.append(('diffusers, transformers, peft', time.monotonic()))
from localai_ui.app import build_app
from localai_ui.context import build_context
from localai_ui.flags import build_parser
from localai_ui.settings import settings_from_args
marks.append(('the app\\'s own modules (and spandrel, SQLAlchemy, ...)', time.monotonic()))
import sys
context = build_context(settings_from_args(build_parser().parse_args(['--data-dir', sys.argv[1]])))
marks.append(('build_context (database, library scan)', time.monotonic()))
build_app(context)
marks.append(('build_app (the Blocks)', time.monotonic()))
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


def first_200(command: Sequence[str], port: int, timeout_s: float = 120.0) -> float:
	env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1', HF_HUB_DISABLE_TELEMETRY='1')
	started = time.monotonic()
	process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
	try:
		while time.monotonic() - started < timeout_s:
			try:
				with urllib.request.urlopen(f'http://127.0.0.1:{port}/', timeout=1) as answer:
					if answer.status == 200:
						return time.monotonic() - started
			except (urllib.error.URLError, ConnectionError, TimeoutError):
				time.sleep(0.02)
		raise SystemExit(f'no page on port {port} after {timeout_s:.0f} s: {" ".join(command)}')
	finally:
		process.terminate()
		process.wait(10)


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('--runs', type=int, default=3)
	args = parser.parse_args()
	bare: list[float] = []
	app: list[float] = []
	with tempfile.TemporaryDirectory() as folder:
		script = Path(folder) / 'bare_page.py'
		script.write_text(BARE_PAGE)
		for _ in range(args.runs):
			port = free_port()
			bare.append(first_200([sys.executable, str(script), str(port)], port))
			port = free_port()
			launch = [sys.executable, 'launch.py', '--port', str(port), '--data-dir', str(Path(folder) / 'data')]
			app.append(first_200(launch, port))
		print(
			f'first HTTP 200, best of {args.runs}: bare Gradio {min(bare):.2f} s, LocalAI UI {min(app):.2f} s, ', end=''
		)
		print(f'ratio {min(app) / min(bare):.2f} (goal: page in 3 s, ratio 1.5)')
		print("where the app's start goes (one process, in order):")
		phases = [sys.executable, '-c', PHASES, str(Path(folder) / 'data')]
		env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1', HF_HUB_DISABLE_TELEMETRY='1')
		subprocess.run(phases, cwd=ROOT, env=env, check=True)


if __name__ == '__main__':
	main()
