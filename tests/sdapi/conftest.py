"""The real app with --api on a models folder of its own (two tiny SD1 models, one LoRA), driven with webuiapi."""

from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import pytest
from webuiapi import WebUIApi

from localai_ui.app import build_app, serve_app, serve_options
from localai_ui.server import ServeOptions
from localai_ui.settings import Settings
from tests.contexts import ready_context
from tests.e2e.conftest import RunningApp, stop_app
from tests.reliability.apps import own_settings
from tests.tiny_models import build_sd1

SECOND_MODEL = 'tiny-sd15-other'


class RunSize(TypedDict):
	"""The size of a test run, passed as keywords to webuiapi and gradio_client."""

	width: int
	height: int
	steps: int


TINY = RunSize(width=64, height=64, steps=2)


def steps(count: int) -> RunSize:
	"""A tiny picture with more steps: long enough to watch or to queue behind."""
	return RunSize(width=64, height=64, steps=count)


def api_settings(root: Path, tiny_models_dir: Path, *flags: str) -> Settings:
	"""own_settings with --api and a second tiny SD1 model of other weights (the first preview of a run comes at its
	first step, so /progress shows one even on a tiny model)."""
	settings = own_settings(root, tiny_models_dir, '--api', *flags)
	build_sd1(seed=7).save_pretrained(settings.models_dir / SECOND_MODEL)
	return settings


def start_api_app(settings: Settings, options: ServeOptions | None = None) -> RunningApp:
	"""The app as `localai-ui --api` serves it (cli.main's path), in this process."""
	context = ready_context(settings)
	demo = build_app(context)
	running = serve_app(demo, context, options or serve_options(settings, quiet=True))
	return RunningApp(running.url, context, demo, running)


def webui(app: RunningApp, username: str | None = None, password: str | None = None) -> WebUIApi:
	"""A webuiapi client as scripts make one, with tiny defaults (Euler a, 2 steps)."""
	return WebUIApi(baseurl=f'{app.url}sdapi/v1', sampler='Euler a', steps=2, username=username, password=password)


@pytest.fixture(scope='module')
def api_app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	app = start_api_app(api_settings(tmp_path_factory.mktemp('sdapi'), tiny_models_dir))
	yield app
	stop_app(app)


@pytest.fixture(scope='module')
def api(api_app: RunningApp) -> WebUIApi:
	return webui(api_app)
