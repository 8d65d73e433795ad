"""The demo coalition's credit ledger: a credit policy that leaves translation uncredited,
and four outputs with their contributions — recorded through the services, like the
steering committee would (the joint statement's output is the one its publication made).
The Community Radio Network translates each of them and is never credited, so the
equity view flags it (and media shows as a gap by actor type)."""

from datetime import date

from coalesce.coalitions.models import Membership, name_is
from coalesce.credit import services
from coalesce.demo.statements import PUBLISHED_TITLE
from coalesce.statements.models import Statement

POLICY = {
    "roles": ["drafting", "research", "convening", "funding", "outreach", "security_support"],
    "name_order": "degree_alphabetical",
    "count_unnamed": True,
    "minimum_degree": "supporting",
}

RADIO = "Community Radio Network"

# title, kind, date, public, [(organisation, role, degree, consent)]; a statement's
# output is the one its publication made (``demo.statements``).
OUTPUTS = [
    (
        PUBLISHED_TITLE,
        "statement",
        date(2026, 2, 10),
        True,
        [
            ("Women for Safe Neighbourhoods", "drafting", "lead", "public"),
            ("Lakeside Legal Aid Centre", "research", "equal", "public"),
            ("Survivors of Police Abuse Support Group", "research", "supporting", "public"),
            ("Border Women Traders' Union", "outreach", "supporting", "private"),
            (RADIO, "translation", "equal", "public"),
        ],
    ),
    (
        "Community dialogue on police accountability",
        "event",
        date(2026, 3, 5),
        True,
        [
            ("Interfaith Council for Peace", "convening", "lead", "public"),
            ("Association of Women in Policing", "outreach", "equal", "public"),
            (RADIO, "translation", "equal", "public"),
        ],
    ),
    (
        "Safe to Report campaign",
        "campaign",
        date(2026, 4, 1),
        True,
        [
            ("Women for Safe Neighbourhoods", "outreach", "lead", "public"),
            ("Institute for Security Governance Studies", "funding", "equal", "public"),
            (RADIO, "translation", "supporting", "public"),
        ],
    ),
    (
        "Shadow report on deaths in police custody",
        "report",
        date(2026, 5, 20),
        False,
        [
            ("Institute for Security Governance Studies", "research", "lead", "public"),
            ("Survivors of Police Abuse Support Group", "research", "equal", "private"),
            ("Prison Watch Initiative", "research", "supporting", "public"),
            (RADIO, "translation", "equal", "public"),
        ],
    ),
]


def _membership(coalition, name) -> Membership:
    return Membership.objects.get(name_is(name, coalition, "organisation__"))


def load(actor) -> None:
    """``actor`` sits on the steering committee (the founder)."""
    services.set_credit_policy(actor, **POLICY)
    for title, kind, when, public, parts in OUTPUTS:
        published = Statement.objects.filter(coalition=actor.coalition, title=title).first()
        output = (
            published.output
            if published is not None and published.output is not None
            else services.record_output(actor, title=title, kind=kind, date=when, is_public=public)
        )
        for name, role, degree, consent in parts:
            services.record_contribution(
                actor,
                output.pk,
                membership_id=_membership(actor.coalition, name).pk,
                role=role,
                degree=degree,
                consent=consent,
            )
