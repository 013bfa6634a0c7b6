"""Password guessing: a few tries per address, then a lockout that grows; other addresses are not affected."""

import logging
from collections.abc import Iterator

import httpx
import pytest
from starlette.types import Message

from localai_ui.server import LoginAttempts, RunningServer, ServeOptions
from localai_ui.server.login_throttle import LoginThrottle
from tests.server.asgi_calls import RecordingApp, body_of, call, headers_of, http_scope, status_of
from tests.server.echo_app import PASSWORD, USER, FakeClock, login, served


@pytest.fixture
def clock() -> FakeClock:
	return FakeClock()


@pytest.fixture
def guarded_login(clock: FakeClock) -> Iterator[RunningServer]:
	options = ServeOptions(port=0, quiet=True, listen=True, auth=(USER, PASSWORD))
	with served(options, LoginAttempts(clock=clock)) as running:
		yield running


def test_guessing_is_locked_out_and_the_window_grows(
	guarded_login: RunningServer, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
	caplog.set_level(logging.WARNING, logger='localai_ui.server.login_attempts')
	assert [login(guarded_login, f'guess{i}').status_code for i in range(5)] == [400] * 5
	locked = login(guarded_login, 'guess5')
	assert locked.status_code == 429 and locked.headers['retry-after'] == '2'
	assert 'try again in 2 s' in locked.text and '127.0.0.1' in locked.text
	assert login(guarded_login, PASSWORD).status_code == 429  # the right password waits too: no oracle
	clock.now += 2.5
	assert login(guarded_login, 'guess6').status_code == 400
	assert login(guarded_login, 'guess7').headers['retry-after'] == '4'
	assert [record.getMessage() for record in caplog.records] == [
		'Login locked for 127.0.0.1 for 2 s after 5 failed attempts',
		'Login locked for 127.0.0.1 for 4 s after 6 failed attempts',
	]


def test_x_forwarded_for_does_not_make_a_new_client(guarded_login: RunningServer) -> None:
	def guess(i: int) -> httpx.Response:
		spoofed = {'X-Forwarded-For': f'10.9.9.{i}', 'X-Real-IP': f'10.8.8.{i}', 'Forwarded': f'for=10.7.7.{i}'}
		form = {'username': USER, 'password': 'x'}
		return httpx.post(f'{guarded_login.url}login', data=form, headers=spoofed)

	assert [guess(i).status_code for i in range(5)] == [400] * 5
	locked = guess(5)
	assert locked.status_code == 429 and 'from 127.0.0.1' in locked.text


def test_another_address_logs_in_while_one_is_locked_out(guarded_login: RunningServer) -> None:
	for i in range(6):
		login(guarded_login, f'guess{i}', source='127.0.0.2')
	assert login(guarded_login, PASSWORD, source='127.0.0.2').status_code == 429
	other = login(guarded_login, PASSWORD, source='127.0.0.3')
	assert other.status_code == 200 and other.json() == {'success': True}


def test_a_success_after_the_window_starts_the_count_again(guarded_login: RunningServer, clock: FakeClock) -> None:
	for i in range(6):
		login(guarded_login, f'guess{i}')
	clock.now += 3
	assert login(guarded_login, PASSWORD).status_code == 200
	assert [login(guarded_login, f'again{i}').status_code for i in range(6)] == [400] * 5 + [429]


def throttle(clock: FakeClock, status: int = 400) -> LoginThrottle:
	return LoginThrottle(RecordingApp(status=status), attempts=LoginAttempts(clock=clock))


def test_the_peer_address_counts_not_x_forwarded_for(clock: FakeClock) -> None:
	guard = throttle(clock)

	def guess(i: int) -> list[Message]:
		spoofed = {'x-forwarded-for': f'10.9.9.{i}'}
		return call(guard, http_scope('/login', method='POST', headers=spoofed, client='10.0.0.1'))

	assert [status_of(guess(i)) for i in range(5)] == [400] * 5
	sent = guess(5)
	assert status_of(sent) == 429 and '10.0.0.1' in body_of(sent)
	assert status_of(call(guard, http_scope('/login/', method='POST', client='10.0.0.2'))) == 400


def test_only_post_to_the_login_route_is_counted(clock: FakeClock) -> None:
	guard = throttle(clock)
	for _ in range(10):
		assert status_of(call(guard, http_scope('/gradio_api/info', method='POST'))) == 400
		assert status_of(call(guard, http_scope('/login', method='GET'))) == 400
	assert status_of(call(guard, http_scope('/login', method='POST'))) == 400


def test_answers_that_are_not_a_wrong_password_are_not_counted(clock: FakeClock) -> None:
	guard = throttle(clock, status=422)  # a malformed form: nothing was guessed
	statuses = [status_of(call(guard, http_scope('/login', method='POST'))) for _ in range(8)]
	assert statuses == [422] * 8


def test_retry_after_is_whole_seconds_rounded_up(clock: FakeClock) -> None:
	guard = throttle(clock)
	for _ in range(5):
		call(guard, http_scope('/login', method='POST'))
	clock.now += 0.5
	assert headers_of(call(guard, http_scope('/login', method='POST')))['retry-after'] == '2'


def test_lockout_is_capped_and_memory_stays_bounded(clock: FakeClock) -> None:
	attempts = LoginAttempts(clock=clock, free_failures=2, max_clients=3)
	assert attempts.lockout_s(2) == 2 and attempts.lockout_s(6) == 32 and attempts.lockout_s(50) == 300
	assert [attempts.begin('locked'), attempts.begin('locked')] == [0.0, 0.0]
	for address in ('b', 'c', 'd', 'e'):
		assert attempts.begin(address) == 0.0  # each new address pushes out the oldest one not locked out
	assert attempts.begin('locked') == 2.0
	assert [attempts.begin('b'), attempts.begin('b')] == [0.0, 0.0]  # forgotten: two fresh tries
	assert attempts.begin('b') > 0


def test_failures_long_ago_are_forgiven(clock: FakeClock) -> None:
	attempts = LoginAttempts(clock=clock)
	for _ in range(4):
		attempts.begin('a')
	clock.now += 3601
	assert [attempts.begin('a') for _ in range(5)] == [0.0] * 5  # five fresh tries
	assert attempts.begin('a') > 0
