"""The SQLite backend's queue for writers: taken at BEGIN, released at the end."""

import fcntl
import os

import pytest
from django.db import connection

from coalesce.core.sqlite.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only"),
    pytest.mark.django_db,  # pytest-django allows connections only then
]


def queue_is_free(path) -> bool:
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


@pytest.fixture
def database(tmp_path):
    settings = {**connection.settings_dict, "NAME": str(tmp_path / "queue.sqlite3")}
    wrapper = DatabaseWrapper(settings, alias="queue-test")
    wrapper.ensure_connection()
    yield wrapper, f"{settings['NAME']}.write-queue"
    wrapper.close()


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_write_transaction_holds_the_queue_until_it_ends(database, end):
    wrapper, queue = database
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (x integer)")
        cursor.execute("INSERT INTO t VALUES (1)")
    assert not queue_is_free(queue)
    getattr(wrapper, end)()
    assert queue_is_free(queue)


def test_an_in_memory_database_has_no_queue():
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": ":memory:"}, alias="mem")
    assert wrapper._queue() is None
