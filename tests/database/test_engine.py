"""The engine's promises: WAL checked, pragmas on every connection, real transactions, typed errors."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from localai_ui.database import Database, DatabaseError, open_database


def test_pragmas_hold_on_every_pooled_connection(database: Database) -> None:
	with database.engine.connect() as first, database.engine.connect() as second:
		for connection in (first, second):
			assert connection.exec_driver_sql('PRAGMA journal_mode').scalar() == 'wal'
			assert connection.exec_driver_sql('PRAGMA foreign_keys').scalar() == 1
			assert connection.exec_driver_sql('PRAGMA busy_timeout').scalar() == 5000
			connection.rollback()  # every transaction holds the write lock (BEGIN IMMEDIATE): end it


def test_wal_is_visible_to_other_programs(database: Database, tmp_path: Path) -> None:
	with sqlite3.connect(tmp_path / 'data' / 'history.sqlite') as raw:
		assert raw.execute('PRAGMA journal_mode').fetchone() == ('wal',)


def test_memory_database_is_refused_because_it_cannot_use_wal() -> None:
	with pytest.raises(DatabaseError, match='not WAL'):
		open_database(Path(':memory:'))


def test_unopenable_path_raises_database_error(tmp_path: Path) -> None:
	folder = tmp_path / 'is_a_folder'
	folder.mkdir()
	with pytest.raises(DatabaseError, match='is_a_folder'):
		open_database(folder)


def test_transaction_commits_and_reopen_keeps_rows(tmp_path: Path) -> None:
	path = tmp_path / 'history.sqlite'
	first = open_database(path)
	with first.transaction() as session:
		session.execute(text('CREATE TABLE notes (body TEXT)'))
		session.execute(text("INSERT INTO notes VALUES ('kept')"))
	first.close()
	second = open_database(path)
	with second.transaction() as session:
		assert session.execute(text('SELECT body FROM notes')).scalars().all() == ['kept']
	second.close()


def test_transaction_rolls_back_rows_and_ddl_on_error(database: Database) -> None:
	with pytest.raises(KeyError), database.transaction() as session:
		session.execute(text('CREATE TABLE scratch (value INTEGER)'))
		session.execute(text('INSERT INTO scratch VALUES (1)'))
		raise KeyError('boom')
	with database.transaction() as session:
		tables = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'scratch'")).all()
	assert tables == []


def test_driver_failure_inside_transaction_is_a_database_error(database: Database) -> None:
	with pytest.raises(DatabaseError, match='no such table'), database.transaction() as session:
		session.execute(text('SELECT * FROM missing_table'))


def test_close_checkpoints_and_removes_the_wal_file(database: Database, tmp_path: Path) -> None:
	with database.transaction() as session:
		session.execute(text('CREATE TABLE notes (body TEXT)'))
	assert (tmp_path / 'data' / 'history.sqlite-wal').exists()
	database.close()
	assert not (tmp_path / 'data' / 'history.sqlite-wal').exists()


def test_a_second_writer_waits_for_the_first_instead_of_failing(database: Database) -> None:
	with database.transaction() as session:
		session.execute(text('CREATE TABLE notes (body TEXT)'))
	first_holds_lock = threading.Event()

	def slow_writer() -> None:
		with database.transaction() as session:
			session.execute(text("INSERT INTO notes VALUES ('first')"))
			first_holds_lock.set()
			time.sleep(0.3)

	thread = threading.Thread(target=slow_writer)
	thread.start()
	assert first_holds_lock.wait(5)
	with database.transaction() as session:
		session.execute(text("INSERT INTO notes VALUES ('second')"))
	thread.join()
	with database.transaction() as session:
		assert session.execute(text('SELECT body FROM notes')).scalars().all() == ['first', 'second']


def test_read_then_write_never_fails_when_another_thread_commits_in_between(database: Database) -> None:
	with database.transaction() as session:
		session.execute(text('CREATE TABLE counter (n INTEGER)'))
		session.execute(text('INSERT INTO counter VALUES (0)'))
	errors: list[Exception] = []

	def increment() -> None:
		try:
			with database.transaction() as session:
				value = session.execute(text('SELECT n FROM counter')).scalar_one()
				time.sleep(0.05)
				session.execute(text('UPDATE counter SET n = :n'), {'n': value + 1})
		except Exception as error:
			errors.append(error)

	threads = [threading.Thread(target=increment) for _ in range(4)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	assert errors == []
	with database.transaction() as session:
		assert session.execute(text('SELECT n FROM counter')).scalar_one() == 4
