"""Start LocalAI UI: `python3 launch.py [flags]` makes .venv, installs the app once, then runs it.

Stdlib only. Flags are parsed before anything is installed, so `--help` works on a fresh machine.
"""

import gc
import hashlib
import os
import runpy
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from localai_ui.flags import build_parser

ROOT = Path(__file__).resolve().parent
STAMP_NAME = '.localai-ui-stamp.json'

Runner = Callable[[Sequence[str]], None]


def run_command(command: Sequence[str]) -> None:
	"""Run a command in ROOT and exit with its status if it fails."""
	result = subprocess.run(list(command), cwd=ROOT, check=False)
	if result.returncode != 0:
		sys.exit(f'launch.py: command failed ({result.returncode}): {" ".join(command)}')


def venv_bin(venv: Path) -> Path:
	"""The folder of a virtual environment that holds its python and scripts."""
	return venv / ('Scripts' if os.name == 'nt' else 'bin')


def venv_python(venv: Path) -> Path:
	"""The python of a virtual environment (not resolved: the link is what makes it the venv's)."""
	return venv_bin(venv) / ('python.exe' if os.name == 'nt' else 'python')


def running_inside(venv: Path) -> bool:
	"""Whether this interpreter is the one of `venv`."""
	return Path(sys.prefix).resolve() == venv.resolve()


def project_digest(root: Path) -> str:
	"""A hash of what decides the install: pyproject.toml and the Python version."""
	digest = hashlib.sha256((root / 'pyproject.toml').read_bytes())
	digest.update('.'.join(map(str, sys.version_info[:3])).encode())
	return digest.hexdigest()


def read_stamp(stamp: Path) -> tuple[str, frozenset[str]]:
	"""The digest and extras recorded by the last install; an empty digest when there is none."""
	try:
		digest, _, extras = stamp.read_text().partition('\n')
	except OSError:
		return '', frozenset()
	return digest.strip(), frozenset(extra for extra in extras.strip().split(',') if extra)


def write_stamp(stamp: Path, digest: str, extras: frozenset[str]) -> None:
	"""Record a finished install."""
	stamp.write_text(f'{digest}\n{",".join(sorted(extras))}\n')


def needs_install(stamp: Path, digest: str, extras: Sequence[str]) -> bool:
	"""True unless the last install had this digest and at least these extras."""
	done_digest, done_extras = read_stamp(stamp)
	return done_digest != digest or not done_extras.issuperset(extras)


def ensure_venv(root: Path, extras: Sequence[str] = (), runner: Runner = run_command) -> Path:
	"""Make or reuse root/.venv, install the project when needed, and return the venv's python."""
	venv = root / '.venv'
	python = venv_python(venv)
	if not python.exists() and not running_inside(venv):
		print(f'launch.py: creating {venv}', flush=True)
		runner([sys.executable, '-m', 'venv', str(venv)])
	stamp = venv / STAMP_NAME
	digest = project_digest(root)
	if not needs_install(stamp, digest, extras):
		return python
	done_digest, done_extras = read_stamp(stamp)
	kept: frozenset[str] = done_extras if done_digest == digest else frozenset()
	wanted = kept.union(extras)
	target = f'.[{",".join(sorted(wanted))}]' if wanted else '.'
	print(f'launch.py: installing {target} into {venv} (only when pyproject.toml changes)', flush=True)
	stamp.unlink(missing_ok=True)
	runner([str(python), '-m', 'pip', 'install', '--disable-pip-version-check', '-e', target])
	write_stamp(stamp, digest, wanted)
	return python


def main(argv: Sequence[str] | None = None) -> None:
	"""Parse the flags, bootstrap .venv, then start the app in the venv's python with the same flags."""
	args = list(sys.argv[1:] if argv is None else argv)
	build_parser().parse_args(args)
	python = ensure_venv(ROOT)
	if running_inside(ROOT / '.venv'):
		sys.argv = [sys.argv[0], *args]
		# The start builds millions of objects and frees almost none: no garbage collection passes until the page is
		# served (about a quarter of the start otherwise); the app turns collection back on then.
		gc.disable()
		runpy.run_module('localai_ui', run_name='__main__', alter_sys=True)
		return
	this = str(Path(__file__).resolve())  # run again by the venv's python, which then starts the app in process
	if os.name == 'nt':
		sys.exit(subprocess.call([str(python), this, *args]))
	os.execv(python, [str(python), this, *args])


if __name__ == '__main__':
	main()
