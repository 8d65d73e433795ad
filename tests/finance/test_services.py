"""The finance services: the approval rule (threshold, never the author, how many),
budget against actual in SQL, payees, and bad input that changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden
from coalesce.finance import selectors, services
from coalesce.finance.models import Entry, EntryStatus, Posting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def expense(actor, books, amount, **extra):
    return services.record_entry(
        actor,
        kind="expense",
        date=date.today(),
        description="Printing",
        amount=amount,
        account_id=books["finance_travel"],
        funds_account_id=books["finance_bank"],
        **extra,
    )


def test_an_expense_above_the_threshold_waits_and_its_author_cannot_approve_it(books, as_role):
    admin, steering = as_role("admin"), as_role("steering")
    small = expense(steering, books, "500.00")
    assert small.status == EntryStatus.POSTED  # at the threshold: not above it
    big = expense(steering, books, "500.01")
    assert big.status == EntryStatus.PENDING
    with pytest.raises(Forbidden):
        services.approve_entry(steering, big.id)  # steering recorded it
    with pytest.raises(Forbidden):
        services.approve_entry(admin, big.id)  # not on the steering committee
    big.refresh_from_db()
    assert big.status == EntryStatus.PENDING and not big.approvals.exists()

    pending = Entry.objects.get(id=books["finance_pending"])  # recorded by the admin
    services.approve_entry(steering, pending.id)
    pending.refresh_from_db()
    assert pending.status == EntryStatus.POSTED and pending.posted_at
    with pytest.raises(Conflict):
        services.approve_entry(steering, pending.id)


def test_income_and_transfers_never_wait(books, as_role):
    admin = as_role("admin")
    moved = services.record_entry(
        admin,
        kind="transfer",
        date=date.today(),
        description="To the cash box",
        amount="9000",
        account_id=books["finance_cash"],
        funds_account_id=books["finance_bank"],
    )
    assert moved.status == EntryStatus.POSTED


def test_two_approvals_when_the_rule_asks_for_two(world, books, as_role):
    from coalesce.coalitions.models import SeatRole
    from tests.support import factories as f

    steering = as_role("steering")
    services.update_settings(
        steering, currency="kes", approval_threshold="100", approvals_required=2
    )
    assert selectors.rule(steering).currency == "KES"
    second_user = f.make_user("second@example.org", "Second Steering")
    second = f.make_member(world.coalition, user=second_user, name="Second Org")
    f.seat(world.steering_committee, second, SeatRole.MEMBER)
    entry = expense(as_role("admin"), books, "150")
    services.approve_entry(steering, entry.id)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING
    services.approve_entry(as_role_of(world, second_user), entry.id)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED


def as_role_of(world, user):
    from coalesce.coalitions.policy import actor_for

    return actor_for(user, world.coalition)


def test_rejecting_leaves_it_out_of_every_total(books, as_role):
    steering = as_role("steering")
    before = selectors.totals(steering)
    services.reject_entry(steering, books["finance_pending"])
    assert Entry.objects.get(id=books["finance_pending"]).status == EntryStatus.REJECTED
    assert selectors.totals(steering) == before
    with pytest.raises(Conflict):
        services.approve_entry(steering, books["finance_pending"])


def test_budget_against_actual_counts_posted_entries_of_the_line(books, as_role):
    steering = as_role("steering")
    line = next(r for r in selectors.budget(steering, date.today().year))
    # bus fares 120, train 80, fuel 60 are posted on the line; the 900 flight waits
    assert (line.planned, line.actual, line.remaining) == (
        Decimal("2000.00"),
        Decimal("260.00"),
        Decimal("1740.00"),
    )
    services.approve_entry(steering, books["finance_pending"])
    line = selectors.budget(steering, date.today().year)[0]
    assert line.actual == Decimal("1160.00") and line.remaining == Decimal("840.00")
    balances = {b.name: b.balance for b in selectors.balances(steering)}
    assert balances == {
        "Bank": Decimal("3840.00"),
        "Cash": Decimal("0.00"),
        "Grants": Decimal("5000.00"),
        "Travel": Decimal("1160.00"),
    }


BAD = [
    ({"amount": "-10"}, "amount"),
    ({"amount": "ten"}, "amount"),
    ({"amount": "0"}, "amount"),
    ({"amount": "1.234"}, "amount"),
    ({"funds_account_id": "finance_travel"}, "funds_account_id"),
    ({"kind": "gift"}, "kind"),
    ({"date": "yesterday"}, "date"),
    ({"description": ""}, "description"),
    ({"payee_alias": "Someone"}, "payee_alias"),
    ({"payee_member_id": "membership:member", "payee": "Also text"}, "payee"),
    ({"budget_line_id": 999999}, "budget_line_id"),
    (
        {"lines": [{"account_id": "finance_travel", "side": "debit", "amount": "10"}]},
        "lines",
    ),
    (
        {
            "lines": [
                {"account_id": "finance_travel", "side": "debit", "amount": "10"},
                {"account_id": "finance_bank", "side": "credit", "amount": "9.99"},
            ]
        },
        "lines",
    ),
    (
        {
            "kind": "transfer",
            "lines": [
                {"account_id": "finance_travel", "side": "debit", "amount": "10"},
                {"account_id": "finance_bank", "side": "credit", "amount": "10"},
            ],
        },
        "account_id",
    ),
]


@pytest.mark.parametrize("change,field", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_input_is_refused_on_its_field_and_changes_nothing(
    books, as_role, world, change, field
):
    def resolve(value):
        if isinstance(value, str) and value in books:
            return books[value]
        if value == "membership:member":
            return world.memberships["member"].id
        if isinstance(value, list):
            return [{k: resolve(v) for k, v in line.items()} for line in value]
        return value

    data = {
        "kind": "expense",
        "date": date.today(),
        "description": "Printing",
        "amount": "10",
        "account_id": books["finance_travel"],
        "funds_account_id": books["finance_bank"],
    }
    data.update({k: resolve(v) for k, v in change.items()})
    counts = (Entry.objects.count(), Posting.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as refused:
        services.record_entry(as_role("steering"), **data)
    assert refused.value.field == field or refused.value.field.startswith(field)
    assert (Entry.objects.count(), Posting.objects.count(), AuditEvent.objects.count()) == counts


def test_a_budget_line_of_another_year_is_refused(books, as_role):
    with pytest.raises(DomainError) as refused:
        services.record_entry(
            as_role("steering"),
            kind="expense",
            date=date(date.today().year - 1, 6, 1),
            description="Last year",
            amount="10",
            account_id=books["finance_travel"],
            funds_account_id=books["finance_bank"],
            budget_line_id=books["finance_line"],
        )
    assert refused.value.field == "budget_line_id"


def test_a_recorder_cannot_name_a_member_hidden_from_them(world, books, as_role):
    with pytest.raises(DomainError) as refused:
        expense(
            as_role("admin"), books, "10", payee_member_id=world.memberships["steering_only"].id
        )
    assert refused.value.field == "payee_member_id"


def test_accounts_lines_and_rule_refuse_bad_input(books, as_role):
    steering = as_role("steering")
    with pytest.raises(Conflict):
        services.add_account(steering, name="Bank", kind="asset")
    with pytest.raises(DomainError):
        services.add_account(steering, name="Safe", kind="vault")
    with pytest.raises(DomainError):
        services.add_budget_line(steering, year=1800, name="Old", planned="1")
    with pytest.raises(DomainError):
        services.add_budget_line(steering, year=2026, name="Minus", planned="-1")
    with pytest.raises(DomainError):
        services.update_settings(
            steering, currency="EURO", approval_threshold="1", approvals_required=1
        )
    with pytest.raises(DomainError):
        services.update_settings(
            steering, currency="EUR", approval_threshold="1", approvals_required=0
        )
    with pytest.raises(DomainError):
        services.update_settings(
            steering, currency="EUR", approval_threshold="-1", approvals_required=1
        )


def test_payees_are_masked_for_each_reader(world, books, as_role):
    from tests.support.targets import FINANCE_AT_RISK

    def payees(role):
        return {r.description: r.payee.label for r in selectors.entries(as_role(role))}

    member = payees("member")
    assert member["Bus fares"] == "Friends of the Riverside"  # the pseudonymous alias
    assert member["Train tickets"] == "A member"  # steering-only: not even listed
    assert member["Fuel"] == "Driver"
    steering = payees("steering")
    assert steering["Fuel"] == FINANCE_AT_RISK
    assert steering["Bus fares"] == "Friends of the Riverside"
    assert steering["Train tickets"] == world.markers["steering_only_name"]
    custodian = payees("custodian")
    assert custodian["Bus fares"] == world.markers["pseudonymous_name"]
    assert custodian["Fuel"] == FINANCE_AT_RISK
    assert payees("admin")["Fuel"] == "Driver"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's constraint trigger")
def test_postgresql_refuses_to_commit_an_unbalanced_entry(books):
    entry = Entry.objects.get(id=books["finance_pending"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(
            entry=entry, account_id=books["finance_cash"], side="debit", amount=Decimal("1")
        )
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert entry.postings.count() == 2


def test_the_database_refuses_a_line_that_is_not_positive(books):
    entry = Entry.objects.get(id=books["finance_pending"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(
            entry=entry, account_id=books["finance_cash"], side="debit", amount=Decimal("-1")
        )
