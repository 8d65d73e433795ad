"""Django's SQLite backend with a queue for writers.

With ``transaction_mode = IMMEDIATE`` every transaction takes SQLite's write lock at
BEGIN. A writer that finds the lock taken is put to sleep by SQLite's busy handler,
for longer each time (1, 2, 5, 10 … 100 ms) and not in order of arrival: under many
concurrent writers (32 voters) a few waited seconds while the lock was free most of
the time. Here each connection first takes an exclusive ``flock`` on a file beside the
database and holds it until its transaction ends, so writers of every thread and
process queue in the kernel and each starts as soon as the previous one commits.
SQLite's own lock is unchanged (and still protects against any other writer); an
in-memory database (the tests) has no queue.
"""

import fcntl
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd = None
    _in_queue = False

    def _queue(self) -> int | None:
        if self._queue_fd is None and not self.is_in_memory_db():
            path = f"{self.settings_dict['NAME']}.write-queue"
            self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._queue_fd

    def _start_transaction_under_autocommit(self):
        fd = self._queue()
        if fd is not None and not self._in_queue:
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks without holding the GIL
            self._in_queue = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _leave_queue(self):
        if self._in_queue:
            self._in_queue = False
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._leave_queue()
            if self._queue_fd is not None:
                os.close(self._queue_fd)
                self._queue_fd = None
