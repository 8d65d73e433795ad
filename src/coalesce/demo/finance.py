"""The demo coalition's books for this year: a grant and membership fees in, a modest
year of meetings, travel, printing and protection out, each on its budget line —
recorded through the finance services by the founder (steering committee and admin),
with the larger expenses approved by another steering committee member, and one still
waiting in the queue. One payee is a pseudonymous member (members see its alias), one a
driver marked at risk (members see "Trusted driver"). Names are invented."""

from datetime import date

from coalesce.accounts.models import User
from coalesce.coalitions.models import Visibility
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.finance import services

ACCOUNTS = [
    ("Bank", "asset"),
    ("Cash box", "asset"),
    ("Grants", "income"),
    ("Membership fees", "income"),
    ("Meetings and venues", "expense"),
    ("Travel", "expense"),
    ("Printing and communication", "expense"),
    ("Security and protection", "expense"),
]

BUDGET = [
    ("Grant income", "15000"),
    ("Membership fees", "2000"),
    ("Meetings", "6000"),
    ("Travel", "4000"),
    ("Communication", "2500"),
    ("Protection", "3000"),
]

# month, kind, description, amount, category, money account, budget line, payee, approve
ENTRIES = [
    (1, "income", "Core grant, first tranche", "12000", "Grants", "Bank", "Grant income",
     {"payee": "Open Doors Foundation"}, False),
    (2, "income", "Membership fees", "1650", "Membership fees", "Bank", "Membership fees", {},
     False),
    (2, "transfer", "Float for the cash box", "400", "Cash box", "Bank", None, {}, False),
    (3, "expense", "Hall for the general assembly", "850", "Meetings and venues", "Bank",
     "Meetings", {"payee": "Riverside Community Hall"}, True),
    (4, "expense", "Leaflets on the police accountability bill", "320",
     "Printing and communication", "Bank", "Communication", {"payee": "Quick Print Ltd"},
     False),
    (5, "expense", "Travel to the county hearings", "410", "Travel", "Bank", "Travel",
     "pseudonymous", False),
    (6, "expense", "Safe transport for witnesses", "260", "Security and protection",
     "Cash box", "Protection",
     {"payee": "Peter Njoroge", "payee_at_risk": True, "payee_alias": "Trusted driver"},
     False),
    (7, "expense", "Regional meeting of the steering committee", "2200", "Meetings and venues",
     "Bank", "Meetings", {"payee": "Lakeside Conference Centre"}, True),
    (9, "expense", "Radio spots on community stations", "700",
     "Printing and communication", "Bank", "Communication", {"payee": "Sauti FM"}, False),
    (10, "expense", "Bus fares for the training day", "185", "Travel", "Cash box", "Travel",
     {}, False),
]  # fmt: skip


def _user(role) -> User:
    return User.objects.get(email__iexact=LOGINS[role][0])


def load(coalition) -> None:
    recorder = actor_for(_user("admin"), coalition)
    approver = actor_for(_user("steering"), coalition)
    today = date.today()
    services.update_settings(
        approver, currency="EUR", approval_threshold="500", approvals_required=1
    )
    accounts = {
        name: services.add_account(recorder, name=name, kind=kind).id for name, kind in ACCOUNTS
    }
    lines = {
        name: services.add_budget_line(recorder, year=today.year, name=name, planned=planned).id
        for name, planned in BUDGET
    }
    hidden = coalition.memberships.filter(visibility=Visibility.PSEUDONYMOUS).first()
    for month, kind, description, amount, category, funds, line, payee, approve in ENTRIES:
        if payee == "pseudonymous":
            payee = {"payee_member_id": hidden.id} if hidden else {}
        entry = services.record_entry(
            recorder,
            kind=kind,
            date=min(date(today.year, month, 12), today),
            description=description,
            amount=amount,
            account_id=accounts[category],
            funds_account_id=accounts[funds],
            budget_line_id=lines[line] if line else None,
            **payee,
        )
        if approve:
            services.approve_entry(approver, entry.id)
