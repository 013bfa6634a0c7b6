"""The HTTP side of the fake hub: routes, the hub's error headers, Range and the faults, on 127.0.0.1."""

import json
import re
import threading
import time
from collections.abc import Generator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from tests.hub.fake_hub import INVALID_TOKEN, LFS_SUFFIXES, FakeHub, FakeRepo, Seen, file_entry, info, search

CHUNK = 16 * 1024


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
	class Handler(BaseHTTPRequestHandler):
		def log_message(self, format: str, *args: object) -> None:
			del format, args

		def do_GET(self) -> None:
			parts = urlsplit(self.path)
			path, query = unquote(parts.path), parse_qs(parts.query)
			auth = self.headers.get('Authorization', '')
			hub.seen.append(Seen(self.path, self.headers.get('Range', ''), auth))
			token = auth.removeprefix('Bearer ') if auth else None
			if hub.fail_status is not None:
				echo = f' for {auth}' if hub.echo_token_in_errors else ''
				self.fail(hub.fail_status, '', f'Internal Error{echo}')
			elif token is not None and token not in hub.tokens:
				self.fail(401, '', INVALID_TOKEN)
			elif path == '/api/models':
				self.send_json(search(hub, query))
			elif found := re.fullmatch(r'/api/models/([^/]+/[^/]+)', path):
				if repo := self.repo(found.group(1), token):
					self.send_json(info(repo))
			elif found := re.fullmatch(r'/api/models/([^/]+/[^/]+)/tree/([^/]+)', path):
				if repo := self.repo(found.group(1), token):
					self.tree(repo, found.group(2), int(query.get('cursor', ['0'])[0]))
			elif found := re.fullmatch(r'/([^/]+/[^/]+)/resolve/([^/]+)/(.+)', path):
				if repo := self.repo(found.group(1), token):
					self.resolve(repo, found.group(2), found.group(3), token)
			elif (found := re.fullmatch(r'/cdn/([0-9a-f]{64})', path)) and (blob := hub.blob(found.group(1))):
				self.send_body(*blob)
			else:
				self.fail(404, '', 'Not Found')

		def repo(self, repo_id: str, token: str | None) -> FakeRepo | None:
			repo = hub.repos.get(repo_id)
			if repo is None:
				self.fail(404 if token else 401, 'RepoNotFound', 'Repository not found')
			return repo

		def tree(self, repo: FakeRepo, revision: str, cursor: int) -> None:
			folders = sorted({path.rsplit('/', 1)[0] for path in repo.files if '/' in path})
			items = [{'type': 'directory', 'oid': '0' * 40, 'size': 0, 'path': folder} for folder in folders]
			items += [file_entry(repo, path, tree=True) for path in repo.files]
			end = cursor + hub.tree_page_size
			link = None
			if end < len(items):
				base = f'http://127.0.0.1:{hub.port}/api/models/{repo.id}/tree/{revision}'
				link = f'<{base}?recursive=true&cursor={end}>; rel="next"'
			self.send_json(items[cursor:end], link)

		def resolve(self, repo: FakeRepo, revision: str, path: str, token: str | None) -> None:
			if revision not in ('main', repo.sha):
				self.fail(404, 'RevisionNotFound', 'Invalid rev id')
			elif path not in repo.files:
				self.fail(404, 'EntryNotFound', f'{path} does not exist')
			elif repo.gated and path != 'README.md' and token is None:
				self.fail(401, 'GatedRepo', f'Access to model {repo.id} is restricted. Please log in.')
			elif repo.gated and path != 'README.md' and repo.id not in hub.tokens.get(token or '', set()):
				self.fail(403, 'GatedRepo', f'Access to model {repo.id} is restricted and you are not in the list.')
			elif path.endswith(LFS_SUFFIXES):
				entry = file_entry(repo, path, tree=True)
				lfs = entry['lfs']
				assert isinstance(lfs, dict)
				self.send_response(302)
				self.send_header('Location', f'http://localhost:{hub.port}/cdn/{lfs["oid"]}')
				self.send_header('X-Linked-Size', str(len(repo.files[path])))
				self.send_header('Content-Length', '0')
				self.end_headers()
			else:
				self.send_body(f'{repo.id}/{path}', repo.files[path])

		def fail(self, status: int, code: str, message: str) -> None:
			body = json.dumps({'error': message}).encode()
			self.send_response(status)
			if code:
				self.send_header('X-Error-Code', code)
			self.send_header('X-Error-Message', message)
			self.send_header('Content-Type', 'application/json')
			self.send_header('Content-Length', str(len(body)))
			self.end_headers()
			self.wfile.write(body)

		def send_json(self, value: object, link: str | None = None) -> None:
			body = json.dumps(value).encode()
			self.send_response(200)
			if link:
				self.send_header('Link', link)
			self.send_header('Content-Type', 'application/json')
			self.send_header('Content-Length', str(len(body)))
			self.end_headers()
			self.wfile.write(body)

		def send_body(self, key: str, body: bytes) -> None:
			asked = re.fullmatch(r'bytes=(\d+)-', self.headers.get('Range', ''))
			start = int(asked.group(1)) if asked else 0
			if asked and start >= len(body):
				self.fail(416, '', 'Range Not Satisfiable')
				return
			self.send_response(206 if asked else 200)
			if asked:
				self.send_header('Content-Range', f'bytes {start}-{len(body) - 1}/{len(body)}')
			self.send_header('Content-Length', str(len(body) - start))
			self.end_headers()
			payload = body[start:]
			cut = hub.cut_once.pop(key, None)
			if cut is not None:
				self.wfile.write(payload[:cut])
				self.wfile.flush()
				self.close_connection = True
				return
			for offset in range(0, len(payload), CHUNK):
				self.wfile.write(payload[offset : offset + CHUNK])
				time.sleep(hub.delay_s)

	return Handler


@contextmanager
def serving(hub: FakeHub) -> Generator[str]:
	"""Serve `hub` on 127.0.0.1 at a free port; yields the endpoint URL."""
	server = ThreadingHTTPServer(('127.0.0.1', 0), _handler(hub))
	server.daemon_threads = True
	hub.port = server.server_address[1]
	thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.02}, daemon=True)
	thread.start()
	try:
		yield f'http://127.0.0.1:{hub.port}'
	finally:
		server.shutdown()
		server.server_close()
		thread.join()
