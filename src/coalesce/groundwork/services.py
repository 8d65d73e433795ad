"""Writes to a coalition's groundwork, including carrying a training room's work in."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from coalesce.audit import log
from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions import roster
from coalesce.coalitions import services as coalition_services
from coalesce.coalitions.invitations import services as account_services
from coalesce.coalitions.models import (
    ActorType,
    ApplicantKind,
    CharterPolicy,
    Coalition,
    MembershipStatus,
)
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_text
from coalesce.goals.models import Goal
from coalesce.groundwork import policy
from coalesce.groundwork.actor_types import guess_actor_type
from coalesce.groundwork.limits import MAX_FIELD
from coalesce.groundwork.models import (
    Challenge,
    ChallengeStatus,
    Level,
    PartnerStatus,
    ProspectivePartner,
    Relationship,
)
from coalesce.training.catalogue import get_module
from coalesce.training.live import services as live_services


@dataclass(frozen=True)
class Carried:
    """What one "into a real coalition" added: counts, for the message and the API."""

    coalition: Coalition
    created: bool
    partners: int
    challenges: int
    policies: int


def _clean(value, field, required=True):
    return clean_text(value, field, max_length=MAX_FIELD, required=required)


def room_work(session, module):
    """(partner, challenge, strategy) triples the activity's groups recorded."""
    rows = []
    for item in module.items():
        if item.kind != "activity" or not item.activity.carry:
            continue
        carry = item.activity.carry
        for group in session.groups.filter(item_id=item.id).order_by("number"):
            record = group.record or {}
            rows.append(
                tuple(
                    (record.get(carry.get(role, ""), "") or "").strip()[:MAX_FIELD]
                    for role in ("partner", "challenge", "strategy")
                )
            )
    return rows


def handout_policies(module) -> dict[str, str]:
    guidance = {}
    for handout in module.handouts:
        for block in handout.blocks:
            for point in block.points:
                if point.charter_policy:
                    guidance.setdefault(point.charter_policy, point.text)
    return guidance


def session_to_coalition(user, session_id, *, coalition_slug="", name="") -> Carried:
    """Turn a finished session into a coalition (new, or one ``user`` keeps the charter of).

    The activity's partner types become prospective partners, its challenges and
    strategies the challenge register, and the handout's policies the charter's
    checklist (the guidance on each policy). Running it again adds only what is new.
    """
    with transaction.atomic():
        session = live_services.facilitated(user, session_id, lock=True)
        if session.is_open:
            raise Conflict(_("Close the session first, so that nothing more changes."))
        module = get_module(session.module_id, session.language)
        if coalition_slug:
            coalition = Coalition.objects.filter(slug=str(coalition_slug)[:60]).first()
            if coalition is None:
                raise NotFound(_("There is no such coalition."))
            actor = coalition_policy.actor_for(user, coalition)
            policy.require(actor, "groundwork.import")
            created = False
        else:
            name = _clean(name, "name")
            coalition = coalition_services.found_coalition(
                user=user, name=name, founder_kind=ApplicantKind.PERSON
            )
            created = True
        partners = challenges = 0
        for partner, challenge, strategy in room_work(session, module):
            if partner:
                _partner, new = ProspectivePartner.objects.get_or_create(
                    coalition=coalition,
                    description=partner,
                    defaults={"actor_type": guess_actor_type(partner), "source_session": session},
                )
                partners += new
            if challenge:
                _challenge, new = Challenge.objects.get_or_create(
                    coalition=coalition,
                    challenge=challenge,
                    partner=partner,
                    defaults={"strategy": strategy, "source_session": session},
                )
                challenges += new
        policies = 0
        for kind, guidance in handout_policies(module).items():
            policies += (
                CharterPolicy.objects.filter(coalition=coalition, kind=kind)
                .exclude(guidance=guidance)
                .update(guidance=guidance)
            )
        session.coalition = coalition
        session.save(update_fields=["coalition"])
        log.record(
            actor=user,
            action="coalition.from_training" if created else "groundwork.imported",
            obj=coalition,
            coalition=coalition,
        )
        return Carried(coalition, created, partners, challenges, policies)


# --- keeping the register -------------------------------------------------------------


def add_partner(actor, *, description, actor_type="") -> ProspectivePartner:
    policy.require(actor, "groundwork.edit")
    description = _clean(description, "description")
    if actor_type:
        actor_type = clean_choice(actor_type, ActorType, "actor_type")
    with transaction.atomic():
        if actor.coalition.prospective_partners.filter(description=description).exists():
            raise Conflict(_("This partner is already on the list."), "description")
        return ProspectivePartner.objects.create(
            coalition=actor.coalition,
            description=description,
            actor_type=actor_type or guess_actor_type(description),
        )


def _clean_level(value, field):
    if value in (None, ""):
        return None
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = None
    if level not in Level.values or isinstance(value, bool):
        raise DomainError(_("Choose low, medium or high."), field)
    return level


def update_partner(
    actor, partner_id, *, status=None, influence=None, interest=None, relationship=None
) -> ProspectivePartner:
    """Change a partner's status and its place on the stakeholder map (influence and
    interest low/medium/high, empty when not known yet; the relationship we have)."""
    policy.require(actor, "groundwork.edit")
    changes = {
        "influence": _clean_level(influence, "influence"),
        "interest": _clean_level(interest, "interest"),
    }
    if status is not None:
        changes["status"] = clean_choice(status, PartnerStatus, "status")
    if relationship is not None:
        changes["relationship"] = clean_choice(relationship, Relationship, "relationship")
    with transaction.atomic():
        partner = _one(actor.coalition.prospective_partners, partner_id)
        for name, value in changes.items():
            setattr(partner, name, value)
        partner.save(update_fields=list(changes))
        return partner


def set_partner_status(actor, partner_id, status) -> ProspectivePartner:
    """Change only the status (the map stays as it is)."""
    partner = _one(actor.coalition.prospective_partners, partner_id, lock=False)
    return update_partner(
        actor, partner_id, status=status, influence=partner.influence, interest=partner.interest
    )


def invite_partner(actor, partner_id, *, email, link_for) -> ProspectivePartner:
    """Invite someone at a prospective partner: the invitation carries the partner's
    name and kind, so their application starts filled in. The partner is "approached"."""
    policy.require(actor, "partner.invite")
    with transaction.atomic():
        partner = _not_yet_member(actor, partner_id)
        invitation = account_services.invite(
            actor,
            email,
            link_for=link_for,
            prefill={
                "kind": ApplicantKind.ORGANISATION,
                "organisation_name": partner.description,
                "actor_type": partner.actor_type,
            },
        )
        partner.invitation = invitation
        partner.contact_email = invitation.email
        if partner.status == PartnerStatus.PROSPECTIVE:
            partner.status = PartnerStatus.APPROACHED
        partner.save(update_fields=["invitation", "contact_email", "status"])
        return partner


def convert_partner(
    actor, partner_id, *, name, actor_type, country, email="", link_for=None
) -> ProspectivePartner:
    """Make a prospective partner a member at once (steering committee): its organisation
    is registered and its membership waits for the code of conduct, which the person
    invited at ``email`` (if given) acknowledges when they accept."""
    policy.require(actor, "partner.convert")
    with transaction.atomic():
        partner = _not_yet_member(actor, partner_id)
        membership = roster.add_member(
            actor,
            kind=ApplicantKind.ORGANISATION,
            name=name,
            actor_type=actor_type,
            country=country,
            status=MembershipStatus.AWAITING_CONDUCT,
        )
        partner.membership = membership
        partner.status = PartnerStatus.JOINED
        fields = ["membership", "status"]
        if email:
            partner.invitation = account_services.invite(
                actor, email, link_for=link_for, membership=membership
            )
            partner.contact_email = partner.invitation.email
            fields += ["invitation", "contact_email"]
        partner.save(update_fields=fields)
        log.record(
            actor=actor.user, action="partner.convert", obj=partner, coalition=actor.coalition
        )
        return partner


def add_challenge(actor, *, challenge, strategy="", partner="") -> Challenge:
    policy.require(actor, "groundwork.edit")
    challenge = _clean(challenge, "challenge")
    strategy = _clean(strategy, "strategy", required=False)
    partner = _clean(partner, "partner", required=False)
    with transaction.atomic():
        if actor.coalition.challenges.filter(challenge=challenge, partner=partner).exists():
            raise Conflict(_("This challenge is already in the register."), "challenge")
        return Challenge.objects.create(
            coalition=actor.coalition, challenge=challenge, strategy=strategy, partner=partner
        )


def update_challenge(actor, challenge_id, *, status=None, strategy=None) -> Challenge:
    policy.require(actor, "groundwork.edit")
    with transaction.atomic():
        challenge = _one(actor.coalition.challenges, challenge_id)
        if status is not None:
            challenge.status = clean_choice(status, ChallengeStatus, "status")
        if strategy is not None:
            challenge.strategy = _clean(strategy, "strategy", required=False)
        challenge.save()
        return challenge


def link_goal(actor, challenge_id, *, goal_id, linked=True) -> Challenge:
    """Link a challenge of the register to a goal of the coalition (or unlink it)."""
    policy.require(actor, "groundwork.edit")
    if not isinstance(linked, bool):
        raise DomainError(_("Answer yes or no."), "linked")
    with transaction.atomic():
        challenge = _one(actor.coalition.challenges, challenge_id)
        goal = None
        if not isinstance(goal_id, bool) and isinstance(goal_id, int):
            goal = Goal.objects.filter(coalition=actor.coalition, pk=goal_id).first()
        if goal is None:
            raise DomainError(_("Choose a goal of this coalition."), "goal_id")
        if linked:
            challenge.goals.add(goal)
        else:
            challenge.goals.remove(goal)
        record_by(actor, "groundwork.link_goal", challenge, fields=("goals",))
        return challenge


def _not_yet_member(actor, partner_id) -> ProspectivePartner:
    """The coalition's prospective partner, locked; 409 once it is a member (there is no
    one left to invite or convert)."""
    partner = _one(actor.coalition.prospective_partners, partner_id)
    if partner.membership_id:
        raise Conflict(_("This partner is a member already."))
    return partner


def _one(rows, pk, *, lock=True):
    if isinstance(pk, bool) or not isinstance(pk, int):
        raise DomainError(_("Choose an entry."), "id")
    found = (rows.select_for_update() if lock else rows).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found
