"""The finance pages: members read the ledger, budget and CSV with payees masked; the
steering committee and admins record; bad input is shown on its field with a 4xx and
nothing saved; approvals go through the queue."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from coalesce.finance.models import Entry, EntryStatus, FinanceSettings, Posting
from tests.support.targets import FINANCE_AT_RISK

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, *args):
    return reverse(f"finance:{name}", args=[world.coalition.slug, *args])


def test_a_member_reads_the_ledger_with_masked_payees(world, books):
    body = world.client("member").get(url(world, "ledger")).content.decode()
    assert "Foundation grant" in body and "Open Doors Foundation" in body
    assert "Friends of the Riverside" in body and "Driver" in body
    assert FINANCE_AT_RISK not in body
    assert world.markers["pseudonymous_name"] not in body
    assert world.markers["steering_only_name"] not in body
    assert "5000.00" in body and "balanced" in body
    assert url(world, "entry_new") not in body  # a member does not record


def test_the_steering_committee_sees_the_at_risk_payee(world, books):
    body = world.client("steering").get(url(world, "ledger")).content.decode()
    assert FINANCE_AT_RISK in body and "at risk" in body


def test_the_csv_has_the_pages_rows_and_masking(world, books):
    response = world.client("member").get(url(world, "export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["description"] for r in rows} == {
        "Foundation grant",
        "Bus fares",
        "Train tickets",
        "Fuel",
        "Flights to the regional meeting",
    }
    payees = {r["description"]: r["payee"] for r in rows}
    assert payees["Fuel"] == "Driver" and payees["Bus fares"] == "Friends of the Riverside"
    assert FINANCE_AT_RISK not in response.content.decode()
    steering = world.client("steering").get(url(world, "export")).content.decode()
    assert FINANCE_AT_RISK in steering


def test_recording_an_entry_through_the_form(world, books):
    client = world.client("admin")
    assert client.get(url(world, "entry_new")).status_code == 200
    response = client.post(
        url(world, "entry_new"),
        {
            "kind": "expense",
            "date": date.today().isoformat(),
            "description": "Printing leaflets",
            "amount": "45.50",
            "account_id": books["finance_travel"],
            "funds_account_id": books["finance_cash"],
            "budget_line_id": books["finance_line"],
            "payee": "Print shop",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get(description="Printing leaflets")
    assert entry.status == EntryStatus.POSTED and entry.postings.count() == 2


@pytest.mark.parametrize("amount", ["-45", "forty", "0", ""])
def test_a_bad_amount_is_shown_on_its_field_and_saves_nothing(world, books, amount):
    counts = (Entry.objects.count(), Posting.objects.count())
    response = world.client("steering").post(
        url(world, "entry_new"),
        {
            "kind": "expense",
            "date": date.today().isoformat(),
            "description": "Bad",
            "amount": amount,
            "account_id": books["finance_travel"],
            "funds_account_id": books["finance_cash"],
        },
    )
    assert response.status_code == 400
    assert (
        'aria-invalid="true"' in response.content.decode() or "error" in response.content.decode()
    )
    assert (Entry.objects.count(), Posting.objects.count()) == counts


def test_the_same_account_twice_is_refused(world, books):
    response = world.client("steering").post(
        url(world, "entry_new"),
        {
            "kind": "transfer",
            "date": date.today().isoformat(),
            "description": "Nowhere",
            "amount": "10",
            "account_id": books["finance_cash"],
            "funds_account_id": books["finance_cash"],
        },
    )
    assert response.status_code == 400
    assert "two different accounts" in response.content.decode()


def test_approving_from_the_queue(world, books):
    client = world.client("steering")
    queue = client.get(url(world, "approvals")).content.decode()
    assert "Flights to the regional meeting" in queue and "Approve" in queue
    response = client.post(url(world, "entry_approve", books["finance_pending"]))
    assert response.status_code == 302
    assert Entry.objects.get(id=books["finance_pending"]).status == EntryStatus.POSTED
    again = client.post(url(world, "entry_approve", books["finance_pending"]))
    assert again.status_code == 409


def test_the_author_is_refused_in_the_queue(world, books):
    client = world.client("steering")
    client.post(
        url(world, "entry_new"),
        {
            "kind": "expense",
            "date": date.today().isoformat(),
            "description": "My own big expense",
            "amount": "800",
            "account_id": books["finance_travel"],
            "funds_account_id": books["finance_bank"],
        },
    )
    own = Entry.objects.get(description="My own big expense")
    assert own.status == EntryStatus.PENDING
    queue = client.get(url(world, "approvals")).content.decode()
    assert "someone else approves it" in queue
    response = client.post(url(world, "entry_approve", own.id))
    assert response.status_code == 403
    assert Entry.objects.get(id=own.id).status == EntryStatus.PENDING


def test_budget_page_shows_lines_against_actual_and_a_chart(world, books):
    body = world.client("member").get(url(world, "budget")).content.decode()
    assert "2000.00" in body and "260.00" in body and "<svg" in body
    response = world.client("admin").post(
        url(world, "budget_line_add"), {"year": date.today().year, "name": "Rent", "planned": "-5"}
    )
    assert response.status_code == 400
    ok = world.client("admin").post(
        url(world, "budget_line_add"), {"year": date.today().year, "name": "Rent", "planned": "600"}
    )
    assert ok.status_code == 302


def test_the_steering_committee_sets_the_rule(world, books):
    client = world.client("steering")
    bad = client.post(
        url(world, "settings"),
        {"currency": "KES", "approval_threshold": "-1", "approvals_required": 1},
    )
    assert bad.status_code == 400 and not FinanceSettings.objects.exists()
    ok = client.post(
        url(world, "settings"),
        {"currency": "KES", "approval_threshold": "2500", "approvals_required": 2},
    )
    assert ok.status_code == 302
    rule = FinanceSettings.objects.get()
    assert (rule.currency, str(rule.approval_threshold), rule.approvals_required) == (
        "KES",
        "2500.00",
        2,
    )


def test_accounts_are_added_on_the_ledger(world, books):
    client = world.client("admin")
    assert (
        client.post(url(world, "account_add"), {"name": "Petty cash", "kind": "asset"}).status_code
        == 302
    )
    again = client.post(url(world, "account_add"), {"name": "Petty cash", "kind": "asset"})
    assert again.status_code == 409


def test_outsiders_see_nothing(world, books):
    for name in ("ledger", "budget", "export"):
        assert world.client("outsider").get(url(world, name)).status_code in (403, 404)


def lines_form(books, *rows):
    data = {"kind": "expense", "date": date.today().isoformat(), "description": "Split"}
    for n, (account, side, amount) in enumerate(rows, start=1):
        data |= {
            f"line_{n}_account": books[f"finance_{account}"],
            f"line_{n}_side": side,
            f"line_{n}_amount": amount,
        }
    return data


def test_an_entry_with_its_own_lines(world, books):
    client = world.client("steering")
    assert client.get(url(world, "entry_lines")).status_code == 200
    response = client.post(
        url(world, "entry_lines"),
        lines_form(
            books,
            ("travel", "debit", "30"),
            ("travel", "debit", "15.5"),
            ("bank", "credit", "45.5"),
        ),
    )
    assert response.status_code == 302
    entry = Entry.objects.get(description="Split")
    assert entry.postings.count() == 3 and entry.status == EntryStatus.POSTED


def test_lines_that_do_not_balance_are_refused_with_the_totals(world, books):
    counts = (Entry.objects.count(), Posting.objects.count())
    client = world.client("steering")
    response = client.post(
        url(world, "entry_lines"),
        lines_form(books, ("travel", "debit", "30"), ("bank", "credit", "29")),
    )
    assert response.status_code == 400
    assert "Debits (30.00) and credits (29.00) must be equal" in response.content.decode()
    negative = client.post(
        url(world, "entry_lines"),
        lines_form(books, ("travel", "debit", "30"), ("bank", "credit", "-30")),
    )
    assert negative.status_code == 400
    assert negative.context["form"].errors["line_2_amount"]
    assert (Entry.objects.count(), Posting.objects.count()) == counts
