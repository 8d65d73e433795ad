"""Rows built once for a whole test module and shared by its tests.

The rows are made inside a transaction that stays open for the whole module (as Django's
``TestCase.setUpTestData`` does for a class) and rolled back at its end, so nothing is ever
committed; each test runs inside a savepoint of it (pytest-django's ``db``), so whatever a
test writes is rolled back before the next and every test starts from the same rows.

Only for modules whose tests all run in the test transaction (no ``transaction=True``, no
live server: a flush inside the open transaction would break it), and whose tests do not
count on an empty database (every test of the module sees the shared rows)::

    @pytest.fixture(scope="module")
    def shared(django_db_setup, django_db_blocker):
        yield from module_rows(django_db_blocker, build)
"""

from django.db import DEFAULT_DB_ALIAS, transaction


def module_rows(django_db_blocker, build):
    """Generator for a module-scoped fixture: what ``build()`` returns, its rows kept in
    the open transaction until the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic(using=DEFAULT_DB_ALIAS)
        outer.__enter__()
        try:
            made = build()
        except BaseException:
            _roll_back(outer)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            _roll_back(outer)


def _roll_back(outer):
    transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
    outer.__exit__(None, None, None)
