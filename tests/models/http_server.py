"""A loopback HTTP server with Range support that can cut a response short or trickle it (for cancel tests)."""

import re
import threading
import time
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Files:
	"""What the server serves, and how badly: `cut_once` bytes then a dropped connection; `delay_s` per 1 KiB."""

	content: dict[str, bytes] = field(default_factory=dict[str, bytes])
	cut_once: int | None = None
	delay_s: float = 0.0
	ranges: list[str] = field(default_factory=list[str])


def _handler(files: Files) -> type[BaseHTTPRequestHandler]:
	class Handler(BaseHTTPRequestHandler):
		def log_message(self, format: str, *args: object) -> None:
			del format, args

		def do_GET(self) -> None:
			body = files.content.get(self.path)
			if body is None:
				self.send_error(404)
				return
			requested = self.headers.get('Range')
			files.ranges.append(requested or '')
			match = re.fullmatch(r'bytes=(\d+)-', requested or '')
			start = int(match.group(1)) if match else 0
			if start >= len(body) and match:
				self.send_error(416)
				return
			self.send_response(206 if match else 200)
			if match:
				self.send_header('Content-Range', f'bytes {start}-{len(body) - 1}/{len(body)}')
			self.send_header('Content-Length', str(len(body) - start))
			self.end_headers()
			payload = body[start:]
			if files.cut_once is not None:
				payload, files.cut_once = payload[: files.cut_once], None
				self.wfile.write(payload)
				self.wfile.flush()
				self.close_connection = True
				return
			for offset in range(0, len(payload), 1024):
				self.wfile.write(payload[offset : offset + 1024])
				time.sleep(files.delay_s)

	return Handler


@contextmanager
def serving(files: Files) -> Generator[str]:
	"""Serve `files` on 127.0.0.1 at a free port; yields the base URL."""
	server = ThreadingHTTPServer(('127.0.0.1', 0), _handler(files))
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		yield f'http://127.0.0.1:{server.server_address[1]}'
	finally:
		server.shutdown()
		server.server_close()
		thread.join()
