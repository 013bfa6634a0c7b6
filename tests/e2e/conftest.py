"""The real app launched in-process on 127.0.0.1, driven over HTTP."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace

import gradio as gr
import pytest
from gradio_client import Client

from localai_ui.app import build_app, launch_app
from localai_ui.context import AppContext, build_context
from localai_ui.schemas.progress import PreviewSettings
from localai_ui.settings import Settings


@dataclass(frozen=True)
class RunningApp:
	url: str
	context: AppContext
	demo: gr.Blocks


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(('127.0.0.1', 0))
		return int(probe.getsockname()[1])


def start_app(settings: Settings) -> RunningApp:
	context = build_context(settings)
	demo = build_app(context)
	_, url = launch_app(demo, settings, block=False, quiet=True)
	return RunningApp(url, context, demo)


def stop_app(app: RunningApp) -> None:
	app.demo.close()
	app.context.close()


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
	"""Previews as often as steps come, so tiny models still show them."""
	return replace(settings, port=free_port(), preview=PreviewSettings(max_per_second=1000))


@pytest.fixture
def running_app(app_settings: Settings) -> Iterator[RunningApp]:
	app = start_app(app_settings)
	yield app
	stop_app(app)


@pytest.fixture
def client(running_app: RunningApp) -> Client:
	return Client(running_app.url, analytics_enabled=False, verbose=False)
