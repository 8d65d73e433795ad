"""The one permission policy for coalitions: who may see and do what.

Pages, the API and the command line all ask ``allows``/``require``; nothing else
decides access. Two layers:

* roles an actor holds in one coalition (``Actor``), computed once per request;
* rules per action (``RULES``) and the visibility rules for memberships, which are
  also expressed as SQL filters so lists, counts and exports never include what the
  actor may not see.
"""

from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from coalesce.accounts.models import Invitation, InvitationKind
from coalesce.coalitions.models import (
    Application,
    ApplicationStatus,
    CoalitionStaff,
    CommitteeKind,
    JoinMode,
    MembershipStatus,
    Person,
    SeatRole,
    StaffRole,
    Visibility,
)
from coalesce.core.policy import Policy, Rule


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    OUTSIDER = "outsider"  # signed in, no tie to this coalition
    APPLICANT = "applicant"
    MEMBER = "member"
    CHAIR = "chair"
    STEERING = "steering"
    ADMIN = "admin"
    CUSTODIAN = "custodian"


@dataclass(frozen=True)
class Actor:
    user: object | None
    coalition: object
    roles: frozenset = frozenset()
    own_membership_ids: frozenset = frozenset()
    person_ids: frozenset = frozenset()
    chaired_committee_ids: frozenset = frozenset()
    committee_ids: frozenset = field(default=frozenset())
    # Accepted an invitation to this coalition (may apply even when it is invitation-only).
    invited: bool = False

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_signed_in(self) -> bool:
        return self.user is not None

    @property
    def is_member_level(self) -> bool:
        """Sees what active members see."""
        return self.has(Role.MEMBER, Role.STEERING, Role.ADMIN, Role.CUSTODIAN)

    @property
    def sees_all_statuses(self) -> bool:
        return self.has(Role.STEERING, Role.ADMIN, Role.CUSTODIAN)

    @property
    def can_see_coalition(self) -> bool:
        return self.is_member_level or self.has(Role.APPLICANT) or self.coalition.has_public_page


_SEAT_FIELDS = ("committee_id", "committee__kind", "role", "person_id")
_MEMBERSHIPS = ("own_membership", "organisation__membership")


def actor_for(user, coalition) -> Actor:
    """Work out what ``user`` is in ``coalition``, once per request: one query for a
    member (their people, memberships, seats and staff roles joined), two for staff
    who are not members, three for an applicant or outsider."""
    if user is None or not user.is_authenticated:
        return Actor(user=None, coalition=coalition, roles=frozenset({Role.ANONYMOUS}))
    staff = CoalitionStaff.objects.filter(coalition=coalition, user=user)
    rows = _person_rows(Person.objects.filter(coalition=coalition, user=user), staff)
    if rows:
        actor = _member_actor(user, coalition, rows)
    else:
        roles = frozenset(Role(role) for role in staff.values_list("role", flat=True))
        actor = Actor(user=user, coalition=coalition, roles=roles)
    if actor.roles:
        return actor
    # Neither member nor staff (perhaps a former member): an applicant or an outsider.
    pending = Application.objects.filter(
        coalition=coalition, applicant=user, status=ApplicationStatus.PENDING
    )
    invited = (
        coalition.join_mode != JoinMode.OPEN
        and Invitation.objects.filter(
            coalition=coalition, accepted_by=user, kind=InvitationKind.INVITATION
        ).exists()
    )
    role = Role.APPLICANT if pending.exists() else Role.OUTSIDER
    return replace(actor, roles=frozenset({role}), invited=invited)


def person_actors(coalition, users) -> dict[int, Actor]:
    """``actor_for`` of many users at once, in one query, for background work in
    batches (digests): user id → actor, for the users with a person in ``coalition``
    (the others are left out)."""
    users = {user.pk: user for user in users}
    staff = CoalitionStaff.objects.filter(coalition=coalition, user=OuterRef("user_id"))
    people = Person.objects.filter(coalition=coalition, user_id__in=users)
    rows_of: dict[int, list[dict]] = {}
    for row in _person_rows(people, staff):
        rows_of.setdefault(row["user_id"], []).append(row)
    return {pk: _member_actor(users[pk], coalition, rows) for pk, rows in rows_of.items()}


def _member_actor(user, coalition, rows) -> Actor:
    person_ids = frozenset(row["id"] for row in rows)
    seated = _Seated.of(rows, person_ids)
    roles = set(seated.roles)
    roles.update(Role(r) for r in StaffRole.values if rows[0][f"staff_{r}"])
    return Actor(
        user=user,
        coalition=coalition,
        roles=frozenset(roles),
        own_membership_ids=frozenset(seated.own),
        person_ids=person_ids,
        chaired_committee_ids=frozenset(seated.chaired),
        committee_ids=frozenset(seated.committee_ids),
    )


def _person_rows(people, staff) -> list[dict]:
    """One row per person × seat of their membership (a handful): LEFT JOINs, so a
    person without membership or seats still gives a row; each with the staff roles."""
    return list(
        people.annotate(
            **{
                f"staff_{role}": Exists(staff.filter(role=role).values("pk"))
                for role in StaffRole.values
            }
        ).values(
            "id",
            "user_id",
            *(f"staff_{role}" for role in StaffRole.values),
            *(f"{m}__{f}" for m in _MEMBERSHIPS for f in ("id", "status")),
            *(f"{m}__seats__{f}" for m in _MEMBERSHIPS for f in _SEAT_FIELDS),
        )
    )


@dataclass
class _Seated:
    """A user's memberships and committee seats, read from ``_person_rows``."""

    own: set = field(default_factory=set)
    active: set = field(default_factory=set)
    committee_ids: set = field(default_factory=set)
    chaired: set = field(default_factory=set)
    roles: set = field(default_factory=set)

    @classmethod
    def of(cls, rows, person_ids) -> "_Seated":
        seated = cls()
        for row in rows:
            for prefix in _MEMBERSHIPS:
                seated._add(row, prefix, person_ids)
        if seated.active:
            seated.roles.add(Role.MEMBER)
        return seated

    def _add(self, row, prefix, person_ids) -> None:
        membership_id = row[f"{prefix}__id"]
        if not membership_id:
            return
        self.own.add(membership_id)
        if row[f"{prefix}__status"] != MembershipStatus.ACTIVE:
            return
        self.active.add(membership_id)
        committee_id = row[f"{prefix}__seats__committee_id"]
        seat_person = row[f"{prefix}__seats__person_id"]
        # A seat of the membership as a whole, or of this user's person in it.
        if committee_id is None or (seat_person is not None and seat_person not in person_ids):
            return
        self.committee_ids.add(committee_id)
        if row[f"{prefix}__seats__committee__kind"] == CommitteeKind.STEERING:
            self.roles.add(Role.STEERING)
        if row[f"{prefix}__seats__role"] == SeatRole.CHAIR:
            self.chaired.add(committee_id)
            self.roles.add(Role.CHAIR)


def operator_actor(coalition) -> Actor:
    """The operator at the command line (``coalesce import_members`` …): trusted with the
    server, acting for the coalition's steering committee and admins. No account, so the
    audit log records the command line as the actor."""
    return Actor(user=None, coalition=coalition, roles=frozenset({Role.STEERING, Role.ADMIN}))


# --- memberships: who is listed, whose identity is shown, whose contacts -------------


def listed_visibilities(actor: Actor) -> set[str]:
    """Visibilities of memberships that appear (by name or alias) in the actor's lists."""
    if actor.has(Role.CUSTODIAN, Role.STEERING):
        return set(Visibility.values)
    if actor.is_member_level:
        return {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PSEUDONYMOUS}
    return {Visibility.PUBLIC}


def identity_visibilities(actor: Actor) -> set[str]:
    """Visibilities of memberships whose real identity the actor may see."""
    if actor.has(Role.CUSTODIAN):
        return set(Visibility.values)
    return listed_visibilities(actor) - {Visibility.PSEUDONYMOUS}


def listed_memberships_filter(actor: Actor, prefix: str = "") -> Q:
    """SQL filter for memberships the actor may see listed (prefix for related lookups)."""
    p = prefix
    allowed = Q(**{f"{p}visibility__in": listed_visibilities(actor)})
    if not actor.sees_all_statuses:
        allowed &= Q(**{f"{p}status": MembershipStatus.ACTIVE})
    if actor.own_membership_ids:
        allowed |= Q(**{f"{p}id__in": actor.own_membership_ids})
    return allowed


def identity_memberships_filter(actor: Actor, prefix: str = "") -> Q:
    """SQL filter for listed memberships whose real identity the actor may see."""
    p = prefix
    shown = Q(**{f"{p}visibility__in": identity_visibilities(actor)})
    if actor.own_membership_ids:
        shown |= Q(**{f"{p}id__in": actor.own_membership_ids})
    return listed_memberships_filter(actor, prefix) & shown


def is_listed(actor: Actor, membership) -> bool:
    if membership.id in actor.own_membership_ids:
        return True
    if not actor.sees_all_statuses and membership.status != MembershipStatus.ACTIVE:
        return False
    return membership.visibility in listed_visibilities(actor)


def sees_identity(actor: Actor, membership) -> bool:
    if membership.id in actor.own_membership_ids:
        return True
    return is_listed(actor, membership) and membership.visibility in identity_visibilities(actor)


def sees_contacts(actor: Actor, membership) -> bool:
    return actor.has(Role.CUSTODIAN) or membership.id in actor.own_membership_ids


def audit_actor_labels(viewer: Actor, users) -> dict[int, str]:
    """How the audit log names each of ``users`` to ``viewer``: by name, unless they act
    for members whose identity the viewer may not see — then the alias of such a member
    (or "a member"), so the log never tells an admin who holds a protected membership.
    Custodians see everyone's name."""
    users = {user.pk: user for user in users}
    labels = {pk: user.display_name or user.email for pk, user in users.items()}
    if viewer.has(Role.CUSTODIAN) or not users:
        return labels
    held: dict[int, list] = {}
    for row in Person.objects.filter(coalition=viewer.coalition, user_id__in=users).values(
        "user_id",
        *(f"{m}__{f}" for m in _MEMBERSHIPS for f in ("id", "status", "visibility", "alias")),
    ):
        for prefix in _MEMBERSHIPS:
            if row[f"{prefix}__id"]:
                held.setdefault(row["user_id"], []).append(
                    SimpleNamespace(
                        **{
                            f: row[f"{prefix}__{f}"]
                            for f in ("id", "status", "visibility", "alias")
                        }
                    )
                )
    for pk, memberships in held.items():
        if any(sees_identity(viewer, m) for m in memberships):
            continue
        aliases = [m.alias for m in memberships if is_listed(viewer, m) and m.alias]
        labels[pk] = aliases[0] if aliases else _("a member")
    return labels


def sees_application_identity(actor: Actor, application) -> bool:
    """An application that became a membership is masked like that membership."""
    return application.membership_id is None or sees_identity(actor, application.membership)


def application_name(actor: Actor, application) -> str:
    """The name to show for an application: the applicant's, or the alias of the
    protected membership it became."""
    if sees_application_identity(actor, application):
        return application.display_name
    return display_name(actor, application.membership)


def display_name(actor: Actor, membership) -> str:
    """The name to show for a listed membership: the real one, or its alias."""
    return membership.real_name if sees_identity(actor, membership) else membership.alias


# --- actions ------------------------------------------------------------------------

# Predicates every coalition domain's rules are made of.


def member_level(actor, obj=None) -> bool:
    return actor.is_member_level


def active_member(actor, obj=None) -> bool:
    return actor.has(Role.MEMBER)


def steering(actor, obj=None) -> bool:
    return actor.has(Role.STEERING)


def steering_or_admin(actor, obj=None) -> bool:
    return actor.has(Role.STEERING, Role.ADMIN)


def admin(actor, obj=None) -> bool:
    return actor.has(Role.ADMIN)


def _may_apply(actor, obj=None):
    return (
        actor.is_signed_in
        and not actor.own_membership_ids
        and not actor.has(Role.APPLICANT)
        and (actor.coalition.join_mode == JoinMode.OPEN or actor.invited)
    )


def _joins_openly(actor, obj=None):
    """A visitor may ask to join (confirm an address, then apply) without an invitation."""
    return actor.coalition.join_mode == JoinMode.OPEN and not actor.own_membership_ids


def _manages_committee(actor, committee):
    return actor.has(Role.STEERING, Role.ADMIN) or (
        committee is not None and committee.id in actor.chaired_committee_ids
    )


def _own_application_or_steering(actor, application):
    return actor.has(Role.STEERING) or (
        application is not None
        and actor.user is not None
        and application.applicant_id == actor.user.id
    )


def _own_membership(actor, membership):
    return membership is not None and membership.id in actor.own_membership_ids


def _own_or_custodian(actor, membership):
    return actor.has(Role.CUSTODIAN) or _own_membership(actor, membership)


RULES: dict[str, Rule] = {
    "coalition.public_page": lambda a, o=None: a.coalition.has_public_page or a.is_member_level,
    "coalition.dashboard": member_level,
    "coalition.edit": admin,
    "charter.view": member_level,
    "charter.edit": steering_or_admin,
    "members.list": member_level,
    "members.export": lambda a, o=None: a.has(Role.STEERING, Role.ADMIN, Role.CUSTODIAN),
    "members.import": steering_or_admin,
    "member.view": lambda a, m: is_listed(a, m) and (a.is_member_level or _own_membership(a, m)),
    "member.contacts": lambda a, m: sees_contacts(a, m),
    "member.edit_protection": _own_or_custodian,
    "member.set_status": steering,
    "member.acknowledge_conduct": _own_membership,
    "organisations.create": steering,
    "people.create": lambda a, org=None: a.has(Role.STEERING),
    "requirements.view": lambda a, o=None: a.is_signed_in,
    "requirements.manage": steering_or_admin,
    "applications.create": _may_apply,
    "coalition.join": _joins_openly,
    "coalition.next_steps": steering_or_admin,
    "applications.list": steering,
    "application.view": _own_application_or_steering,
    "application.decide": steering,
    "application.withdraw": lambda a, app: (
        app is not None and a.user is not None and app.applicant_id == a.user.id
    ),
    "diversity.view": member_level,
    "committees.list": member_level,
    "committee.view": member_level,
    "committees.create": steering_or_admin,
    "committee.edit": steering_or_admin,
    "committee.seats": _manages_committee,
    "invitations.create": steering_or_admin,
    "staff.manage": admin,
    "audit.view": lambda a, o=None: a.has(Role.ADMIN, Role.CUSTODIAN),
}


def coalition_policy(domain: str, rules: dict[str, Rule], *, hidden_when_refused=()) -> Policy:
    """A policy over a coalition's roles: refusals are 404 for whoever cannot see the
    coalition, and for a membership the actor may not see listed."""
    return Policy(
        domain,
        rules,
        hidden_when_refused=hidden_when_refused,
        context_hidden=lambda actor: not actor.can_see_coalition,
        object_hidden=lambda actor, obj: hasattr(obj, "visibility") and not is_listed(actor, obj),
    )


# Refusals that must not confirm the target exists (another person's application).
POLICY = coalition_policy(
    "coalitions",
    RULES,
    hidden_when_refused={"application.view", "application.decide", "application.withdraw"},
)
allows = POLICY.allows
require = POLICY.require
