"""The ledger's rules: amounts, balance, the lines of a simple entry, approval — and,
over random sequences of valid and invalid postings through the service, the ledger's
balance held in SQL (Σ debits = Σ credits, account balances equal to a pure-Python
model, exact Decimals), with invalid postings changing nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalesce.core.errors import DomainError
from coalesce.finance import rules

CENTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
NOT_AMOUNTS = st.sampled_from(
    ["-5", "0", "0.00", "-0.01", "abc", "1.001", "", "NaN", "Infinity", "1e400", "12,50", None]
)


@given(CENTS)
def test_a_positive_amount_with_two_places_reads_back_exactly(amount):
    assert rules.parse_amount(str(amount)) == amount
    assert rules.parse_amount(amount) == amount


@given(st.one_of(NOT_AMOUNTS, CENTS.map(lambda a: -a), st.floats()))
def test_negative_zero_non_numeric_and_float_amounts_are_refused(value):
    with pytest.raises(DomainError) as refused:
        rules.parse_amount(value)
    assert refused.value.field == "amount" and refused.value.message


def test_zero_is_allowed_only_where_asked():
    assert rules.parse_amount("0", allow_zero=True) == Decimal("0.00")
    with pytest.raises(DomainError):
        rules.parse_amount("-1", allow_zero=True)


LINES = st.lists(
    st.builds(rules.Line, st.integers(1, 4), st.sampled_from(rules.SIDES), CENTS),
    min_size=1,
    max_size=6,
)


@given(LINES)
def test_lines_are_accepted_exactly_when_debits_equal_credits(lines):
    debits, credits = rules.totals(lines)
    both_sides = {line.side for line in lines} == set(rules.SIDES)
    if debits == credits and both_sides:
        assert rules.balanced(lines) == debits
    else:
        with pytest.raises(DomainError):
            rules.balanced(lines)


@given(st.sampled_from(["income", "expense", "transfer"]), CENTS)
def test_a_simple_entry_always_balances(kind, amount):
    lines = rules.simple_lines(kind, 1, 2, amount)
    assert rules.balanced(lines) == amount
    with pytest.raises(DomainError):
        rules.simple_lines(kind, 3, 3, amount)


@given(st.sampled_from(["income", "expense", "transfer"]), CENTS, CENTS)
def test_only_an_expense_above_the_threshold_waits(kind, amount, threshold):
    assert rules.needs_approval(kind, amount, threshold) == (
        kind == "expense" and amount > threshold
    )


def test_enough_approvals():
    assert not rules.approved(0, 1) and rules.approved(1, 1)
    assert not rules.approved(1, 2) and rules.approved(2, 2)


# --- the ledger's balance over random postings ------------------------------------------

ACCOUNTS = [("Bank", "asset"), ("Cash", "asset"), ("Grants", "income"), ("Travel", "expense")]
DEBIT_NORMAL = {"asset", "expense"}

simple = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["income", "expense", "transfer"]),
        "account": st.integers(0, 3),
        "funds": st.integers(0, 1),
        "amount": st.one_of(CENTS.map(str), NOT_AMOUNTS),
    }
)
explicit = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["income", "expense", "transfer"]),
        "lines": st.lists(
            st.tuples(st.integers(0, 3), st.sampled_from(rules.SIDES), CENTS.map(str)),
            min_size=1,
            max_size=4,
        ),
        "balance_it": st.booleans(),
    }
)
approve = st.fixed_dictionaries({"approve": st.just(True)})
POSTINGS = st.lists(st.one_of(simple, explicit, approve), min_size=1, max_size=12)


def ledger_state(actor):
    """What SQL says: totals, balances per account, and the raw row counts."""
    from coalesce.finance import selectors
    from coalesce.finance.models import Entry, Posting

    return (
        selectors.totals(actor),
        {b.id: b.balance for b in selectors.balances(actor)},
        Entry.objects.count(),
        Posting.objects.count(),
    )


def as_lines(op, ids):
    lines = [
        {"account_id": ids[a], "side": side, "amount": amount} for a, side, amount in op["lines"]
    ]
    if op["balance_it"]:
        debits, credits = rules.totals([rules.Line(0, s, Decimal(a)) for _i, s, a in op["lines"]])
        if debits != credits:
            side = rules.CREDIT if debits > credits else rules.DEBIT
            lines.append({"account_id": ids[0], "side": side, "amount": str(abs(debits - credits))})
    return lines


def apply(admin, steering, op, ids, model):
    """Make one posting (or approve the oldest pending one); update the model with what
    was accepted and posted. Returns whether the service accepted it."""
    from coalesce.finance import services
    from coalesce.finance.models import EntryStatus

    if op.get("approve"):
        pending = admin.coalition.entries.filter(status=EntryStatus.PENDING).first()
        if pending is None:
            return False
        services.approve_entry(steering, pending.id)
        lines = pending.postings.values_list("account_id", "side", "amount")
    else:
        if "lines" in op:
            sent = {"lines": as_lines(op, ids)}
        else:
            sent = {
                "amount": op["amount"],
                "account_id": ids[op["account"]],
                "funds_account_id": ids[op["funds"]],
            }
        entry = services.record_entry(
            admin, kind=op["kind"], date=date(2026, 5, 1), description="Random", **sent
        )
        if entry.status != EntryStatus.POSTED:
            return True
        lines = entry.postings.values_list("account_id", "side", "amount")
    lines = list(lines)
    debits, credits = rules.totals([rules.Line(a, s, amt) for a, s, amt in lines])
    assert debits == credits  # what was accepted balanced
    for account, side, amount in lines:
        model[account] += amount if side == rules.DEBIT else -amount
    return True


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(postings=POSTINGS)
def test_the_ledger_balances_over_random_postings(world, postings):
    from coalesce.coalitions.policy import actor_for
    from coalesce.finance import services
    from coalesce.finance.models import AccountKind

    with transaction.atomic():
        admin = actor_for(world.users["admin"], world.coalition)
        steering = actor_for(world.users["steering"], world.coalition)
        services.update_settings(
            steering, currency="EUR", approval_threshold="1000", approvals_required=1
        )
        ids = [services.add_account(admin, name=n, kind=k).id for n, k in ACCOUNTS]
        kinds = dict(zip(ids, (k for _n, k in ACCOUNTS), strict=True))
        model = dict.fromkeys(ids, Decimal("0.00"))  # debits − credits per account
        for op in postings:
            before = ledger_state(admin)
            try:
                apply(admin, steering, op, ids, model)
            except DomainError:
                assert ledger_state(admin) == before, "a refused posting changed the ledger"
            (debits, credits), balances, _entries, _postings = ledger_state(admin)
            assert debits == credits
            assert isinstance(debits, Decimal) and debits == debits.quantize(rules.CENT)
            for account, net in model.items():
                expected = net if kinds[account] in DEBIT_NORMAL else -net
                assert balances[account] == expected, (kinds[account], balances, model)
        assert AccountKind.ASSET in kinds.values()
        transaction.set_rollback(True)
