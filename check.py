"""The one command that sets up and runs every check and test of LocalAI UI.

Usage: python3 check.py [PYTEST_ARGS...]

It makes or reuses .venv with the dev extra (as launch.py does), then runs, stopping at the first failure:
  1. ruff format --check .    2. ruff check .
  3. pyright (strict, configured in pyproject.toml)
  4. import contracts: the layers point one way, no tab imports another, no cycle in cores/ (import-linter,
     contracts in pyproject.toml)
  5. conventions: no .py file under localai_ui/ over 150 lines; no ignore comments for the type checker,
     no TYPE_CHECKING import guard and no Any type in localai_ui, tests, bench, launch.py, check.py
  6. duplication at most 3% (jscpd from npm, installed once into .tools/)
  7. pytest on two workers (pytest-xdist, one file per worker at a time) with branch coverage of localai_ui (at
     least 80%, from pyproject.toml)

Arguments are passed to pytest; with any, the coverage threshold is skipped. Example: python3 check.py -k gallery
(add -n 0 to run the tests in one process, e.g. with -s or --pdb).
"""

import io
import json
import os
import shutil
import subprocess
import sys
import time
import tokenize
from collections.abc import Callable, Sequence
from pathlib import Path

from launch import ROOT, ensure_venv, venv_bin

SCANNED = ('localai_ui', 'tests', 'bench', 'launch.py', 'check.py')
MAX_LINES = 150
JSCPD_VERSION = '4.3.0'
TOOLS = ROOT / '.tools'
TEST_ENV = {
	'GRADIO_ANALYTICS_ENABLED': 'False',
	'HF_HUB_OFFLINE': '1',
	'HF_HUB_DISABLE_TELEMETRY': '1',
	'PYRIGHT_PYTHON_IGNORE_WARNINGS': '1',
}
PYTEST_NO_TESTS = 5


class CheckFailedError(Exception):
	"""A step failed; the message says why, `code` is the exit status to return."""

	def __init__(self, message: str, code: int = 1) -> None:
		super().__init__(message)
		self.code = code


def python_files() -> list[Path]:
	"""Every .py file the conventions apply to, skipping caches."""
	found: list[Path] = []
	for name in SCANNED:
		path = ROOT / name
		candidates = sorted(path.rglob('*.py')) if path.is_dir() else [path] if path.exists() else []
		found.extend(file for file in candidates if '__pycache__' not in file.parts)
	return found


def convention_problems(path: Path) -> list[str]:
	"""What breaks the project's conventions in one file, as 'file:line: problem' lines."""
	source = path.read_text(encoding='utf-8')
	where = path.relative_to(ROOT).as_posix()
	problems: list[str] = []
	lines = source.count('\n') + (0 if source.endswith('\n') or not source else 1)
	if where.startswith('localai_ui/') and lines > MAX_LINES:
		problems.append(f'{where}: {lines} lines, more than {MAX_LINES}: split it')
	for token in tokenize.generate_tokens(io.StringIO(source).readline):
		row = token.start[0]
		if token.type == tokenize.NAME and token.string in ('Any', 'TYPE_' + 'CHECKING'):
			problems.append(f'{where}:{row}: {token.string} is banned: write the real type')
		squeezed = token.string.replace(' ', '')
		if token.type == tokenize.COMMENT and ('type' + ':ignore' in squeezed or 'pyright' + ':ignore' in squeezed):
			problems.append(f'{where}:{row}: ignore comment for the type checker: fix the type instead')
	return problems


def check_conventions() -> None:
	"""Step 5: file length and banned typing escapes."""
	problems = [problem for path in python_files() for problem in convention_problems(path)]
	for problem in problems:
		print(problem)
	if problems:
		raise CheckFailedError(f'conventions: {len(problems)} problem(s)')
	print(f'conventions: {len(python_files())} files clean')


def jscpd_binary() -> Path:
	"""jscpd in .tools/, installed with npm when missing or of another version."""
	binary = TOOLS / 'node_modules' / '.bin' / 'jscpd'
	manifest = TOOLS / 'node_modules' / 'jscpd' / 'package.json'
	installed = json.loads(manifest.read_text()).get('version') if manifest.exists() else None
	if binary.exists() and installed == JSCPD_VERSION:
		return binary
	npm = shutil.which('npm')
	if npm is None:
		raise CheckFailedError('duplication: npm not found: install Node.js 20 or newer')
	run('npm install', [npm, 'install', '--no-audit', '--no-fund', '--prefix', str(TOOLS), f'jscpd@{JSCPD_VERSION}'])
	return binary


def check_duplication() -> None:
	"""Step 6: jscpd over the Python sources, failing at 3% or more duplicated."""
	paths = [name for name in SCANNED if (ROOT / name).exists()]
	options = ['--format', 'python', '--min-tokens', '50', '--threshold', '3', '--reporters', 'console']
	ignored = (
		'**/__pycache__/**,**/migrations/versions/**'  # migrations are frozen history: they restate tables by design
	)
	run('jscpd', [str(jscpd_binary()), *paths, *options, '--ignore', ignored, '--no-colors'])


def run(name: str, command: Sequence[str], env: dict[str, str] | None = None) -> None:
	"""Run one step in ROOT; raise CheckFailedError when it exits non-zero."""
	code = subprocess.run(list(command), cwd=ROOT, env=env, check=False).returncode
	if code == PYTEST_NO_TESTS and name == 'pytest':
		raise CheckFailedError('pytest collected no tests (exit status 5)', code)
	if code != 0:
		raise CheckFailedError(f'{name} exited with status {code}', code)


def main(argv: Sequence[str]) -> int:
	"""Bootstrap, then run every step in order; return the exit status."""
	if argv[:1] in (['-h'], ['--help']):
		print(__doc__)
		return 0
	started = time.monotonic()
	python = ensure_venv(ROOT, ('dev',))
	bin_dir = venv_bin(ROOT / '.venv')
	env = {**os.environ, **TEST_ENV, 'VIRTUAL_ENV': str(bin_dir.parent)}
	env['PATH'] = os.pathsep.join([str(bin_dir), env.get('PATH', '')])
	coverage = ['--cov=localai_ui', '--cov-branch', '--cov-report=term-missing:skip-covered']
	# Two workers, one test file each at a time (module fixtures stay per file): about 8.5 min instead of 13 here.
	workers = ['-n', '2', '--dist', 'loadfile']
	pytest = [str(python), '-m', 'pytest', *workers, *coverage, *(['--cov-fail-under=0', *argv] if argv else [])]
	steps: list[tuple[str, list[str] | Callable[[], None]]] = [
		('ruff format', [str(bin_dir / 'ruff'), 'format', '--check', '.']),
		('ruff check', [str(bin_dir / 'ruff'), 'check', '.']),
		('pyright', [str(bin_dir / 'pyright')]),
		('import contracts', [str(bin_dir / 'lint-imports'), '--no-cache']),
		('conventions', check_conventions),
		('duplication', check_duplication),
		('pytest', pytest),
	]
	for name, step in steps:
		print(f'\n==> {name}', flush=True)
		try:
			step() if callable(step) else run(name, step, env)
		except CheckFailedError as error:
			print(f'\ncheck.py: FAILED at {name}: {error}', file=sys.stderr)
			return error.code
	print(f'\ncheck.py: all checks passed in {time.monotonic() - started:.0f}s')
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
