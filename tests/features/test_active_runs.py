"""Stop cancels the caller's own runs and nobody else's; tokens live only while their run does."""

import threading

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.schemas.cancel import CancelToken


def test_cancel_only_affects_the_owners_tokens() -> None:
	runs = ActiveRuns()
	with runs.track('alice') as first, runs.track('alice') as second, runs.track('bob') as other:
		assert runs.cancel('alice') == 2
		assert first.cancelled
		assert second.cancelled
		assert not other.cancelled


def test_cancel_with_nothing_running_returns_zero() -> None:
	runs = ActiveRuns()
	assert runs.cancel('alice') == 0
	with runs.track('bob'):
		assert runs.cancel('alice') == 0


def test_tokens_are_forgotten_after_the_block() -> None:
	runs = ActiveRuns()
	with runs.track('alice') as finished:
		pass
	assert runs.cancel('alice') == 0
	assert not finished.cancelled
	with runs.track('alice') as fresh:
		assert not fresh.cancelled
		assert fresh is not finished
		assert runs.cancel('alice') == 1


def test_tokens_are_forgotten_when_the_run_fails() -> None:
	runs = ActiveRuns()
	try:
		with runs.track('alice'):
			raise RuntimeError('out of memory')
	except RuntimeError:
		pass
	assert runs.cancel('alice') == 0


def test_one_finished_run_leaves_the_other_cancellable() -> None:
	runs = ActiveRuns()
	with runs.track('alice') as still_running:
		with runs.track('alice'):
			pass
		assert runs.cancel('alice') == 1
		assert still_running.cancelled


def test_wait_times_out_false_then_returns_true_once_cancelled() -> None:
	token = CancelToken()
	assert token.wait(0.01) is False
	assert not token.cancelled
	timer = threading.Timer(0.05, token.cancel)
	timer.start()
	assert token.wait(5.0) is True
	assert token.cancelled
	timer.join()
