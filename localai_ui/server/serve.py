"""serve(): the Gradio app on our own uvicorn server in a background thread; block_until_interrupted for the CLI."""

import contextlib
import errno
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr
import uvicorn
from fastapi import FastAPI
from gradio import routes
from starlette.routing import Mount

from localai_ui.server.errors import PortInUseError, ServerStartError
from localai_ui.server.login_attempts import LoginAttempts
from localai_ui.server.options import ServeOptions
from localai_ui.server.server_app import build_server_app, guarded, mount_last

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


@dataclass
class RunningServer:
	"""A server accepting connections at `url`; `close()` stops it and waits for its thread."""

	url: str
	app: FastAPI
	server: uvicorn.Server
	stopped: threading.Event  # set when the server thread has finished

	def wait(self, until: Callable[[], bool] = lambda: False) -> None:
		"""Block until the server stops (or `until` says so). Short sleeps, not Thread.join: a Ctrl+C inside join()
		can leave the thread looking finished while it still serves (CPython), and close() would then not wait."""
		while not self.stopped.is_set() and not until():
			time.sleep(0.1)

	def close(self) -> None:
		"""End Gradio's open streams (a browser tab holds one), then stop the server and wait for its thread."""
		if not self.stopped.is_set() and self.server.servers:
			with contextlib.suppress(RuntimeError):  # the loop has just ended on its own
				self.server.servers[0].get_loop().call_soon_threadsafe(stop_gradio, self.app)
		self.server.should_exit = True
		if not self.stopped.wait(STOP_TIMEOUT_S):
			self.server.force_exit = True
			self.stopped.wait(STOP_TIMEOUT_S)


def stop_gradio(app: FastAPI) -> None:
	"""On the server's loop: stop every mounted Gradio app's queue and streams, as `Blocks.close()` does."""
	for route in app.router.routes:
		if isinstance(route, Mount) and isinstance(route.app, routes.App):
			route.app.stop_event.set()
			route.app.get_blocks().close(verbose=False)


def serve(demo: gr.Blocks, options: ServeOptions, *, attempts: LoginAttempts | None = None) -> RunningServer:
	"""Build the app for `demo` and start it; returns once it accepts connections."""
	return start(build_server_app(demo, options), options, attempts=attempts)


def start(app: FastAPI, options: ServeOptions, *, attempts: LoginAttempts | None = None) -> RunningServer:
	"""Serve `app` (from build_server_app, routes added) behind the guards; returns once it accepts connections."""
	mount_last(app)
	listener = bind(options.host, options.port)
	port = int(listener.getsockname()[1])
	config = uvicorn.Config(
		guarded(app, options, attempts or LoginAttempts()),
		log_level='error' if options.quiet else 'warning',
		timeout_graceful_shutdown=2,
		proxy_headers=False,  # by default uvicorn takes the client address from X-Forwarded-For sent over loopback
		server_header=False,
	)
	server = uvicorn.Server(config)
	stopped = threading.Event()
	threading.Thread(target=run_server, args=(server, listener, stopped), name='localai-http', daemon=True).start()
	deadline = time.monotonic() + START_TIMEOUT_S
	while not server.started:
		if stopped.is_set() or time.monotonic() > deadline:
			server.should_exit = True
			listener.close()
			raise ServerStartError(f'the web server on {options.host}:{port} did not start (see the log above)')
		time.sleep(0.005)
	url = local_url(options.host, port)
	if not options.quiet:
		print(f'* Running on local URL:  {url}', flush=True)
	return RunningServer(url=url, app=app, server=server, stopped=stopped)


def run_server(server: uvicorn.Server, listener: socket.socket, stopped: threading.Event) -> None:
	"""The server thread's body; `stopped` is set however it ends (a failed startup exits the thread)."""
	try:
		server.run(sockets=[listener])
	except SystemExit:  # uvicorn exits this way when startup fails; start() reports it
		pass
	finally:
		stopped.set()


def block_until_interrupted(running: RunningServer, until: Callable[[], bool] = lambda: False) -> None:
	"""Keep serving until Ctrl+C (or the server stops, or `until` says so), then shut down cleanly."""
	try:
		running.wait(until)
	except KeyboardInterrupt:
		pass
	finally:
		running.close()


def serve_blocking(demo: gr.Blocks, options: ServeOptions) -> None:
	"""The command line's way: serve `demo` until Ctrl+C."""
	block_until_interrupted(serve(demo, options))


def bind(host: str, port: int) -> socket.socket:
	"""A listening socket, so a taken port is a clear error here rather than a dead server thread."""
	address = host.strip('[]')
	family = socket.AF_INET6 if ':' in address else socket.AF_INET
	# proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets (without it every answer waits ~40 ms)
	listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
	try:
		listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
		listener.bind((address, port))
		listener.listen(2048)
		return listener
	except OSError as error:
		listener.close()
		if error.errno == errno.EADDRINUSE:
			raise PortInUseError(
				f'port {port} on {host} is in use by another program: stop it or pick --port'
			) from error
		raise ServerStartError(f'cannot serve on {host}:{port}: {error.strerror}') from error


def local_url(host: str, port: int) -> str:
	"""The address to open on this machine (all-interfaces binds are opened through loopback)."""
	address = {'0.0.0.0': '127.0.0.1', '::': '::1'}.get(host.strip('[]'), host.strip('[]'))
	return f'http://[{address}]:{port}/' if ':' in address else f'http://{address}:{port}/'
