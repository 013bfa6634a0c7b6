"""Our own HTTP server around the Gradio app: Host, Origin and login guards, room for more routes."""

from localai_ui.server.errors import PortInUseError, ServeOptionsError, ServerStartError
from localai_ui.server.login_attempts import LoginAttempts
from localai_ui.server.options import ServeOptions
from localai_ui.server.serve import RunningServer, block_until_interrupted, serve, serve_blocking, start
from localai_ui.server.server_app import build_server_app

__all__ = [
	'LoginAttempts',
	'PortInUseError',
	'RunningServer',
	'ServeOptions',
	'ServeOptionsError',
	'ServerStartError',
	'block_until_interrupted',
	'build_server_app',
	'serve',
	'serve_blocking',
	'start',
]
