"""What grows on each list page: ``add_…(world, objects, n)`` adds n items of what a list
shows to the standard world (``objects``: the matrices' ``targets``). The page budgets
measure every list with 1 and with ``MANY`` (tests/project/test_budgets.py) of them."""

import itertools
from datetime import timedelta

from django.utils import timezone

from tests.support import factories as f

_serial = itertools.count(1)  # unique names across the two rounds of growth


def actor(world, role):
    from coalesce.coalitions.policy import actor_for

    return actor_for(world.users[role], world.coalition)


def add_members(world, objects, n):
    from coalesce.coalitions.models import Visibility

    kinds = [Visibility.MEMBERS, Visibility.PUBLIC, Visibility.STEERING, Visibility.PSEUDONYMOUS]
    country = ["KE", "UG", "TZ", "NG", "ZA", "GH"]
    actor_types = ["cso", "professional_association", "academia", "faith_based", "media"]
    made = []
    for i in range(n):
        made.append(
            f.make_member(
                world.coalition,
                name=f"Grown member organisation {next(_serial)}",
                visibility=kinds[i % len(kinds)],
                country=country[i % len(country)],
                actor_type=actor_types[i % len(actor_types)],
            )
        )
    return made


def add_committee_seats(world, objects, n):
    for membership in add_members(world, objects, n):
        f.seat(world.committee, membership)


def add_committees(world, objects, n):
    from coalesce.coalitions.models import Committee, CommitteeKind

    members = add_members(world, objects, n)
    for _i, membership in enumerate(members):
        committee = Committee.objects.create(
            coalition=world.coalition,
            name=f"Working group {next(_serial)}",
            kind=CommitteeKind.PUBLICITY,
        )
        f.seat(committee, membership, role="chair")
        f.seat(committee, world.memberships["member"])


def add_member_seats(world, objects, n):
    """Seats of one member (the member's own page lists its committees)."""
    from coalesce.coalitions.models import Committee, CommitteeKind

    for _i in range(n):
        committee = Committee.objects.create(
            coalition=world.coalition,
            name=f"Task force {next(_serial)}",
            kind=CommitteeKind.PUBLICITY,
        )
        f.seat(committee, world.memberships["member"])


def after_the_window():
    return timezone.now() + timedelta(days=30)


def add_proposals(world, objects, n):
    from coalesce.decisions import services as decide

    steering = actor(world, "steering")
    for i in range(n):
        proposal = decide.create_proposal(
            actor(world, "member"),
            category_id=objects["category"],
            title=f"Grown proposal {i}",
            body="Text of a grown proposal.",
        )
        if i % 3:
            decide.open_proposal(actor(world, "member"), proposal.id)
        if i % 3 == 2:
            decide.close_proposal(proposal.id, actor=steering, now=after_the_window())


def add_positions(world, objects, n):
    """Members who took a position (with a reason) and commented on the open proposal."""
    from coalesce.decisions.models import Ballot, Comment, Elector, Proposal

    proposal = Proposal.objects.get(pk=objects["proposal"])
    for i, membership in enumerate(add_members(world, objects, n)):
        elector = Elector.objects.create(
            proposal=proposal, key=f"m{membership.id}", membership=membership
        )
        Ballot.objects.create(
            proposal=proposal,
            elector=elector,
            position=["agree", "stand_aside", "block"][i % 3],
            reason="Because." if i % 3 == 2 else "",
        )
        Comment.objects.create(proposal=proposal, body=f"Comment {i} with *Markdown*.")


def add_outcome(world, objects, n):
    """The same, then the proposal closed: the outcome page (re-opened to grow it)."""
    from coalesce.decisions import services as decide
    from coalesce.decisions.models import Proposal, ProposalStatus

    Proposal.objects.filter(pk=objects["proposal"]).update(
        status=ProposalStatus.OPEN, closed_at=None
    )
    add_positions(world, objects, n)
    decide.close_proposal(
        objects["proposal"], actor=actor(world, "steering"), now=after_the_window()
    )


def add_conflicts(world, objects, n):
    from coalesce.decisions import services as decide

    for i in range(n):
        decide.raise_conflict(
            actor(world, "member"),
            title=f"Grown conflict {i}",
            description="What happened.",
            anonymous=bool(i % 2),
        )


def add_notifications(world, objects, n):
    from coalesce.decisions.models import Notification

    for i in range(n):
        for role in ("member", "chair", "steering", "admin", "custodian"):
            Notification.objects.create(
                user=world.users[role],
                coalition=world.coalition,
                proposal_id=objects["proposal"],
                text=f"A decision is open: grown {i}",
                read_at=timezone.now() if i % 2 else None,
            )


def add_audit_events(world, objects, n):
    from coalesce.audit import log

    for i in range(n):
        log.record(
            actor=world.users["steering"],
            action="membership.view_contacts",
            obj=world.memberships["member"],
            coalition=world.coalition,
            fields=["contact_email", f"field_{i % 3}"],
        )


def add_applications(world, objects, n):
    from coalesce.coalitions.models import Application

    for i in range(n):
        Application.objects.create(
            coalition=world.coalition,
            applicant=f.make_user(),
            kind="organisation",
            organisation_name=f"Applicant organisation {i}",
            actor_type="cso",
            country="KE",
            person_name=f"Applicant {i}",
        )


def add_plans(world, objects, n):
    from coalesce.training.models import Plan

    for i in range(n):
        Plan.objects.create(
            owner=world.users["member"],
            module_id="module-12",
            title=f"Grown session {i}",
            available_minutes=90,
        )


def add_categories(world, objects, n):
    from coalesce.decisions import services as decide

    steering = actor(world, "steering")
    for _i in range(n):
        category = decide.create_category(steering, name=f"Grown category {next(_serial)}")
        decide.define_rule(
            steering, category.id, method="consent", electorate="all_members", window_hours=24
        )


def add_focus_areas(world, objects, n):
    from coalesce.coalitions.models import FocusArea

    start = FocusArea.objects.count()
    for i in range(n):
        f.focus(world.coalition, f"Focus area {start + i}")


def add_requirements(world, objects, n):
    from coalesce.coalitions.models import EligibilityRequirement

    for i in range(n):
        EligibilityRequirement.objects.create(coalition=world.coalition, text=f"Requirement {i}")


def add_staff(world, objects, n):
    from coalesce.coalitions.models import StaffRole

    for _i in range(n):
        f.make_staff(world.coalition, f.make_user(), StaffRole.CUSTODIAN)


def add_tokens(world, objects, n):
    from coalesce.accounts.models import ApiToken

    for role in ("admin", "member", "steering"):
        for i in range(n):
            ApiToken.issue(world.users[role], f"grown {i}")


def add_invitations(world, objects, n):
    from coalesce.accounts.models import Invitation

    start = Invitation.objects.count()
    for i in range(n):
        Invitation.objects.create(
            coalition=world.coalition,
            email=f"invitee{start + i}@example.org",
            token_hash=f"{start + i:064d}",
            invited_by=world.users["admin"],
            expires_at="2099-01-01T00:00:00Z",
        )


def add_coalitions(world, objects, n):
    from coalesce.coalitions.models import Coalition

    for _i in range(n):
        coalition = f.make_coalition(f.make_user())
        Coalition.objects.filter(pk=coalition.pk).update(has_public_page=True)
        f.make_member(coalition, user=world.users["member"])
