"""The finance API: the same selectors and services as the pages. Members read with
payees masked; the steering committee and admins record; an unbalanced entry, a
negative or non-numeric amount is a 4xx with the field, and nothing changes."""

from datetime import date

import pytest

from coalesce.finance.models import Entry, EntryStatus, Posting
from tests.support.api import api_as, assert_error
from tests.support.targets import FINANCE_AT_RISK

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/finance"


def entry_body(books, **change):
    return {
        "kind": "expense",
        "date": date.today().isoformat(),
        "description": "Printing",
        "lines": [
            {"account_id": books["finance_travel"], "side": "debit", "amount": "30.00"},
            {"account_id": books["finance_travel"], "side": "debit", "amount": 12.5},
            {"account_id": books["finance_bank"], "side": "credit", "amount": "42.50"},
        ],
        **change,
    }


def test_recording_with_explicit_lines(world, books, base):
    created = api_as(world, "admin").post(base + "/entries", entry_body(books))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "posted" and body["amount"] == "42.50"
    assert [line["side"] for line in body["lines"]] == ["debit", "debit", "credit"]
    report = api_as(world, "member").get(base + "/report").json()
    assert report["balanced"] and report["debits"] == report["credits"] == "5302.50"


@pytest.mark.parametrize(
    "lines,status,field",
    [
        ([("travel", "debit", "30"), ("bank", "credit", "29.99")], 400, "lines"),
        ([("travel", "debit", "-30"), ("bank", "credit", "-30")], 400, "lines.1.amount"),
        ([("travel", "debit", "thirty"), ("bank", "credit", "30")], 400, "lines.1.amount"),
        ([("travel", "debit", "30")], 400, "lines"),
        ([("travel", "sideways", "30"), ("bank", "credit", "30")], 400, "lines.1.side"),
    ],
)
def test_bad_lines_are_refused_and_change_nothing(world, books, base, lines, status, field):
    sent = [
        {"account_id": books[f"finance_{a}"], "side": side, "amount": amount}
        for a, side, amount in lines
    ]
    counts = (Entry.objects.count(), Posting.objects.count())
    response = api_as(world, "steering").post(base + "/entries", entry_body(books, lines=sent))
    body = assert_error(response, status)
    if field:
        assert body["field"] == field
    assert (Entry.objects.count(), Posting.objects.count()) == counts


@pytest.mark.parametrize(
    "amount,status", [("-5", 400), ("abc", 400), (0, 400), ("1.005", 400), ({"x": 1}, 422)]
)
def test_a_bad_simple_amount_is_refused(world, books, base, amount, status):
    body = entry_body(books, amount=amount)
    del body["lines"]
    body |= {"account_id": books["finance_travel"], "funds_account_id": books["finance_bank"]}
    counts = Entry.objects.count()
    assert_error(api_as(world, "steering").post(base + "/entries", body), status)
    assert Entry.objects.count() == counts


def test_members_see_aliases_and_the_steering_committee_the_at_risk_name(world, books, base):
    member = api_as(world, "member").get(base + "/entries")
    assert member.status_code == 200
    payees = {e["description"]: e for e in member.json()}
    assert payees["Fuel"]["payee"] == "Driver" and payees["Fuel"]["payee_is_alias"]
    assert payees["Bus fares"]["payee"] == "Friends of the Riverside"
    assert payees["Bus fares"]["payee_member_id"] == world.memberships["pseudonymous"].id
    assert payees["Train tickets"]["payee"] == "A member"
    assert payees["Train tickets"]["payee_member_id"] is None  # not listed to a member
    for text in (
        member.content.decode(),
        api_as(world, "member").get(base + "/ledger.csv").content.decode(),
    ):
        assert FINANCE_AT_RISK not in text
        assert world.markers["pseudonymous_name"] not in text
        assert world.markers["steering_only_name"] not in text
    steering = api_as(world, "steering").get(base + "/entries").content.decode()
    assert FINANCE_AT_RISK in steering


def test_approval_through_the_api(world, books, base):
    pending = books["finance_pending"]
    listed = api_as(world, "steering").get(base + "/entries", {"status": "pending"}).json()
    assert [e["id"] for e in listed] == [pending]
    assert_error(api_as(world, "admin").post(f"{base}/entries/{pending}/approve"), 403)
    approved = api_as(world, "steering").post(f"{base}/entries/{pending}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "posted"
    assert approved.json()["approvals"] == 1
    assert_error(api_as(world, "steering").post(f"{base}/entries/{pending}/reject"), 409)
    assert Entry.objects.get(id=pending).status == EntryStatus.POSTED


def test_accounts_budget_and_rule(world, books, base):
    steering = api_as(world, "steering")
    added = steering.post(base + "/accounts", {"name": "Petty cash", "kind": "asset"})
    assert added.status_code == 201 and added.json()["balance"] == "0.00"
    assert_error(steering.post(base + "/accounts", {"name": "Petty cash", "kind": "asset"}), 409)
    accounts = {a["name"]: a for a in api_as(world, "member").get(base + "/accounts").json()}
    assert accounts["Bank"]["balance"] == "4740.00" and accounts["Grants"]["balance"] == "5000.00"
    line = steering.post(
        base + "/budget", {"year": date.today().year, "name": "Rent", "planned": "600"}
    )
    assert line.status_code == 201 and line.json()["actual"] == "0.00"
    assert_error(
        steering.post(base + "/budget", {"year": date.today().year, "name": "X", "planned": "-1"}),
        400,
        "planned",
    )
    budget = api_as(world, "member").get(base + "/budget").json()
    assert {b["name"]: b["actual"] for b in budget} == {"Rent": "0.00", "Travel": "260.00"}
    rule = steering.put(
        base + "/rule", {"currency": "KES", "approval_threshold": "50", "approvals_required": 1}
    )
    assert rule.status_code == 200 and rule.json()["approval_threshold"] == "50.00"
    assert api_as(world, "member").get(base + "/rule").json()["currency"] == "KES"
    assert_error(
        steering.put(
            base + "/rule", {"currency": "KES", "approval_threshold": "x", "approvals_required": 1}
        ),
        400,
        "approval_threshold",
    )


def test_outsiders_get_nothing(world, books, base):
    for path in ("/entries", "/accounts", "/budget", "/report", "/ledger.csv"):
        response = api_as(world, "outsider").get(base + path)
        assert response.status_code in (403, 404), path
