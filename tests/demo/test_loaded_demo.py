"""The demo, loaded once for the module, and what each app put in it.

``load_demo`` takes seconds (it goes through the services, as a person would); these tests
only read what it made, so it is loaded once (tests/support/module_data.py) and each test
reads it in a savepoint of its own. The demo tests that change things, or that found a
coalition beside it, are in tests/demo/test_demo.py and load what they need themselves.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from coalesce.accounts.models import User
from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import Application, Coalition, Committee, Membership, Organisation
from coalesce.coalitions.policy import actor_for
from coalesce.credit import selectors as credit_selectors
from coalesce.credit.models import Output
from coalesce.decisions.models import Outcome
from coalesce.demo.coalition import DEMO_SLUG
from coalesce.demo.logins import LOGINS
from coalesce.digests import selectors as digest_selectors
from coalesce.digests.models import DigestChoice
from coalesce.expertise import selectors as expertise_selectors
from coalesce.expertise.models import Entry, HelpRequest
from coalesce.finance import selectors as finance_selectors
from coalesce.finance.models import EntryStatus
from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut
from coalesce.statements.models import SignatureMode, Statement, StatementStatus
from coalesce.statements.selectors import signatories
from coalesce.updates.models import Receipt, Reply, Update
from tests.conftest import FAST_HASHER
from tests.support.module_data import module_rows


def load_once():
    """The demo as ``load_demo`` makes it, and the mail sent while loading it (the demo
    users' passwords hashed with the fast hasher: nobody signs in here)."""
    del mail.outbox[:]
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        call_command("load_demo")
    return Coalition.objects.get(slug=DEMO_SLUG), list(mail.outbox)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from module_rows(django_db_blocker, load_once)


@pytest.fixture
def demo(db, loaded):
    """The demo coalition (read afresh: a test's changes in memory stay in that test)."""
    return Coalition.objects.get(pk=loaded[0].pk)


@pytest.fixture
def demo_mail(loaded):
    return loaded[1]


# --- the coalition and its decisions -----------------------------------------------------


def test_demo_loads_once_with_a_diverse_protected_coalition(demo):
    call_command("load_demo")  # again: it adds nothing
    coalition = Coalition.objects.get(slug="safer-communities")
    organisations = Organisation.objects.filter(coalition=coalition)
    assert organisations.count() >= 25
    assert organisations.values("actor_type").distinct().count() >= 8
    assert organisations.values("country").distinct().count() >= 4
    visibilities = set(
        Membership.objects.filter(coalition=coalition).values_list("visibility", flat=True)
    )
    assert {"steering", "pseudonymous", "public", "members"} <= visibilities
    assert Committee.objects.filter(coalition=coalition).count() == 5
    assert Application.objects.filter(coalition=coalition, status="pending").count() >= 2
    statuses = set(coalition.policies.values_list("status", flat=True))
    assert statuses == {"agreed", "draft", "missing"}


def test_demo_decisions_show_every_state(demo):
    from coalesce.accounts.models import User
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import selectors
    from coalesce.decisions.models import Comment, Conflict, Elector, Proposal, Rule

    call_command("load_demo")  # again: it adds nothing
    coalition = Coalition.objects.get(slug="safer-communities")
    # (the approval of the demo's joint statement is tested below, with the statements)
    proposals = Proposal.objects.filter(coalition=coalition, statements__isnull=True)
    assert proposals.count() == 7  # loaded once

    categories = set(coalition.decision_categories.values_list("slug", flat=True))
    assert {"joint-statements", "new-members", "budget", "day-to-day", "charter"} <= categories
    assert not Rule.objects.filter(category__coalition=coalition, category__rules=None).exists()

    consensus = proposals.get(category__name="Joint statements", status="closed")
    assert consensus.rule.method == "consensus"
    assert consensus.outcome == "adopted"
    assert consensus.result["counts"]["stand_aside"] == 1
    assert consensus.result["counts"]["block"] == 0
    assert consensus.ballots.get(position="stand_aside").reason

    failed = proposals.get(outcome="no_quorum")
    assert failed.status == "closed" and not failed.result["quorum_met"]
    assert failed.rule.version == 1  # decided under the Budget rule before it changed

    secret = proposals.get(status="open", rule__secret=True)
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    mine = selectors.my_elector(steering, secret)
    assert mine is not None and not mine.has_voted
    assert Elector.objects.filter(proposal=secret, has_voted=True).exists()

    blocked = proposals.get(status="open", rule__method="consensus")
    assert blocked.ballots.get(position="block").reason
    assert not blocked.ballots.filter(elector=selectors.my_elector(steering, blocked)).exists()

    draft = proposals.get(status="draft")
    assert Comment.objects.filter(proposal=draft).count() >= 2

    change = proposals.get(category__slug="charter")
    assert change.outcome == "adopted"
    budget_rule = Rule.objects.get(adopted_by=change)
    assert budget_rule.category.name == "Budget" and budget_rule.version == 2
    assert budget_rule.quorum_percent == 40

    conflicts = Conflict.objects.filter(coalition=coalition)
    assert conflicts.count() == 3
    assert conflicts.filter(raised_by__isnull=True).count() == 1
    assert conflicts.exclude(mediator="").count() == 1
    resolved = conflicts.get(status="resolved")
    assert resolved.proposals.filter(outcome="adopted").exists()


def test_the_demo_was_built_through_the_services(demo, demo_mail, client):
    from coalesce.accounts.models import Invitation, User
    from coalesce.audit.log import verify_chain
    from coalesce.audit.models import AuditEvent
    from coalesce.coalitions.models import CommitteeSeat, JoinMode, Person
    from coalesce.coalitions.policy import Role, actor_for

    assert not demo_mail  # invitations and confirmations were not sent anywhere
    coalition = Coalition.objects.get(slug="safer-communities")
    assert coalition.join_mode == JoinMode.OPEN
    ways_in = {"coalition.found", "membership.create", "membership.import"}
    demo_slugs = ["safer-communities", "coastal-justice"]
    for membership in Membership.objects.filter(coalition__slug__in=demo_slugs):
        assert AuditEvent.objects.filter(
            object_type="membership", object_id=str(membership.id), action__in=ways_in
        ).exists(), membership
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"coalition.found", "membership.import", "membership.create", "invitation.accept"} <= (
        actions
    )
    assert verify_chain() == (True, None)

    approved = Application.objects.filter(coalition=coalition, status="approved")
    assert approved.exists()
    for application in approved:
        assert application.decided_by and application.decided_at and application.membership
        assert application.membership.status == "active"
    seats = CommitteeSeat.objects.filter(committee__coalition=coalition)
    assert seats.count() == 26  # as many as before: 4 + 6 + 7 + 4 + 5
    assert not seats.exclude(membership__status="active").exists()

    # Every login except the two founders came in through a link it took up.
    for email in [
        "steering@demo.coalesce.test",
        "chair@demo.coalesce.test",
        "member@demo.coalesce.test",
        "custodian@demo.coalesce.test",
        "applicant@demo.coalesce.test",
    ]:
        assert Invitation.objects.filter(accepted_by__email=email).exists(), email

    # The admin founded it: a member through the Institute, chairing the steering committee.
    admin_user = User.objects.get(email="admin@demo.coalesce.test")
    founded = AuditEvent.objects.get(action="coalition.found", coalition=coalition)
    assert founded.actor == admin_user
    admin = actor_for(admin_user, coalition)
    assert admin.has(Role.ADMIN) and admin.has(Role.MEMBER) and admin.has(Role.STEERING)
    steering_committee = coalition.committees.get(kind="steering")
    assert steering_committee.id in admin.chaired_committee_ids
    assert Person.objects.get(user=admin_user, coalition=coalition).organisation.name == (
        "Institute for Security Governance Studies"
    )
    seats = dict(steering_committee.seats.values_list("membership__organisation__name", "role"))
    assert seats["Women for Safe Neighbourhoods"] == "secretary"
    for role in ["steering", "chair", "member"]:
        user = User.objects.get(email=f"{role}@demo.coalesce.test")
        assert actor_for(user, coalition).has(Role.MEMBER), role
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    assert steering.has(Role.STEERING)
    custodian = actor_for(User.objects.get(email="custodian@demo.coalesce.test"), coalition)
    assert custodian.has(Role.CUSTODIAN) and not custodian.own_membership_ids
    applicant = actor_for(User.objects.get(email="applicant@demo.coalesce.test"), coalition)
    assert applicant.has(Role.APPLICANT)
    outsider = actor_for(User.objects.get(email="outsider@demo.coalesce.test"), coalition)
    assert outsider.roles == {Role.OUTSIDER}

    # A visitor sees the way in.
    page = client.get("/c/safer-communities/").content.decode()
    assert "Apply to join" in page and "/c/safer-communities/people/join/" in page


# --- credit --------------------------------------------------------------------------------


def test_the_demo_has_outputs_lines_and_a_flag(demo):
    """The demo coalition's credit ledger, built through the services: the equity view flags
    the member that translates everything and is never credited."""
    coalition = demo
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    assert len(credit_selectors.outputs(steering)) == 4
    statement = Output.objects.get(coalition=coalition, kind="statement")
    line = credit_selectors.public_line(statement).text
    assert line.startswith("With contributions from Women for Safe Neighbourhoods")
    assert "Survivors of Police Abuse" not in line  # pseudonymous: counted
    equity = credit_selectors.equity(steering)
    assert [row.member.name for row in equity.rows if row.flagged] == ["Community Radio Network"]
    assert {g.group for g in equity.gaps if g.is_gap} == {"media"}


# --- expertise -----------------------------------------------------------------------------


def test_the_demo_shares_expertise_through_the_services(demo):
    """The demo's expertise: several members offer and need, one open request reaches the
    member offering that help — all through the services (each write audited)."""
    coalition = demo
    entries = Entry.objects.filter(coalition=coalition)
    assert entries.values("membership").distinct().count() >= 5
    assert {"offer", "need"} == set(entries.values_list("side", flat=True))
    assert AuditEvent.objects.filter(action="expertise.entry_added").count() == entries.count()
    asked = HelpRequest.objects.get(coalition=coalition, status="open")
    assert AuditEvent.objects.filter(action="expertise.request_posted").count() == 1
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), coalition)
    rows, _total = expertise_selectors.directory(member)
    assert "Riverside Support Circle" in {row.member.name for row in rows}
    assert "Survivors of Police Abuse Support Group" not in {row.member.name for row in rows}
    chair = actor_for(User.objects.get(email=LOGINS["chair"][0]), coalition)
    assert expertise_selectors.help_request(chair, asked.id).answered


# --- finance -------------------------------------------------------------------------------


def test_the_demo_has_a_years_balanced_ledger_with_masked_payees(demo):
    """The demo's books: recorded through the services, balanced, with a queue and masks."""
    coalition = demo
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), coalition)
    debits, credits = finance_selectors.totals(member, year=date.today().year)
    assert debits == credits > Decimal("10000")
    rows = finance_selectors.entries(member, year=date.today().year)
    assert len(rows) >= 8
    assert [r.description for r in rows if r.status == EntryStatus.PENDING] == [
        "Radio spots on community stations"
    ]
    payees = {r.description: r.payee for r in rows}
    assert payees["Safe transport for witnesses"].label == "Trusted driver"
    assert payees["Travel to the county hearings"].is_alias
    assert "Peter Njoroge" not in {p.label for p in payees.values()}
    budget = {b.name: b for b in finance_selectors.budget(member, date.today().year)}
    assert budget["Meetings"].actual == Decimal("3050.00")
    approved = AuditEvent.objects.filter(coalition=coalition, action="finance.entry_approved")
    assert approved.count() == 2


# --- spokespeople --------------------------------------------------------------------------


def test_the_demo_roster_was_built_through_the_services(demo):
    """The demo coalition has a roster, an opted-out organisation and answered requests."""
    coalition = demo
    assert Mandate.objects.filter(coalition=coalition).count() == 8
    opted_out = SafetyOptOut.objects.get(coalition=coalition).membership
    assert opted_out.visibility == "pseudonymous"
    assert not Assignment.objects.filter(membership=opted_out).exists()
    assert Assignment.objects.filter(status="accepted").count() == 3
    assert Assignment.objects.filter(status="declined").count() == 1
    assert AuditEvent.objects.filter(action="spokespeople.grant").count() == 8


# --- statements ----------------------------------------------------------------------------


def test_the_demo_has_a_published_statement_and_a_draft(demo, client):
    """The demo coalition's statements: one published (approved by a decision in its
    category, one signatory counted but unnamed) and one draft under comment."""
    coalition = demo
    published = Statement.objects.get(coalition=coalition, status=StatementStatus.PUBLISHED)
    assert published.proposal.outcome == Outcome.ADOPTED
    assert published.proposal.category.name == "Joint statements"
    assert published.versions.count() == 2
    assert published.signatures.filter(mode=SignatureMode.UNNAMED).count() == 1
    public = signatories(actor_for(None, coalition), published)
    assert public.count == 4 and len(public.names) < 4
    draft = Statement.objects.get(coalition=coalition, status=StatementStatus.DRAFT)
    assert draft.versions.get().comments.count() == 1
    page = client.get(f"/c/{DEMO_SLUG}/statements/{published.id}/public/")
    assert page.status_code == 200 and published.locked_hash in page.content.decode()
    (with_logo,) = [s for s in public.names if s.logo is not None]  # the founder's
    assert (
        client.get(f"/c/{DEMO_SLUG}/statements/{published.id}/logos/{with_logo.signature_id}.png")[
            "Content-Type"
        ]
        == "image/png"
    )
    assert published.output.kind == "statement" and published.output.contributions.exists()


# --- updates -------------------------------------------------------------------------------


def test_the_demo_has_updates_to_everyone_and_to_a_committee(demo):
    """The demo coalition's updates, posted through the services."""
    to_all = Update.objects.get(committee__isnull=True)
    assert to_all.asks_acknowledgement
    assert Update.objects.filter(committee__isnull=False).count() == 1
    acknowledged = Receipt.objects.filter(update=to_all, acknowledged_at__isnull=False)
    assert acknowledged.count() == 1 and Reply.objects.filter(update=to_all).count() == 1
    assert AuditEvent.objects.filter(action="update.post").count() == 2


def test_the_demo_reads_updates_in_digests_and_the_chairs_holds_the_protocol(demo):
    """Two demo members chose a digest (through ``digests.services``); the chair's next
    digest holds the protocol it has not opened, and no update waits in an empty one."""
    chair = actor_for(User.objects.get(email=LOGINS["chair"][0]), demo)
    assert {c.frequency for c in DigestChoice.objects.all()} == {"daily", "weekly"}
    next_digest = digest_selectors.preview(chair)
    titles = [item.update.title for s in next_digest.sections for item in s.items]
    assert titles == ["Security protocol for the budget hearing"]


# --- meetings ------------------------------------------------------------------------------


def test_the_demo_plans_a_meeting_away_from_the_venue_a_member_marked(demo):
    """The general meeting's poll (through ``meetings.services``): the police station is
    marked by a member, so the scheduler proposes only the women's centre, and the
    steering committee's online meeting is scheduled."""
    from coalesce.demo.meetings import GENERAL_MEETING
    from coalesce.meetings import planning, selectors
    from coalesce.meetings.models import Meeting, MeetingStatus

    steering = actor_for(User.objects.get(email=LOGINS["steering"][0]), demo)
    general = selectors.meeting(steering, Meeting.objects.get(title=GENERAL_MEETING).id)
    found = planning.plan(steering, general, limit=10)
    assert found.schedule.proposals and found.schedule.excluded_venues == 1
    assert {found.venues[p.venue].name for p in found.schedule.proposals} == {"Women's centre hall"}
    scheduled = Meeting.objects.get(status=MeetingStatus.SCHEDULED)
    assert scheduled.committee.kind == "steering" and scheduled.venue.online
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), demo)
    assert [
        v.name for v in selectors.venues(member) if v.id in selectors.my_unsafe_venues(member)
    ] == ["Central police station, conference room"]
