"""The page is built without torch: the engine loads on its own thread, and what stops it is kept for every caller."""

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from localai_ui.context import build_context
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.late import Late
from localai_ui.settings import Settings
from localai_ui.warming.parts import EngineParts
from localai_ui.warming.start import start_engine

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ('torch', 'diffusers', 'transformers', 'peft', 'spandrel', 'accelerate', 'localai_ui.engine')
COLD_START = """
import json, sys
from localai_ui.app import build_app
from localai_ui.context import build_context
from localai_ui.flags import build_parser
from localai_ui.settings import settings_from_args
settings = settings_from_args(build_parser().parse_args(['--data-dir', sys.argv[1], '--models-dir', sys.argv[2]]))
context = build_context(settings, engine_now=False)
build_app(context)
before = [name for name in json.loads(sys.argv[3]) if name in sys.modules]
context.start_engine()
device = context.engine.device().label
after = [name for name in json.loads(sys.argv[3]) if name in sys.modules]
context.close()
print(json.dumps({'before': before, 'after': after, 'device': device}))
"""


def test_the_page_is_built_without_torch_and_the_engine_brings_it(tmp_path: Path, tiny_models_dir: Path) -> None:
	env = dict(os.environ, GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1')
	command = [sys.executable, '-c', COLD_START, str(tmp_path / 'data'), str(tiny_models_dir), json.dumps(HEAVY)]
	done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
	assert done.returncode == 0, done.stderr[-3000:]
	seen = json.loads(done.stdout.strip().splitlines()[-1])
	assert seen['before'] == [], 'the page must be served before these load'
	assert {'torch', 'diffusers', 'transformers', 'localai_ui.engine'} <= set(seen['after'])
	assert seen['device'] == 'cpu float32'


def test_a_refused_start_is_kept_with_its_message_and_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
	late = Late[EngineParts]('The engine')

	def refuse() -> EngineParts:
		raise InvalidRequestError('--fast needs a CUDA GPU; this machine runs on cpu')

	start_engine(late, refuse).join(10)
	assert late.failure == '--fast needs a CUDA GPU; this machine runs on cpu' and not late.ready
	assert caplog.records == []


def test_a_broken_install_is_kept_with_the_error_and_logged(caplog: pytest.LogCaptureFixture) -> None:
	late, ready = Late[EngineParts]('The engine'), list[EngineParts]()

	def broken() -> EngineParts:
		raise ImportError('libcudnn.so.9: cannot open shared object file')

	with caplog.at_level(logging.ERROR):
		start_engine(late, broken, ready.append).join(10)
	assert late.failure == 'ImportError: libcudnn.so.9: cannot open shared object file'
	assert ready == [] and 'the engine could not start' in caplog.text


def test_a_context_whose_engine_never_started_closes_at_once(settings: Settings) -> None:
	"""A start that fails before the engine (a port in use) must not wait for an engine nobody started."""
	context = build_context(settings, engine_now=False)
	started = time.monotonic()
	context.close()
	assert time.monotonic() - started < 5
	assert context.engine.starting is None and not context.engine.late.ready


def test_closing_waits_for_an_engine_still_starting_and_frees_it(settings: Settings) -> None:
	context = build_context(settings)
	context.close()
	assert context.engine.late.ready and context.engine.starting is not None and not context.engine.starting.is_alive()
