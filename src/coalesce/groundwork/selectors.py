"""Reads of a coalition's groundwork, and what "into a real coalition" would carry over.

Nothing here reads memberships: the register holds what a training room or the
steering committee wrote about organisations the coalition hopes to bring in.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from coalesce.coalitions.models import (
    Coalition,
    CoalitionStaff,
    CommitteeKind,
    CommitteeSeat,
    MembershipStatus,
    PolicyKind,
    StaffRole,
)
from coalesce.goals.hooks import Linked
from coalesce.goals.models import Goal
from coalesce.groundwork import policy
from coalesce.groundwork.models import Challenge
from coalesce.groundwork.services import handout_policies, room_work
from coalesce.training.live import services as live_services


@dataclass(frozen=True)
class Register:
    partners: list
    challenges: list


def register(actor) -> Register:
    policy.require(actor, "groundwork.view")
    coalition = actor.coalition
    return Register(
        partners=list(coalition.prospective_partners.order_by("description", "id")),
        challenges=list(coalition.challenges.order_by("status", "id").prefetch_related("goals")),
    )


def goal_choices(actor) -> list:
    """The coalition's goals a challenge may be linked to."""
    return list(Goal.objects.filter(coalition=actor.coalition).only("id", "title"))


def challenges_of_goals(actor, goal_ids) -> dict:
    """The ``goals.hooks`` reader: challenges of the register linked to each goal, for
    whoever may read the register (members)."""
    if not policy.allows(actor, "groundwork.view"):
        return {}
    found: dict = {}
    rows = Challenge.goals.through.objects.filter(
        goal_id__in=goal_ids, challenge__coalition=actor.coalition
    ).select_related("challenge")
    for row in rows.order_by("challenge_id"):
        challenge = row.challenge
        found.setdefault(row.goal_id, []).append(
            Linked(
                kind="challenge",
                id=challenge.id,
                label=challenge.challenge,
                detail=challenge.strategy,
                status=challenge.get_status_display(),
            )
        )
    return found


def coalitions_kept_by(user):
    """Coalitions whose charter ``user`` keeps: an admin of it, or on its steering
    committee through an active membership (the ``groundwork.import`` rule), in SQL."""
    if user is None or not user.is_authenticated:
        return Coalition.objects.none()
    admin = CoalitionStaff.objects.filter(coalition=OuterRef("pk"), user=user, role=StaffRole.ADMIN)
    steering = CommitteeSeat.objects.filter(
        Q(membership__person__user=user) | Q(membership__organisation__people__user=user),
        Q(person__isnull=True) | Q(person__user=user),
        committee__coalition=OuterRef("pk"),
        committee__kind=CommitteeKind.STEERING,
        membership__status=MembershipStatus.ACTIVE,
    )
    return Coalition.objects.filter(Exists(admin) | Exists(steering)).order_by("name", "id")


@dataclass(frozen=True)
class Preview:
    session: object
    module: object
    rows: list  # (partner type, challenge, strategy) the groups recorded
    policies: list  # (policy name, guidance from the handout)

    @property
    def partners(self) -> list[str]:
        return list(dict.fromkeys(row[0] for row in self.rows if row[0]))

    @property
    def challenges(self) -> list:
        return [row for row in self.rows if row[1]]


def carry_preview(user, session_id) -> Preview:
    """What ``services.session_to_coalition`` would carry from the session."""
    session = live_services.facilitated(user, session_id)
    module = live_services.module_of(session)
    labels = dict(PolicyKind.choices)
    policies = [
        (labels.get(kind, kind), guidance)
        for kind, guidance in handout_policies(module).items()
        if kind in labels
    ]
    return Preview(session, module, room_work(session, module), policies)
