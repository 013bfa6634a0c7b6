"""The reads behind a details view besides the model info: the file tree, model_index.json and the model card."""

from urllib.parse import quote

import httpx

from localai_ui.schemas.hub import HubFile, HubGatedError, HubNotFoundError
from localai_ui.services.hub.answer_fields import parse_answer
from localai_ui.services.hub.answers import components_of, files_from_tree

MAX_TREE_PAGES = 50
MAX_TEXT_BYTES = 256 * 1024


def resolve_url(endpoint: str, repo: str, revision: str, path: str) -> str:
	"""Where the hub serves a file's content (it may redirect to a CDN, which gets no token)."""
	return f'{endpoint}/{repo}/resolve/{quote(revision, safe="")}/{quote(path)}'


def read_tree(client: httpx.Client, endpoint: str, repo: str, revision: str) -> list[HubFile]:
	"""Every file with its size and LFS sha256, following the `Link: <...>; rel="next"` pages on the same hub."""
	url: str | None = f'{endpoint}/api/models/{repo}/tree/{quote(revision, safe="")}'
	params: dict[str, str] | None = {'recursive': 'true'}
	files: list[HubFile] = []
	for _ in range(MAX_TREE_PAGES):
		if url is None:
			break
		answer = client.get(url, params=params)
		files += files_from_tree(parse_answer(answer.content, repo), repo)
		following = answer.links.get('next', {}).get('url')
		url = following if following and following.startswith(f'{endpoint}/') else None
		params = None
	return files


def read_components(client: httpx.Client, endpoint: str, repo: str, revision: str) -> tuple[str, ...] | None:
	"""The pipeline folders model_index.json names; None when the repo is gated and no token gives access."""
	try:
		content = read_text(client, resolve_url(endpoint, repo, revision, 'model_index.json'))
	except HubGatedError:
		return None
	return components_of(parse_answer(content, f'{repo}: model_index.json'), f'{repo}: model_index.json')


def read_card(client: httpx.Client, endpoint: str, repo: str, revision: str) -> str:
	"""README.md's text ('' when it cannot be read: a gated card is not worth failing the view for)."""
	try:
		return read_text(client, resolve_url(endpoint, repo, revision, 'README.md'))
	except (HubGatedError, HubNotFoundError):
		return ''


def read_text(client: httpx.Client, url: str, limit: int = MAX_TEXT_BYTES) -> str:
	"""A small text file's start (at most `limit` bytes): a card or a config, never a weights file."""
	chunks: list[bytes] = []
	received = 0
	with client.stream('GET', url) as response:
		for chunk in response.iter_bytes():
			chunks.append(chunk)
			received += len(chunk)
			if received >= limit:
				break
	return b''.join(chunks)[:limit].decode('utf-8', errors='replace')
