"""launch.py's bootstrap: flags first, install only when pyproject.toml or the extras change, then hand over."""

import gc
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import launch

FLAGS = ('--data-dir', '--models-dir', '--loras-dir', '--outputs-dir', '--port', '--listen', '--auth', '--device')


class FakeRunner:
	"""Records commands instead of running them; `-m venv` makes a stand-in python."""

	def __init__(self) -> None:
		self.commands: list[list[str]] = []

	def __call__(self, command: Sequence[str]) -> None:
		self.commands.append(list(command))
		if command[1:3] == ['-m', 'venv']:
			python = launch.venv_python(Path(command[3]))
			python.parent.mkdir(parents=True)
			python.touch()


@pytest.fixture
def project(tmp_path: Path) -> Path:
	(tmp_path / 'pyproject.toml').write_text("[project]\nname = 'demo'\n")
	return tmp_path


def pip_targets(runner: FakeRunner) -> list[str]:
	return [command[-1] for command in runner.commands if 'pip' in command]


def test_install_on_first_run_then_only_for_a_new_extra_or_a_changed_pyproject(project: Path) -> None:
	runner = FakeRunner()
	python = launch.ensure_venv(project, (), runner)
	assert python == launch.venv_python(project / '.venv')
	assert runner.commands[0] == [sys.executable, '-m', 'venv', str(project / '.venv')]
	assert runner.commands[1][:3] == [str(python), '-m', 'pip']
	for extras in ((), ('dev',), ('dev',), ()):
		launch.ensure_venv(project, extras, runner)
	assert pip_targets(runner) == ['.', '.[dev]']
	(project / 'pyproject.toml').write_text("[project]\nname = 'demo'\nversion = '2'\n")
	launch.ensure_venv(project, (), runner)
	assert pip_targets(runner) == ['.', '.[dev]', '.']
	assert len(runner.commands) == 4


def test_failed_install_is_retried(project: Path) -> None:
	def failing(command: Sequence[str]) -> None:
		FakeRunner()(command)
		if 'pip' in command:
			raise SystemExit('pip failed')

	with pytest.raises(SystemExit):
		launch.ensure_venv(project, (), failing)
	runner = FakeRunner()
	launch.ensure_venv(project, (), runner)
	assert pip_targets(runner) == ['.']


def test_stamp_decisions(tmp_path: Path) -> None:
	stamp = tmp_path / 'stamp'
	assert launch.needs_install(stamp, 'abc', ())
	launch.write_stamp(stamp, 'abc', frozenset({'dev'}))
	assert launch.read_stamp(stamp) == ('abc', frozenset({'dev'}))
	assert not launch.needs_install(stamp, 'abc', ('dev',))
	assert not launch.needs_install(stamp, 'abc', ())
	assert launch.needs_install(stamp, 'abd', ('dev',))
	assert launch.needs_install(stamp, 'abc', ('dev', 'gpu'))


def test_digest_follows_pyproject_and_venv_detection(project: Path) -> None:
	before = launch.project_digest(project)
	assert launch.project_digest(project) == before
	(project / 'pyproject.toml').write_text('changed')
	assert launch.project_digest(project) != before
	assert launch.running_inside(Path(sys.prefix))
	assert not launch.running_inside(project)


def copy_launcher(tmp_path: Path) -> Path:
	for name in ('launch.py', 'localai_ui/__init__.py', 'localai_ui/flags.py'):
		(tmp_path / name).parent.mkdir(exist_ok=True)
		shutil.copy(launch.ROOT / name, tmp_path / name)
	return tmp_path / 'launch.py'


@pytest.mark.parametrize(
	('args', 'status', 'expected'), [(['--help'], 0, FLAGS), (['--port', 'many'], 2, ('invalid int value',))]
)
def test_flags_are_parsed_before_anything_is_installed(
	tmp_path: Path, args: list[str], status: int, expected: Sequence[str]
) -> None:
	system_python = Path(sys.base_prefix) / 'bin' / 'python3'
	command = [str(system_python), '-s', '-E', str(copy_launcher(tmp_path)), *args]
	result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
	assert result.returncode == status, result.stderr
	for text in expected:
		assert text in result.stdout + result.stderr
	assert not (tmp_path / '.venv').exists()


def inside_venv(venv: Path) -> bool:
	return True


@pytest.fixture
def handover(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
	"""Stub the bootstrap and record how main() hands over: an exec, or an in-process run of a module."""
	calls: list[list[str]] = []

	def ensure_venv(root: Path, extras: Sequence[str] = ()) -> Path:
		return Path('/venv/bin/python')

	def running_inside(venv: Path) -> bool:
		return False

	def execv(path: Path, args: Sequence[str]) -> None:
		calls.append(['execv', str(path), *args])

	def run_module(name: str, run_name: str, alter_sys: bool) -> None:
		calls.append(['run_module', name, run_name, *sys.argv, f'gc on: {gc.isenabled()}'])
		gc.enable()  # as the app does once the page is served

	monkeypatch.setattr(launch, 'ensure_venv', ensure_venv)
	monkeypatch.setattr(launch, 'running_inside', running_inside)
	monkeypatch.setattr(launch.os, 'execv', execv)
	monkeypatch.setattr(launch.runpy, 'run_module', run_module)
	monkeypatch.setattr(sys, 'argv', ['launch.py'])
	return calls


def test_main_execs_the_venv_python_with_the_same_flags(handover: list[list[str]]) -> None:
	launch.main(['--port', '7000', '--listen'])
	python = '/venv/bin/python'
	assert handover == [['execv', python, python, str(Path(launch.__file__).resolve()), '--port', '7000', '--listen']]


def test_main_inside_the_venv_runs_in_process(handover: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
	monkeypatch.setattr(launch, 'running_inside', inside_venv)
	launch.main(['--device', 'cpu'])
	assert handover == [['run_module', 'localai_ui', '__main__', 'launch.py', '--device', 'cpu', 'gc on: False']]
	assert gc.isenabled()
