"""What the apps above accounts add to a person's account.

``accounts`` knows nothing of coalitions; the apps that do register, from their
``AppConfig.ready()``, the sections they add to the account export and the checks that
may refuse deleting an account (a check raises a ``DomainError`` to refuse).
"""

from collections.abc import Callable

account_data_sections: dict[str, Callable] = {}
account_deletion_checks: list[Callable] = []


def add_data_section(key: str, read: Callable) -> None:
    """``read(user)`` gives the export's ``key`` section; sections follow in this order."""
    account_data_sections[key] = read


def add_deletion_check(check: Callable) -> None:
    if check not in account_deletion_checks:
        account_deletion_checks.append(check)


def data_sections(user) -> dict:
    return {key: read(user) for key, read in account_data_sections.items()}


def check_deletion(user) -> None:
    for check in account_deletion_checks:
        check(user)
