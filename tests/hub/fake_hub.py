"""The state and JSON answers of a loopback stand-in for the Hugging Face hub (its HTTP side: fake_hub_server.py).

It speaks the hub's shapes: model search, model info (`?blobs=true`), recursive tree pages with `Link` headers,
`resolve` redirecting LFS files to a CDN on another origin, Range, gated and unknown repos as the hub answers them,
and faults: a cut connection, a slow body, one HTTP status for every request, a corrupted blob."""

import hashlib
from dataclasses import dataclass, field

INVALID_TOKEN = 'Invalid credentials in Authorization header'
LFS_SUFFIXES = ('.safetensors', '.bin', '.ckpt', '.pt', '.pth', '.msgpack', '.onnx')


@dataclass
class FakeRepo:
	"""One repo: its files (path -> bytes) and what the hub says about it."""

	id: str
	files: dict[str, bytes]
	tags: list[str]
	downloads: int = 0
	likes: int = 0
	gated: bool = False
	license: str | None = None
	pipeline_tag: str = 'text-to-image'
	sizes_in_info: bool = True

	@property
	def sha(self) -> str:
		return hashlib.sha1(self.id.encode()).hexdigest()


@dataclass(frozen=True)
class Seen:
	"""One request as the server received it."""

	path: str
	range: str
	authorization: str


@dataclass
class FakeHub:
	"""The hub's state; `tokens` maps each valid token to the gated repos it may read."""

	repos: dict[str, FakeRepo]
	tokens: dict[str, set[str]] = field(default_factory=dict[str, set[str]])
	cut_once: dict[str, int] = field(default_factory=dict[str, int])
	corrupt: set[str] = field(default_factory=set[str])
	fail_status: int | None = None
	echo_token_in_errors: bool = False
	delay_s: float = 0.0
	tree_page_size: int = 1000
	seen: list[Seen] = field(default_factory=list[Seen])
	port: int = 0

	def blob(self, sha256: str) -> tuple[str, bytes] | None:
		"""(repo/path, content) of the file with this LFS sha256; a `corrupt` one gets a byte appended."""
		for repo in self.repos.values():
			for path, body in repo.files.items():
				if hashlib.sha256(body).hexdigest() == sha256:
					key = f'{repo.id}/{path}'
					return key, body + b'!' if key in self.corrupt else body
		return None

	def requests_for(self, fragment: str) -> list[Seen]:
		return [seen for seen in self.seen if fragment in seen.path]


def file_entry(repo: FakeRepo, path: str, *, tree: bool) -> dict[str, object]:
	"""A sibling (model info) or a tree item, with its LFS pointer for weight files."""
	body = repo.files[path]
	lfs = path.endswith(LFS_SUFFIXES)
	digest = hashlib.sha256(body).hexdigest()
	if tree:
		entry: dict[str, object] = {'type': 'file', 'oid': hashlib.sha1(body).hexdigest(), 'size': len(body)}
		entry['path'] = path
		if lfs:
			entry['lfs'] = {'oid': digest, 'size': len(body), 'pointerSize': 134}
		return entry
	entry = {'rfilename': path, 'blobId': hashlib.sha1(body).hexdigest()}
	if repo.sizes_in_info:
		entry['size'] = len(body)
		if lfs:
			entry['lfs'] = {'sha256': digest, 'size': len(body), 'pointerSize': 134}
	return entry


def model_entry(repo: FakeRepo, *, full: bool) -> dict[str, object]:
	entry: dict[str, object] = {
		'_id': repo.sha[:24],
		'id': repo.id,
		'author': repo.id.split('/')[0],
		'downloads': repo.downloads,
		'likes': repo.likes,
		'tags': [*repo.tags, repo.pipeline_tag],
		'pipeline_tag': repo.pipeline_tag,
		'gated': 'manual' if repo.gated else False,
		'private': False,
		'library_name': 'diffusers',
		'lastModified': '2024-05-01T12:00:00.000Z',
		'createdAt': '2023-01-01T00:00:00.000Z',
	}
	if full:
		entry['sha'] = repo.sha
		entry['siblings'] = [{'rfilename': path} for path in repo.files]
	return entry


def search(hub: FakeHub, query: dict[str, list[str]]) -> list[dict[str, object]]:
	text = query.get('search', [''])[0].lower()
	filters = query.get('filter', [])
	found = [
		repo
		for repo in hub.repos.values()
		if text in repo.id.lower() and all(tag in [*repo.tags, repo.pipeline_tag] for tag in filters)
	]
	key = query.get('sort', ['downloads'])[0]
	found.sort(key=lambda repo: repo.likes if key == 'likes' else repo.downloads, reverse=True)
	limit = int(query.get('limit', ['1000'])[0])
	return [model_entry(repo, full='full' in query) for repo in found[:limit]]


def info(repo: FakeRepo) -> dict[str, object]:
	entry = model_entry(repo, full=True)
	entry['siblings'] = [file_entry(repo, path, tree=False) for path in repo.files]
	entry['cardData'] = {'license': repo.license, 'tags': repo.tags} if repo.license else {'tags': repo.tags}
	return entry
