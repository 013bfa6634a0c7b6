"""The FastAPI app that carries Gradio at / (our own routes can sit beside it) and the guards in front of it."""

from collections.abc import Callable
from typing import Literal, Protocol, cast

import gradio as gr
from fastapi import FastAPI
from gradio import routes
from starlette.routing import Mount
from starlette.types import ASGIApp

from localai_ui.server.event_cancel import EventCancel
from localai_ui.server.host_guard import HostGuard, machine_names
from localai_ui.server.login_attempts import LoginAttempts
from localai_ui.server.login_throttle import LoginThrottle
from localai_ui.server.options import ServeOptions
from localai_ui.server.origin_guard import OriginGuard

FooterLink = Literal['api', 'gradio', 'settings', 'runs']


class MountGradio(Protocol):
	"""gr.mount_gradio_app with the arguments we pass: gradio types `auth` with a bare Callable (partly unknown)."""

	def __call__(
		self,
		app: FastAPI,
		blocks: gr.Blocks,
		path: str,
		server_name: str,
		server_port: int,
		footer_links: list[FooterLink],
		*,
		auth: tuple[str, str] | Callable[[str, str], bool] | None,
		allowed_paths: list[str],
		max_file_size: str | int | None,
		ssr_mode: bool,
		enable_monitoring: bool,
		pwa: bool,
		mcp_server: bool,
		css: str,
		head: str,
	) -> FastAPI: ...


mount_gradio_app = cast(MountGradio, vars(routes)['mount_gradio_app'])


def build_server_app(demo: gr.Blocks, options: ServeOptions) -> FastAPI:
	"""`demo` mounted at / with the safe launch options app.py used: no share, analytics, monitoring, SSR, PWA or
	MCP. Add routes to the result before `start()`: they are matched before Gradio's catch-all mount."""
	demo.queue(default_concurrency_limit=options.concurrency_limit)
	app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
	return mount_gradio_app(
		app,
		demo,
		path='/',
		server_name=options.host,
		server_port=options.port,
		footer_links=['api', 'settings'],
		auth=options.auth,
		allowed_paths=[str(path) for path in options.allowed_paths],
		max_file_size=options.max_file_size,
		ssr_mode=False,
		enable_monitoring=False,
		pwa=False,
		mcp_server=False,
		css=options.css,
		head=options.head,
	)


def mount_last(app: FastAPI) -> None:
	"""Move the mount at / behind every other route, so routes added after `build_server_app` are reachable."""
	routes = app.router.routes
	catch_all = [route for route in routes if isinstance(route, Mount) and route.path == '']
	routes[:] = [route for route in routes if route not in catch_all] + catch_all


def guarded(app: ASGIApp, options: ServeOptions, attempts: LoginAttempts) -> ASGIApp:
	"""`app` behind the Host check (outermost), then the Origin check, then the login throttle; a cancel stops only
	the job it names (EventCancel)."""
	throttled = LoginThrottle(EventCancel(app), attempts=attempts)
	checked_origin = OriginGuard(throttled, allowed_origins=options.origins)
	own_names = machine_names() if options.listen else frozenset[str]()
	return HostGuard(checked_origin, listen=options.listen, allowed_hosts=options.host_names, own_names=own_names)
